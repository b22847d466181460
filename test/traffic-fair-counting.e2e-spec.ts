import { createTestApp, TestApp } from './utils/create-test-app';
import { uniqueUsername } from './utils/factories';
import { advanceClock } from './utils/sessions-helpers';
import { expectThrottled, freshIp, storages, testRedis, TRUST_LOCAL } from './utils/traffic-helpers';

/** A request refused by one limit uses up none of the others (check, then count, in one step). */
describe.each(storages())('fair counting (%s storage)', (name, storageEnv) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      THROTTLE_ENABLED: 'true',
      ...TRUST_LOCAL,
      ...storageEnv,
      // 5 s, not 1 s: a registration (argon2id) on a loaded machine can outlast a 1 s window, and the
      // burst below must land in the window the first registration opened.
      THROTTLE_DEFAULT: '1/5s',
      THROTTLE_REGISTER: '2/1h',
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  /**
   * The 5 s window of `ip` ends now, without waiting for it: in memory the app's clock moves past it;
   * in Redis the window's key expires (Redis keeps the time there).
   */
  let ahead = 0;
  let restoreClock: (() => void) | undefined;
  async function endShortWindow(ip: string): Promise<void> {
    if (name === 'memory') {
      ahead += 5.1;
      restoreClock?.();
      restoreClock = advanceClock(t, ahead);
      return;
    }
    const redis = testRedis() as NonNullable<ReturnType<typeof testRedis>>;
    try {
      const keys = await redis.keys(`bastion:throttle:default-5s:*${ip}*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) await redis.pexpire(key, 1);
      while ((await redis.exists(...keys)) > 0) await new Promise((r) => setImmediate(r));
    } finally {
      redis.disconnect();
    }
  }

  const register = (ip: string) =>
    t.http
      .post('/api/users/')
      .set('X-Forwarded-For', ip)
      .send({ username: uniqueUsername('fair'), password: 'correct horse battery' });

  it('a burst refused by the short-window limit leaves the hourly registration allowance alone', async () => {
    const ip = freshIp();
    expect((await register(ip)).status).toBe(201);
    for (let i = 0; i < 5; i++) expectThrottled(await register(ip)); // short window: refused, not counted
    await endShortWindow(ip);
    expect((await register(ip)).status).toBe(201); // the 2nd of 2 an hour
    await endShortWindow(ip);
    const third = await register(ip);
    expectThrottled(third);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(5); // the hourly limit refused it
  });
});
