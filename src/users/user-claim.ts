import { Errors, MSG } from '../common/errors';
import { JwtConfig } from '../config/jwt.config';
import { Claims } from '../common/token-types';

/** How a token names its user, once read and checked. `none`: names a user that cannot exist. */
export type UserRef = { by: 'id'; id: number } | { by: 'username'; username: string } | { by: 'none' };

const MAX_ID = 2147483647;

/**
 * Reads the user claim. Missing, or of a type that cannot name a user (a float, a boolean, a
 * non-numeric string, an object): 401 token_not_valid. An id that no user can have (0, negative,
 * null, beyond the integer column): `none`, which answers user_not_found like a deleted user.
 */
export function readUserClaim(claims: Claims, config: JwtConfig): UserRef {
  if (!Object.hasOwn(claims, config.userIdClaim)) throw Errors.tokenNotValid(MSG.noUserId);
  const value = claims[config.userIdClaim];
  if (value === null) return { by: 'none' };
  if (config.userIdField === 'username') {
    if (typeof value !== 'string') throw Errors.tokenNotValid(MSG.noUserId);
    return { by: 'username', username: value };
  }
  let id: number;
  if (typeof value === 'number' && Number.isInteger(value)) id = value;
  else if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) id = Number(value);
  else throw Errors.tokenNotValid(MSG.noUserId);
  return id >= 1 && id <= MAX_ID ? { by: 'id', id } : { by: 'none' };
}
