import { createTestApp, TestApp } from './utils/create-test-app';
import { FreshDatabase } from './utils/fresh-database';
import { createUser, obtainPair, TestUser } from './utils/factories';
import { TcpProxy } from './utils/tcp-proxy';
import { describeUnless } from './utils/skip';

const BASE_URL = process.env.TEST_DATABASE_URL;
const describeOnPostgres = describeUnless(
  'database-outage.e2e-spec',
  !BASE_URL && 'TEST_DATABASE_URL is not set (needs a real PostgreSQL)',
);

const DB_TIMEOUT_MS = 2000;
const UNAVAILABLE = { detail: 'Service temporarily unavailable', code: 'service_unavailable' };

/**
 * The database disappears behind a TCP proxy (the shared PostgreSQL server keeps running): requests that need
 * it get the contract's 503 within DB_TIMEOUT, /health/ready says 503, and everything works again by itself
 * once the proxy forwards again.
 */
describeOnPostgres(
  'database unreachable → 503, then automatic recovery (real PostgreSQL behind a proxy)',
  () => {
    let db: FreshDatabase;
    let proxy: TcpProxy;
    let t: TestApp;
    let user: TestUser;

    beforeAll(async () => {
      db = await FreshDatabase.create(BASE_URL as string, 'outage');
      const target = new URL(db.url);
      proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
      const viaProxy = new URL(db.url);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      t = await createTestApp({
        DATABASE_URL: viaProxy.toString(),
        DB_TIMEOUT: `${DB_TIMEOUT_MS / 1000}s`,
        DB_POOL_SIZE: '3',
      });
      user = await createUser(t);
    });
    afterAll(async () => {
      await t?.close();
      await proxy?.close();
      await db?.drop();
    });

    const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
      const started = Date.now();
      const value = await fn();
      return [value, Date.now() - started];
    };

    it('answers normally while the database is reachable', async () => {
      await t.http.get('/health/ready').expect(200);
      expect((await obtainPair(t, user)).refresh).toEqual(expect.any(String));
    });

    it('answers 503 service_unavailable within DB_TIMEOUT while it is cut off, and /health/ready is 503', async () => {
      const { refresh } = await obtainPair(t, user);
      proxy.cut();

      const [login, loginMs] = await timed(() =>
        t.http.post('/api/token/').send({ username: user.username, password: user.password }),
      );
      expect(login.status).toBe(503);
      expect(login.body).toEqual(UNAVAILABLE);
      expect(loginMs).toBeLessThan(DB_TIMEOUT_MS + 1000);

      const [refreshed, refreshMs] = await timed(() => t.http.post('/api/token/refresh/').send({ refresh }));
      expect(refreshed.status).toBe(503);
      expect(refreshed.body).toEqual(UNAVAILABLE);
      expect(refreshMs).toBeLessThan(DB_TIMEOUT_MS + 1000);

      const [ready, readyMs] = await timed(() => t.http.get('/health/ready'));
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ ...UNAVAILABLE, error: { database: { status: 'down' } } });
      expect(readyMs).toBeLessThan(DB_TIMEOUT_MS + 1000);

      // no database needed: liveness stays up
      await t.http.get('/health/live').expect(200);
    });

    it('recovers by itself once the database is reachable again', async () => {
      proxy.restore();
      const deadline = Date.now() + 15_000;
      let status = 0;
      while (Date.now() < deadline) {
        status = (await t.http.post('/api/token/').send({ username: user.username, password: user.password }))
          .status;
        if (status === 200) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe(200);
      await t.http.get('/health/ready').expect(200);
      const { refresh } = await obtainPair(t, user);
      await t.http.post('/api/token/refresh/').send({ refresh }).expect(200);
    });
  },
);
