import { randomBytes, randomUUID } from 'node:crypto';
import { OutstandingTokenEntity } from '../../src/sessions/entities/outstanding-token.entity';
import { SessionTokenEntity } from '../../src/sessions/entities/session-token.entity';
import { NewSession } from '../../src/sessions/session';
import { RotationStep, TokenFamilyRepository, TokenRecord } from '../../src/sessions/token-family.repository';
import { DATABASES, RepositoryDatabase } from '../utils/repository-database';

const HOUR = 3600_000;
const sha = (): string => randomBytes(32).toString('hex');
const jti = (): string => randomUUID().replace(/-/g, '');

describe.each(DATABASES)('TokenFamilyRepository on %s', (kind) => {
  let db: RepositoryDatabase;
  let repo: TokenFamilyRepository;
  let userId: number;
  const now = new Date();

  beforeAll(async () => {
    db = await RepositoryDatabase.open(kind);
    repo = new TokenFamilyRepository(
      db.repository(OutstandingTokenEntity),
      db.repository(SessionTokenEntity),
    );
    const [u] = await db.query<{ id: number }>(
      `INSERT INTO users (username, password_hash) VALUES ($1, 'x') RETURNING id`,
      [`repo-${randomBytes(4).toString('hex')}`],
    );
    userId = u.id;
  });
  afterAll(() => db?.close());

  function token(): TokenRecord {
    return { jti: jti(), userId, tokenSha256: sha(), expiresAt: new Date(now.getTime() + HOUR) };
  }

  /** A login: a session and its first token, by `begin`. */
  async function login(cap = HOUR): Promise<{ session: NewSession; first: TokenRecord }> {
    const session: NewSession = {
      id: randomBytes(16).toString('hex'),
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + cap),
      refreshExpiresAt: new Date(now.getTime() + HOUR),
      ip: '192.0.2.1',
      userAgent: 'ua',
    };
    const first = token();
    await repo.begin(session, first);
    return { session, first };
  }

  function step(sessionId: string, old: TokenRecord, blacklistOld = true): RotationStep {
    return { sessionId, userId, old, successor: token(), blacklistOld, at: new Date(now.getTime() + 1000) };
  }

  it('begin writes the outstanding token, the session and its first family row in one statement', async () => {
    const { session, first } = await login();
    await expect(repo.findFamily(first.jti)).resolves.toMatchObject({ sessionId: session.id, userId });
    await expect(repo.isBlacklisted(first.jti)).resolves.toBe(false);
    const [s] = await db.query<{ ip: string; user_agent: string }>(
      'SELECT ip, user_agent FROM auth_session WHERE id = $1',
      [session.id],
    );
    expect(s).toEqual({ ip: '192.0.2.1', user_agent: 'ua' });
  });

  it('rotate: the presented token blacklisted and rotated out, the successor in the family, the session touched', async () => {
    const { session, first } = await login();
    const r = step(session.id, first);
    const result = await repo.rotate(r);
    expect(result).toMatchObject({ rotated: true, family: { sessionId: session.id, rotatedAt: null } });
    await expect(repo.isBlacklisted(first.jti)).resolves.toBe(true);
    await expect(repo.isBlacklisted(r.successor.jti)).resolves.toBe(false);
    expect((await repo.findFamily(first.jti))?.rotatedAt).toEqual(r.at);
    await expect(repo.findFamily(r.successor.jti)).resolves.toMatchObject({ sessionId: session.id });
    const [s] = await db.query<{ last_used_at: Date }>(
      'SELECT last_used_at FROM auth_session WHERE id = $1',
      [session.id],
    );
    expect(s.last_used_at).toEqual(r.at);
    // presented again: nothing written, and the statement says what it read (rotated out)
    const again = await repo.rotate(step(session.id, first));
    expect(again.rotated).toBe(false);
    expect(again.family?.rotatedAt).toEqual(r.at);
  });

  it('rotate: of 10 parallel rotations of one token exactly one wins, and one successor joins', async () => {
    const { session, first } = await login();
    const steps = Array.from({ length: 10 }, () => step(session.id, first));
    const results = await Promise.all(steps.map((s) => repo.rotate(s)));
    expect(results.filter((r) => r.rotated)).toHaveLength(1);
    const [n] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM auth_session_token WHERE session_id = $1',
      [session.id],
    );
    expect(n.n).toBe(2);
    const winner = steps[results.findIndex((r) => r.rotated)];
    const [o] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM outstanding_token WHERE jti = ANY($1)',
      [steps.map((s) => s.successor.jti)],
    );
    expect(o.n).toBe(1);
    await expect(repo.findFamily(winner.successor.jti)).resolves.toMatchObject({ sessionId: session.id });
  });

  it('rotate writes nothing for a revoked session, a capped one, another user or another session', async () => {
    const revoked = await login();
    await db.query(`UPDATE auth_session SET revoked_at = now() WHERE id = $1`, [revoked.session.id]);
    const capped = await login(-1000);
    const other = await login();
    const cases = [
      step(revoked.session.id, revoked.first),
      step(capped.session.id, capped.first),
      { ...step(other.session.id, other.first), userId: userId + 1_000_000 },
      step(revoked.session.id, other.first),
    ];
    for (const c of cases) {
      const result = await repo.rotate(c);
      expect(result.rotated).toBe(false);
      await expect(repo.isBlacklisted(c.old.jti)).resolves.toBe(false);
      await expect(repo.findFamily(c.successor.jti)).resolves.toBeNull();
    }
  });

  it('rotate without blacklisting: the presented token stays usable, a blacklisted one is refused', async () => {
    const { session, first } = await login();
    const kept = await repo.rotate(step(session.id, first, false));
    expect(kept.rotated).toBe(true);
    await expect(repo.isBlacklisted(first.jti)).resolves.toBe(false);
    await expect(repo.blacklistIfAbsent(first)).resolves.toBe(true);
    await expect(repo.rotate(step(session.id, first, false))).resolves.toMatchObject({ rotated: false });
  });

  it('readForRefresh: the family and the blacklist in one read; an unknown token has neither', async () => {
    const { session, first } = await login();
    await expect(repo.readForRefresh(first.jti)).resolves.toMatchObject({
      family: { sessionId: session.id, userId, revokedAt: null },
      blacklisted: false,
    });
    await repo.blacklistIfAbsent(first);
    await expect(repo.readForRefresh(first.jti)).resolves.toMatchObject({ blacklisted: true });
    await expect(repo.readForRefresh(jti())).resolves.toEqual({ family: null, blacklisted: false });
  });

  it('blacklistIfAbsent: exactly one of 10 parallel calls wins, also for a token never recorded', async () => {
    for (const t of [(await login()).first, token()]) {
      const wins = await Promise.all(Array.from({ length: 10 }, () => repo.blacklistIfAbsent(t)));
      expect(wins.filter(Boolean)).toHaveLength(1);
      await expect(repo.isBlacklisted(t.jti)).resolves.toBe(true);
    }
  });

  it('join is idempotent: a token already in a family keeps it', async () => {
    const a = await login();
    const b = await login();
    const t = jti();
    await repo.join(t, a.session.id);
    await repo.join(t, b.session.id);
    await expect(repo.findFamily(t)).resolves.toMatchObject({ sessionId: a.session.id });
  });

  it('deletes expired tokens in bounded batches, their blacklist rows with them', async () => {
    const expired = { ...token(), expiresAt: new Date(now.getTime() - HOUR) };
    await repo.blacklistIfAbsent(expired);
    const before = new Date(now.getTime() - HOUR / 2);
    await expect(repo.countExpiredBefore(before)).resolves.toBe(1);
    await expect(repo.deleteExpiredBefore(before, 10)).resolves.toBe(1);
    await expect(repo.isBlacklisted(expired.jti)).resolves.toBe(false);
    await expect(repo.countExpiredBefore(before)).resolves.toBe(0);
  });
});
