import { DomainError } from '../common/domain-error';
import { UserEntity } from '../users/entities/user.entity';
import { AccessGate } from './access-gate';
import { SessionState, SessionStateCache } from '../sessions/session-state.cache';
import { UserState, UserStateCache } from '../users/user-state.cache';

const SID = 'a'.repeat(32);
const user = { id: 7, isActive: true } as UserEntity;

function gate(u: UserState, sessions: Record<string, SessionState>): AccessGate {
  const users = { peek: () => undefined, forClaims: () => Promise.resolve(u) } as unknown as UserStateCache;
  const states = {
    peek: (sid: string) => sessions[sid],
    get: (sid: string) => Promise.resolve(sessions[sid] ?? { userId: null, revoked: true }),
  } as unknown as SessionStateCache;
  return new AccessGate(users, states);
}

const token = (claims: Record<string, unknown>) => ({
  raw: '',
  jti: 'j',
  exp: 0,
  claims: { user_id: 7, ...claims },
});

async function refusal(p: Promise<unknown>): Promise<unknown> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof DomainError)) throw new Error('expected a DomainError');
  return e.body;
}

describe('AccessGate', () => {
  const live = { [SID]: { userId: 7, revoked: false } };

  it('admits a live session of an active user', async () => {
    await expect(gate({ user, cutoff: null }, live).admit(token({ sid: SID, iat: 1 }))).resolves.toBe(user);
  });

  it('refuses a revoked, unknown or foreign session as blacklisted', async () => {
    const message = (b: unknown) => (b as { messages: { message: string }[] }).messages[0].message;
    const revoked = { [SID]: { userId: 7, revoked: true } };
    expect(message(await refusal(gate({ user, cutoff: null }, revoked).admit(token({ sid: SID }))))).toBe(
      'Token is blacklisted',
    );
    expect(message(await refusal(gate({ user, cutoff: null }, {}).admit(token({ sid: SID }))))).toBe(
      'Token is blacklisted',
    );
    const foreign = { [SID]: { userId: 8, revoked: false } };
    expect(message(await refusal(gate({ user, cutoff: null }, foreign).admit(token({ sid: SID }))))).toBe(
      'Token is blacklisted',
    );
    expect(message(await refusal(gate({ user, cutoff: null }, live).admit(token({ sid: 42 }))))).toBe(
      'Token is blacklisted',
    );
  });

  it('answers user_inactive and user_not_found before looking at the session', async () => {
    const inactive = { ...user, isActive: false } as UserEntity;
    expect(await refusal(gate({ user: inactive, cutoff: null }, {}).admit(token({ sid: SID })))).toEqual({
      detail: 'User is inactive',
      code: 'user_inactive',
    });
    expect(await refusal(gate({ user: null, cutoff: null }, {}).admit(token({ sid: SID })))).toEqual({
      detail: 'User not found',
      code: 'user_not_found',
    });
  });

  it('checks a session-less token against the user cutoff by its iat', async () => {
    const g = gate({ user, cutoff: 1000 }, {});
    await expect(g.admit(token({ iat: 1001 }))).resolves.toBe(user);
    await expect(refusal(g.admit(token({ iat: 1000 })))).resolves.toMatchObject({ code: 'token_not_valid' });
    await expect(refusal(g.admit(token({})))).resolves.toMatchObject({ code: 'token_not_valid' });
    await expect(gate({ user, cutoff: null }, {}).admit(token({}))).resolves.toBe(user);
  });
});
