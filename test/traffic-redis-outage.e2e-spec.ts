import { execFileSync } from 'node:child_process';
import Redis from 'ioredis';
import { createTestApp, TestApp } from './utils/create-test-app';
import { createUser } from './utils/factories';
import { expectThrottled, freshIp, sleep, TRUST_LOCAL } from './utils/traffic-helpers';
import { describeUnless } from './utils/skip';

/**
 * Redis stopped in the middle: this spec starts its own throw-away redis-server (port 3139), never the
 * shared one, and stops / restarts / pauses it. Needs TEST_REDIS_URL (a sign Redis is installed).
 */
const PORT = 3139;
const URL = `redis://127.0.0.1:${PORT}/0`;
const TIMEOUT_MS = 200;

function startRedis(): void {
  execFileSync('redis-server', [
    '--port',
    String(PORT),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'yes',
  ]);
}
function stopRedis(): void {
  try {
    execFileSync('redis-cli', ['-p', String(PORT), 'shutdown', 'nosave'], { stdio: 'ignore' });
  } catch {
    /* already down */
  }
}
async function waitForRedis(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const probe = new Redis(URL, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return;
    } catch {
      probe.disconnect();
      await sleep(100);
    }
  }
  throw new Error('redis-server on 3139 did not start');
}

/** Asks until the app counts in Redis again: readiness no longer reports a fallback, requests pass. */
async function waitForRecovery(t: TestApp, ip: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const res = await t.http.get('/api/secure/').set('X-Forwarded-For', ip);
    const ready = await t.http.get('/health/ready');
    const redis = (ready.body as { info?: { redis?: { counting?: string } } }).info?.redis;
    if (res.status === 401 && ready.status === 200 && (redis === undefined || redis.counting === 'redis'))
      return;
    await sleep(100);
  }
  throw new Error('the app did not return to Redis');
}

async function timed(
  t: TestApp,
  ip: string,
): Promise<{ status: number; ms: number; body: unknown; limit: unknown }> {
  const started = performance.now();
  const res = await t.http.get('/api/secure/').set('X-Forwarded-For', ip);
  return {
    status: res.status,
    ms: performance.now() - started,
    body: res.body,
    limit: res.headers['x-ratelimit-limit'],
  };
}

describeUnless(
  'traffic-redis-outage.e2e-spec',
  !process.env.TEST_REDIS_URL && 'TEST_REDIS_URL is not set (needs Redis installed)',
)('throttling while Redis is down', () => {
  let open: TestApp;
  let closed: TestApp;
  const env = {
    THROTTLE_ENABLED: 'true',
    ...TRUST_LOCAL,
    REDIS_URL: URL,
    REDIS_TIMEOUT: String(TIMEOUT_MS),
    THROTTLE_DEFAULT: '2/30s',
  };

  beforeAll(async () => {
    stopRedis();
    startRedis();
    await waitForRedis();
    open = await createTestApp({ ...env, THROTTLE_FAIL_OPEN: 'true' });
    closed = await createTestApp({ ...env, THROTTLE_FAIL_OPEN: 'false' });
  });
  afterAll(async () => {
    await open?.close();
    await closed?.close();
    stopRedis();
  });

  it('fail-open counts in memory (the limit still refuses), fail-closed answers 503, both within REDIS_TIMEOUT, and both recover', async () => {
    const [a, b] = [freshIp(), freshIp()];
    for (const [t, ip] of [
      [open, a],
      [closed, b],
    ] as const) {
      expect((await timed(t, ip)).status).toBe(401);
      expect((await timed(t, ip)).status).toBe(401);
      expectThrottled(await t.http.get('/api/secure/').set('X-Forwarded-For', ip));
    }

    stopRedis();
    const ip = freshIp();
    for (let i = 0; i < 2; i++) {
      const o = await timed(open, ip);
      expect(o.status).toBe(401);
      expect(o.limit).toBe('2');
      expect(o.ms).toBeLessThan(TIMEOUT_MS + 150);
      const c = await timed(closed, freshIp());
      expect(c.status).toBe(503);
      expect(c.body).toEqual({ detail: 'Service temporarily unavailable', code: 'service_unavailable' });
      expect(c.ms).toBeLessThan(TIMEOUT_MS + 150);
    }
    expectThrottled(await open.http.get('/api/secure/').set('X-Forwarded-For', ip)); // never uncounted
    // readiness tells: fail-open is ready but counts in memory, fail-closed is not ready
    const openReady = await open.http.get('/health/ready');
    expect(openReady.status).toBe(200);
    expect(openReady.body).toMatchObject({
      info: { redis: { status: 'up', counting: 'memory fallback: throttling' } },
    });
    const closedReady = await closed.http.get('/health/ready');
    expect(closedReady.status).toBe(503);
    expect(closedReady.body).toMatchObject({ error: { redis: { status: 'down' } } });

    startRedis();
    await waitForRedis();
    await waitForRecovery(open, freshIp());
    await waitForRecovery(closed, freshIp());
    // counting again: a fresh client gets its 2 requests, then 429
    for (const t of [open, closed]) {
      const ip = freshIp();
      expect((await timed(t, ip)).status).toBe(401);
      expect((await timed(t, ip)).status).toBe(401);
      expectThrottled(await t.http.get('/api/secure/').set('X-Forwarded-For', ip));
    }
  });

  it('a hung Redis costs a request at most REDIS_TIMEOUT', async () => {
    const admin = new Redis(URL);
    try {
      await admin.call('CLIENT', 'PAUSE', '1500', 'ALL');
      const o = await timed(open, freshIp());
      expect(o.status).toBe(401);
      expect(o.limit).toBe('2'); // counted in memory meanwhile
      expect(o.ms).toBeLessThan(TIMEOUT_MS + 150);
      const c = await timed(closed, freshIp());
      expect(c.status).toBe(503);
      expect(c.ms).toBeLessThan(TIMEOUT_MS + 150);
    } finally {
      await sleep(1600);
      admin.disconnect();
    }
    await waitForRecovery(open, freshIp());
    await waitForRecovery(closed, freshIp());
  });
});

/** The login limits when Redis stops in the middle of a run (same private redis-server). */
describeUnless(
  'traffic-redis-outage.e2e-spec login limits',
  !process.env.TEST_REDIS_URL && 'TEST_REDIS_URL is not set (needs a real Redis to take down)',
)('login limits while Redis is down', () => {
  let throttled: TestApp;
  let backoff: TestApp;
  beforeAll(async () => {
    stopRedis();
    startRedis();
    await waitForRedis();
    const env = {
      ...TRUST_LOCAL,
      REDIS_URL: URL,
      REDIS_TIMEOUT: String(TIMEOUT_MS),
      BRUTE_FORCE_ENABLED: 'true',
    };
    // The production limits (development defaults are laxer): THROTTLE_LOGIN_USER 5/1m.
    throttled = await createTestApp({ ...env, THROTTLE_ENABLED: 'true', THROTTLE_LOGIN_USER: '5/1m' });
    backoff = await createTestApp(env); // throttling off: the failed-login backoff alone
  });
  afterAll(async () => {
    await throttled?.close();
    await backoff?.close();
    stopRedis();
  });

  it('still refuses: 15 wrong logins from one address, then the right one', async () => {
    const users = [await createUser(throttled), await createUser(backoff)];
    stopRedis();
    for (const [t, user] of [
      [throttled, users[0]],
      [backoff, users[1]],
    ] as const) {
      const ip = freshIp();
      const statuses: number[] = [];
      for (let i = 0; i < 15; i++) {
        const res = await t.http
          .post('/api/token/')
          .set('X-Forwarded-For', ip)
          .send({ username: user.username, password: `wrong-${i}` });
        statuses.push(res.status);
      }
      const right = await t.http.post('/api/token/').set('X-Forwarded-For', ip).send(user);
      expect(right.status).not.toBe(200);
      if (t === throttled) {
        expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
        expect(new Set(statuses.slice(5))).toEqual(new Set([429])); // THROTTLE_LOGIN_USER 5/1m, in memory
        expectThrottled(right);
      } else {
        expect(new Set(statuses)).toEqual(new Set([401]));
        expect(right.body).toEqual({ detail: 'No active account found with the given credentials' });
      }
    }
    const ready = await backoff.http.get('/health/ready');
    expect(ready.body).toMatchObject({ info: { redis: { counting: 'memory fallback: failed logins' } } });
  });
});

/** Nothing listens on this port: Redis is unreachable from the first request on. */
describe('login limits with Redis unreachable at start', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      ...TRUST_LOCAL,
      REDIS_URL: 'redis://127.0.0.1:3141/0',
      REDIS_TIMEOUT: String(TIMEOUT_MS),
      THROTTLE_ENABLED: 'true',
      THROTTLE_LOGIN_USER: '5/1m',
      BRUTE_FORCE_ENABLED: 'true',
    });
  });
  afterAll(() => t?.close());

  it('counts in memory from the first request: 15 wrong logins from one address, then the right one is refused', async () => {
    const user = await createUser(t);
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const res = await t.http
        .post('/api/token/')
        .set('X-Forwarded-For', ip)
        .send({ username: user.username, password: `wrong-${i}` });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    expectThrottled(await t.http.post('/api/token/').set('X-Forwarded-For', ip).send(user));
    // another address is not throttled, but the account's unknown clients are backed off
    const other = await t.http.post('/api/token/').set('X-Forwarded-For', freshIp()).send(user);
    expect(other.status).toBe(401);
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect((ready.body as { info: { redis: { counting: string } } }).info.redis.counting).toMatch(
      /^memory fallback: /,
    );
  });
});
