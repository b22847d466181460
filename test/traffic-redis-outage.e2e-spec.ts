import { execFileSync } from 'node:child_process';
import Redis from 'ioredis';
import { createTestApp, TestApp } from './utils/create-test-app';
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

/** Asks until a request is counted by Redis again (the RateLimit headers are back). */
async function waitForRecovery(t: TestApp, ip: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const res = await t.http.get('/api/secure/').set('X-Forwarded-For', ip);
    if (res.headers['x-ratelimit-limit'] !== undefined) return;
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

  it('fail-open lets requests through uncounted, fail-closed answers 503, both within REDIS_TIMEOUT, and both recover', async () => {
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
    for (let i = 0; i < 3; i++) {
      const o = await timed(open, freshIp());
      expect(o.status).toBe(401);
      expect(o.limit).toBeUndefined();
      expect(o.ms).toBeLessThan(TIMEOUT_MS + 150);
      const c = await timed(closed, freshIp());
      expect(c.status).toBe(503);
      expect(c.body).toEqual({ detail: 'Service temporarily unavailable', code: 'service_unavailable' });
      expect(c.ms).toBeLessThan(TIMEOUT_MS + 150);
    }

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
