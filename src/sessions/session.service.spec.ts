import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { SessionsConfig } from '../config/sessions.config';
import { SecurityEventsService } from '../security-events/security-events.service';
import { UserEntity } from '../users/entities/user.entity';
import { RevocationService } from './revocation.service';
import { SessionStateCache } from './session-state.cache';
import { SessionUses } from './session-uses';
import { FamilyToken } from './session';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';

const NOW = 1_700_000_000_000;
const user = { id: 7, username: 'u' } as UserEntity;
const token = {
  raw: 'r',
  jti: 'j1',
  exp: NOW / 1000 + 60,
  claims: { user_id: 7, sid: 'a'.repeat(32), iat: NOW / 1000 },
};

function setUp(family: Partial<FamilyToken> | null, grace = 0) {
  const revoked: string[] = [];
  const repo = {
    findByJti: () =>
      Promise.resolve(
        family && {
          sessionId: 'a'.repeat(32),
          userId: 7,
          rotatedAt: null,
          revokedAt: null,
          expiresAt: new Date(NOW + 1000),
          ...family,
        },
      ),
  } as unknown as SessionRepository;
  const revocation = {
    revokeSession: (sid: string) => {
      revoked.push(sid);
      return Promise.resolve(true);
    },
  } as unknown as RevocationService;
  const events = { record: () => Promise.resolve() } as unknown as SecurityEventsService;
  const config: SessionsConfig = {
    reuseGrace: grace,
    maxLifetime: 3600,
    flushInterval: 0,
    auditRetention: 86400,
  };
  const clock = { now: () => NOW } as Clock;
  const service = new SessionService(
    repo,
    revocation,
    {} as SessionStateCache,
    {} as SessionUses,
    events,
    config,
    clock,
  );
  return { service, revoked };
}

describe('SessionService', () => {
  it('revokes the family when a token rotated out before the grace window is presented again', async () => {
    const { service, revoked } = setUp({ rotatedAt: new Date(NOW - 1) });
    await service.rejectedReuse(token);
    expect(revoked).toEqual(['a'.repeat(32)]);
  });

  it('only refuses a duplicate inside JWT_REUSE_GRACE', async () => {
    const { service, revoked } = setUp({ rotatedAt: new Date(NOW - 4000) }, 5);
    await service.rejectedReuse(token);
    expect(revoked).toEqual([]);
    const late = setUp({ rotatedAt: new Date(NOW - 5000) }, 5);
    await late.service.rejectedReuse(token);
    expect(late.revoked).toEqual(['a'.repeat(32)]);
  });

  it('leaves a logged-out (never rotated) or unknown token alone', async () => {
    for (const family of [{ rotatedAt: null }, null]) {
      const { service, revoked } = setUp(family);
      await service.rejectedReuse(token);
      expect(revoked).toEqual([]);
    }
  });

  it('refuses a refresh past the absolute cap, and of a revoked session as blacklisted', async () => {
    const capped = setUp({ expiresAt: new Date(NOW) });
    const e1 = await capped.service.forRefresh(token, user).catch((e: DomainError) => e);
    expect((e1 as DomainError).body).toEqual({
      detail: 'Token is invalid or expired',
      code: 'token_not_valid',
    });
    const gone = setUp({ revokedAt: new Date(NOW - 10) });
    const e2 = await gone.service.forRefresh(token, user).catch((e: DomainError) => e);
    expect((e2 as DomainError).body).toEqual({ detail: 'Token is blacklisted', code: 'token_not_valid' });
    await expect(setUp({}).service.forRefresh(token, user)).resolves.toBe('a'.repeat(32));
  });
});
