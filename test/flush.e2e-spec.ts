import { DataSource } from 'typeorm';
import { FlushScheduler } from '../src/housekeeping/flush.scheduler';
import { HousekeepingService } from '../src/housekeeping/housekeeping.service';
import { createTestApp, TestApp } from './utils/create-test-app';
import { createUser, obtainPair } from './utils/factories';
import { FreshDatabase } from './utils/fresh-database';
import { P } from './utils/contract-helpers';
import { bearer, QUIET } from './utils/sessions-helpers';

const where = process.env.TEST_DATABASE_URL ? 'Postgres' : 'the embedded database';
/** Expired rows per table: more on a real server, where the test is about locks rather than the driver. */
const ROWS = process.env.TEST_DATABASE_URL ? 100_000 : 20_000;

describe(`flushing expired tokens, sessions and old events under load (${where})`, () => {
  let t: TestApp;
  let db: DataSource;
  /** On PostgreSQL a database of its own: the flush deletes every expired row, other files' included. */
  let fresh: FreshDatabase | undefined;
  beforeAll(async () => {
    const url = process.env.TEST_DATABASE_URL;
    fresh = url ? await FreshDatabase.create(url, 'flush') : undefined;
    t = await createTestApp({
      ...QUIET,
      AUDIT_RETENTION: '1d',
      ...(fresh ? { DATABASE_URL: fresh.url } : {}),
    });
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t?.close();
    await fresh?.drop();
  });

  async function seed(userId: number, tag: string): Promise<void> {
    await db.query(
      `INSERT INTO outstanding_token (jti, user_id, token_sha256, expires_at)
       SELECT $1 || g, $2, repeat('0', 64), now() - interval '1 hour' FROM generate_series(1, $3) g`,
      [`${tag}-`, userId, ROWS],
    );
    await db.query(
      `INSERT INTO blacklisted_token (token_id) SELECT id FROM outstanding_token WHERE jti LIKE $1 AND id % 2 = 0`,
      [`${tag}-%`],
    );
    await db.query(
      `INSERT INTO auth_session (id, user_id, created_at, last_used_at, expires_at, refresh_expires_at)
       SELECT substr(md5($1 || g), 1, 32), $2, now() - interval '2 days', now() - interval '2 days',
              now() - interval '1 hour', now() - interval '1 hour' FROM generate_series(1, $3) g`,
      [tag, userId, ROWS / 4],
    );
    await db.query(
      `INSERT INTO security_event (type, user_id, created_at)
       SELECT 'refresh', $1, now() - interval '2 days' FROM generate_series(1, $2) g`,
      [userId, ROWS / 4],
    );
  }

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    (await db.query<{ n: number }[]>(sql, params))[0].n;

  it('deletes every expired row in batches while requests keep succeeding, and keeps live rows', async () => {
    const user = await createUser(t);
    const tag = `flush${Date.now().toString(36)}`;
    await seed(user.id, tag);
    const live = await obtainPair(t, user);
    let flushing = true;
    const statuses: number[] = [];
    let slowest = 0;
    const load = (async () => {
      while (flushing) {
        const start = Date.now();
        const [a, r] = await Promise.all([
          t.http.get(P.secure).set(...bearer(live.access)),
          t.http.post(P.refresh).send({ refresh: live.refresh }),
        ]);
        slowest = Math.max(slowest, Date.now() - start);
        statuses.push(a.status, r.status);
      }
    })();
    const started = Date.now();
    const result = await t.app.get(HousekeepingService).flush(2000);
    flushing = false;
    await load;
    console.log(
      `flush (${where}): ${result.tokens} tokens, ${result.sessions} sessions, ${result.events} events in ` +
        `${Date.now() - started} ms; ${statuses.length} requests meanwhile, slowest pair ${slowest} ms`,
    );
    expect(result.tokens).toBeGreaterThanOrEqual(ROWS);
    expect(result.sessions).toBeGreaterThanOrEqual(ROWS / 4);
    expect(result.events).toBeGreaterThanOrEqual(ROWS / 4);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(
      await count(`SELECT count(*)::int AS n FROM outstanding_token WHERE jti LIKE $1`, [`${tag}-%`]),
    ).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM auth_session WHERE user_id = $1 AND expires_at < now()`, [
        user.id,
      ]),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM security_event WHERE created_at < now() - interval '1 day'`,
      ),
    ).toBe(0);
    await t.http
      .get(P.secure)
      .set(...bearer(live.access))
      .expect(200);
    await t.http.post(P.refresh).send({ refresh: live.refresh }).expect(200);
  });
});

describe(`scheduled flush (${where})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ...QUIET, FLUSH_INTERVAL: '1s' });
  });
  afterAll(() => t.close());

  it('flushes every FLUSH_INTERVAL by itself, one run at a time', async () => {
    const db = t.app.get(DataSource);
    const user = await createUser(t);
    const tag = `sched-${user.id}-`;
    await db.query(
      `INSERT INTO outstanding_token (jti, user_id, token_sha256, expires_at)
       SELECT $1 || g, $2::int, repeat('0', 64), now() - interval '1 minute' FROM generate_series(1, 50) g`,
      [tag, user.id],
    );
    const left = async () =>
      (
        await db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM outstanding_token WHERE jti LIKE $1`,
          [`${tag}%`],
        )
      )[0].n;
    expect(await left()).toBe(50);
    const deadline = Date.now() + 3000;
    while ((await left()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await left()).toBe(0);
    const scheduler = t.app.get(FlushScheduler);
    const run = scheduler.runOnce();
    expect(scheduler.runOnce()).toBe(run);
    await run;
  });
});
