import { DomainError } from '../common/domain-error';
import { JwtConfig } from '../config/jwt.config';
import { readUserClaim } from './user-claim';

const config = { userIdClaim: 'user_id', userIdField: 'id' } as JwtConfig;

describe('readUserClaim', () => {
  it('reads integers and strings of digits', () => {
    expect(readUserClaim({ user_id: 7 }, config)).toEqual({ by: 'id', id: 7 });
    expect(readUserClaim({ user_id: '42' }, config)).toEqual({ by: 'id', id: 42 });
  });

  it.each([0, -1, null, 2 ** 53, '99999999999'])('treats %p as naming no user', (v) => {
    expect(readUserClaim({ user_id: v }, config)).toEqual({ by: 'none' });
  });

  it.each([1.5, true, 'abc', { id: 1 }, [1], '1.0', ''])('refuses %p as token_not_valid', (v) => {
    expect(() => readUserClaim({ user_id: v }, config)).toThrow(DomainError);
  });

  it('refuses a token without the claim', () => {
    expect(() => readUserClaim({}, config)).toThrow('Token contained no recognizable user identification');
  });
});
