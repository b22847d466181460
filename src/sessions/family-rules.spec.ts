import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { SessionsConfig } from '../config/sessions.config';
import { SecurityEventsService } from '../security-events/security-events.service';
import { UserEntity } from '../users/entities/user.entity';
import { FamilyRules } from './family-rules';
import { RefusedRefresh } from './refused-refresh';
import { RevocationService } from './revocation.service';
import { FamilyToken } from './session';
import { SessionRepository } from './session.repository';
import { TokenFamilyRepository } from './token-family.repository';

const NOW = 1_700_000_000_000;
const user = { id: 7, username: 'u' } as UserEntity;
const token = {
  raw: 'r',
  jti: 'j1',
  exp: NOW / 1000 + 60,
  claims: { user_id: 7, sid: 'a'.repeat(32), iat: NOW / 1000 },
};

function familyOf(family: Partial<FamilyToken>): FamilyToken {
  return {
    sessionId: 'a'.repeat(32),
    userId: 7,
    rotatedAt: null,
    revokedAt: null,
    expiresAt: new Date(NOW + 1000),
    ...family,
  };
}

function setUp(family: Partial<FamilyToken> | null, grace = 0) {
  const revoked: string[] = [];
  const families = {
    findFamily: () => Promise.resolve(family && familyOf(family)),
  } as unknown as TokenFamilyRepository;
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
  const rules = new FamilyRules({} as SessionRepository, families, revocation, events, config, clock);
  return { rules, revoked };
}

async function refusal(p: Promise<unknown>): Promise<RefusedRefresh> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(RefusedRefresh);
  return e as RefusedRefresh;
}

describe('FamilyRules', () => {
  it('revokes the family when a token rotated out before the grace window is presented again', async () => {
    const { rules, revoked } = setUp({ rotatedAt: new Date(NOW - 1) });
    expect((await refusal(rules.refuseBlacklisted(token))).outcome).toBe('reuse_detected');
    expect(revoked).toEqual(['a'.repeat(32)]);
  });

  it('only refuses a duplicate inside JWT_REUSE_GRACE', async () => {
    const { rules, revoked } = setUp({ rotatedAt: new Date(NOW - 4000) }, 5);
    expect((await refusal(rules.refuseBlacklisted(token))).outcome).toBe('blacklisted');
    expect(revoked).toEqual([]);
    const late = setUp({ rotatedAt: new Date(NOW - 5000) }, 5);
    expect((await refusal(late.rules.refuseBlacklisted(token))).outcome).toBe('reuse_detected');
    expect(late.revoked).toEqual(['a'.repeat(32)]);
  });

  it('leaves a logged-out (never rotated) or unknown token alone', async () => {
    for (const family of [{ rotatedAt: null }, null]) {
      const { rules, revoked } = setUp(family);
      expect((await refusal(rules.refuseBlacklisted(token))).outcome).toBe('blacklisted');
      expect(revoked).toEqual([]);
    }
  });

  it('refuses a session past the absolute cap, and a revoked one as blacklisted', () => {
    const { rules } = setUp(null);
    const capped = (): string => rules.sessionIdIfUsable(familyOf({ expiresAt: new Date(NOW) }), user);
    expect(capped).toThrow(DomainError);
    try {
      capped();
    } catch (e) {
      expect((e as DomainError).body).toEqual({
        detail: 'Token is invalid or expired',
        code: 'token_not_valid',
      });
    }
    const gone = (): string => rules.sessionIdIfUsable(familyOf({ revokedAt: new Date(NOW - 10) }), user);
    expect(gone).toThrow(RefusedRefresh);
    const other = (): string => rules.sessionIdIfUsable(familyOf({ userId: 8 }), user);
    expect(other).toThrow(RefusedRefresh);
    expect(rules.sessionIdIfUsable(familyOf({}), user)).toBe('a'.repeat(32));
  });
});
