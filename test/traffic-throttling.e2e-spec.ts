import { createTestApp, TestApp } from './utils/create-test-app';
import { createUser } from './utils/factories';
import { expectThrottled, freshIp, sleep, storages, TRUST_LOCAL } from './utils/traffic-helpers';
import { describeUnless } from './utils/skip';

const ON = { THROTTLE_ENABLED: 'true', ...TRUST_LOCAL };

describe.each(storages())('throttling (%s storage)', (_name, storageEnv) => {
  describe('limits', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({
        ...ON,
        ...storageEnv,
        THROTTLE_DEFAULT: '3/2s,50/1m',
        THROTTLE_LOGIN: '3/2s',
        THROTTLE_LOGIN_USER: '2/2s',
        THROTTLE_TOKEN: '2/2s',
        THROTTLE_REGISTER: '2/2s',
      });
    });
    afterAll(() => t.close());

    it('answers 429 at exactly limit + 1 with the body and headers, then lets requests through after the window', async () => {
      const ip = freshIp();
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await t.http.get('/api/secure/').set('X-Forwarded-For', ip);
        statuses.push(res.status);
        expect(res.headers['x-ratelimit-limit']).toBe('3');
        expect(res.headers['x-ratelimit-remaining']).toBe(String(2 - i));
        expect(res.headers['x-ratelimit-reset']).toMatch(/^[12]$/);
        expect(res.headers['ratelimit-policy']).toBe('"default-2s";q=3;w=2, "default-60s";q=50;w=60');
        expect(res.headers.ratelimit).toMatch(new RegExp(`^"default-2s";r=${2 - i};t=[12]$`));
      }
      expect(statuses).toEqual([401, 401, 401]);
      const refused = await t.http.get('/api/secure/').set('X-Forwarded-For', ip);
      expectThrottled(refused);
      expect(refused.headers['x-ratelimit-remaining']).toBe('0');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(2);
      await sleep(Number(refused.headers['retry-after']) * 1000 + 100);
      expect((await t.http.get('/api/secure/').set('X-Forwarded-For', ip)).status).toBe(401);
    });

    it('never throttles the health routes', async () => {
      const ip = freshIp();
      for (let i = 0; i < 6; i++) {
        const res = await t.http.get('/health/live').set('X-Forwarded-For', ip);
        expect(res.status).toBe(200);
        expect(res.headers['x-ratelimit-limit']).toBeUndefined();
      }
    });

    it('throttles the Swagger UI under /docs with the default limit', async () => {
      const ip = freshIp();
      for (let i = 0; i < 3; i++)
        expect((await t.http.get('/docs-json').set('X-Forwarded-For', ip)).status).toBe(200);
      expectThrottled(await t.http.get('/docs').set('X-Forwarded-For', ip));
    });

    it('shares one login bucket per IP between /api/token/ and /api/token/sliding/', async () => {
      const ip = freshIp();
      const codes: number[] = [];
      for (const [i, path] of ['/api/token/', '/api/token/sliding/', '/api/token/'].entries()) {
        codes.push(
          (
            await t.http
              .post(path)
              .set('X-Forwarded-For', ip)
              .send({ username: `nobody${i}`, password: 'x' })
          ).status,
        );
      }
      expect(codes).toEqual([401, 401, 401]);
      const res = await t.http
        .post('/api/token/sliding/')
        .set('X-Forwarded-For', ip)
        .send({ username: 'other', password: 'x' });
      expectThrottled(res);
      expect(res.headers['x-ratelimit-limit']).toBe('3');
    });

    it('limits IP + username the same whether or not the account exists', async () => {
      const user = await createUser(t);
      const sequence = async (username: string): Promise<number[]> => {
        const ip = freshIp();
        const out: number[] = [];
        for (let i = 0; i < 3; i++) {
          out.push(
            (
              await t.http
                .post('/api/token/')
                .set('X-Forwarded-For', ip)
                .send({ username, password: 'wrong' })
            ).status,
          );
        }
        return out;
      };
      expect(await sequence(user.username)).toEqual([401, 401, 429]);
      expect(await sequence(`ghost_${user.username}`)).toEqual([401, 401, 429]);
      // trimmed as login trims it: " name " is the same bucket as "name"
      const ip = freshIp();
      await t.http
        .post('/api/token/')
        .set('X-Forwarded-For', ip)
        .send({ username: ` ${user.username} `, password: 'w' });
      await t.http
        .post('/api/token/')
        .set('X-Forwarded-For', ip)
        .send({ username: user.username, password: 'w' });
      const third = await t.http
        .post('/api/token/')
        .set('X-Forwarded-For', ip)
        .send({ username: user.username, password: user.password });
      expectThrottled(third);
      expect(third.headers['x-ratelimit-limit']).toBe('2');
    });

    it('gives refresh, verify and blacklist one bucket each', async () => {
      const app = await createTestApp({
        ...ON,
        ...storageEnv,
        THROTTLE_DEFAULT: '100/1s',
        THROTTLE_TOKEN: '2/2s',
      });
      try {
        const ip = freshIp();
        for (const path of ['/api/token/refresh/', '/api/token/verify/', '/api/token/blacklist/']) {
          for (let i = 0; i < 2; i++)
            expect((await app.http.post(path).set('X-Forwarded-For', ip).send({})).status).toBe(400);
        }
        expectThrottled(
          await app.http.post('/api/token/verify/').set('X-Forwarded-For', ip).send({}),
          'token',
        );
      } finally {
        await app.close();
      }
    });

    it('limits registration per IP', async () => {
      const ip = freshIp();
      for (let i = 0; i < 2; i++)
        expect((await t.http.post('/api/users/').set('X-Forwarded-For', ip).send({})).status).toBe(400);
      expectThrottled(await t.http.post('/api/users/').set('X-Forwarded-For', ip).send({}), 'register');
    });
  });

  describe('client identity', () => {
    it('ignores X-Forwarded-For from an untrusted peer', async () => {
      const t = await createTestApp({ THROTTLE_ENABLED: 'true', ...storageEnv, THROTTLE_DEFAULT: '2/3s' });
      try {
        // all from the same peer; a different spoofed address each time buys nothing
        const codes: number[] = [];
        for (let i = 0; i < 3; i++)
          codes.push((await t.http.get('/api/secure/').set('X-Forwarded-For', freshIp())).status);
        expect(codes).toEqual([401, 401, 429]);
      } finally {
        await t.close();
      }
    });

    it('limits the real client behind a trusted proxy (the rightmost untrusted hop), not a spoofed one', async () => {
      const t = await createTestApp({ ...ON, ...storageEnv, THROTTLE_DEFAULT: '2/3s' });
      try {
        const client = freshIp();
        const codes: number[] = [];
        for (let i = 0; i < 3; i++) {
          // the client forged the left part; the proxy appended the address it saw
          codes.push(
            (await t.http.get('/api/secure/').set('X-Forwarded-For', `${freshIp()}, ${client}`)).status,
          );
        }
        expect(codes).toEqual([401, 401, 429]);
        expect((await t.http.get('/api/secure/').set('X-Forwarded-For', freshIp())).status).toBe(401);
      } finally {
        await t.close();
      }
    });
  });

  describe('settings', () => {
    it('THROTTLE_HEADERS=false hides the RateLimit headers but keeps Retry-After', async () => {
      const t = await createTestApp({
        ...ON,
        ...storageEnv,
        THROTTLE_DEFAULT: '1/3s',
        THROTTLE_HEADERS: 'false',
      });
      try {
        const ip = freshIp();
        const ok = await t.http.get('/api/secure/').set('X-Forwarded-For', ip);
        expect(ok.headers['x-ratelimit-limit']).toBeUndefined();
        expect(ok.headers['ratelimit-policy']).toBeUndefined();
        const refused = await t.http.get('/api/secure/').set('X-Forwarded-For', ip);
        expectThrottled(refused);
        expect(refused.headers.ratelimit).toBeUndefined();
      } finally {
        await t.close();
      }
    });

    it('THROTTLE_ENABLED=false lets everything through', async () => {
      const t = await createTestApp({ ...storageEnv, THROTTLE_DEFAULT: '1/3s' });
      try {
        for (let i = 0; i < 3; i++) expect((await t.http.get('/api/secure/')).status).toBe(401);
      } finally {
        await t.close();
      }
    });
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
describeUnless(
  'traffic-throttling.e2e-spec (Redis part)',
  !redisUrl && 'TEST_REDIS_URL is not set (needs a real Redis)',
)('throttling shared across instances (Redis)', () => {
  it('holds one limit for two app instances on one Redis: N in total, not N per instance', async () => {
    const env = { ...ON, REDIS_URL: redisUrl!, THROTTLE_DEFAULT: '5/10s' };
    const [a, b] = [await createTestApp(env), await createTestApp(env)];
    try {
      const ip = freshIp();
      const codes: number[] = [];
      for (let i = 0; i < 10; i++) {
        const app = i % 2 === 0 ? a : b;
        codes.push((await app.http.get('/api/secure/').set('X-Forwarded-For', ip)).status);
      }
      expect(codes.filter((c) => c === 401)).toHaveLength(5);
      expect(codes.slice(5)).toEqual([429, 429, 429, 429, 429]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
