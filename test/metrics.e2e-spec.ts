import { ConfigError, loadConfiguration } from '../src/config/configuration';
import { createTestApp, TestApp, TEST_SIGNING_KEY } from './utils/create-test-app';
import { createUser, obtainPair } from './utils/factories';
import { freePort } from './utils/free-port';
import { deltas, getFrom, parseSamples, scrape } from './utils/metrics-helpers';
import { TcpProxy } from './utils/tcp-proxy';
import { freshIp, TRUST_LOCAL } from './utils/traffic-helpers';
import { describeUnless } from './utils/skip';

const FORBIDDEN = { detail: 'Access from your IP address is not allowed.', code: 'ip_forbidden' };

const COUNTERS = [
  'bastion_logins_total{outcome="success"}',
  'bastion_logins_total{outcome="failure"}',
  'bastion_logins_total{outcome="refused"}',
  'bastion_token_refresh_total{outcome="success"}',
  'bastion_token_refresh_total{outcome="invalid"}',
  'bastion_token_refresh_total{outcome="blacklisted"}',
  'bastion_token_refresh_total{outcome="reuse_detected"}',
  'bastion_tokens_issued_total{type="access"}',
  'bastion_tokens_issued_total{type="refresh"}',
  'bastion_tokens_issued_total{type="sliding"}',
  'bastion_throttled_total{scope="default"}',
  'bastion_throttled_total{scope="login"}',
  'bastion_throttled_total{scope="login_user"}',
  'bastion_throttled_total{scope="token"}',
  'bastion_throttled_total{scope="register"}',
  'bastion_revocations_total{reason="reuse"}',
  'bastion_revocations_total{reason="logout"}',
  'bastion_password_hash_seconds_count',
];

describe('/metrics after a scripted mix of traffic', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      ...TRUST_LOCAL,
      THROTTLE_ENABLED: 'true',
      BRUTE_FORCE_ENABLED: 'true',
      JWT_ROTATE_REFRESH_TOKENS: 'true',
      THROTTLE_DEFAULT: '1000/1s',
      THROTTLE_LOGIN: '1000/1m',
      THROTTLE_LOGIN_USER: '1000/1m',
      THROTTLE_TOKEN: '3/1m',
    });
  });
  afterAll(() => t.close());

  const post = (path: string, body: object, ip = freshIp()) =>
    t.http.post(path).set('X-Forwarded-For', ip).send(body);

  it('moves every counter by exactly what happened', async () => {
    const user = await createUser(t);
    const before = await scrape(t);

    // good logins: two pairs and a sliding token
    const first = await obtainPair(t, user);
    const second = await obtainPair(t, user);
    expect((await post('/api/token/sliding/', user)).status).toBe(200);
    // five wrong passwords from one address, then the brute-force defence refuses the right one
    const attacker = freshIp();
    for (let i = 0; i < 5; i++) {
      expect((await post('/api/token/', { ...user, password: `wrong-${i}` }, attacker)).status).toBe(401);
    }
    expect((await post('/api/token/', user, attacker)).status).toBe(401);
    // a rotation, the rotated-out token replayed (reuse: its session is revoked), replayed again
    // (already revoked: blacklisted), the successor of the revoked session, and garbage
    const rotated = await post('/api/token/refresh/', { refresh: first.refresh });
    expect(rotated.status).toBe(200);
    expect((await post('/api/token/refresh/', { refresh: first.refresh })).status).toBe(401);
    expect((await post('/api/token/refresh/', { refresh: first.refresh })).status).toBe(401);
    const successor = (rotated.body as { refresh: string }).refresh;
    expect((await post('/api/token/refresh/', { refresh: successor })).status).toBe(401);
    expect((await post('/api/token/refresh/', { refresh: 'not.a.token' })).status).toBe(401);
    // a logout
    expect((await post('/api/token/blacklist/', { refresh: second.refresh })).status).toBe(200);
    // a burst past THROTTLE_TOKEN (3 a minute per route and address): two 429s
    const burster = freshIp();
    const burst: number[] = [];
    for (let i = 0; i < 5; i++)
      burst.push((await post('/api/token/verify/', { token: 'x' }, burster)).status);
    expect(burst).toEqual([401, 401, 401, 429, 429]);

    const after = await scrape(t);
    expect(deltas(before, after, COUNTERS)).toEqual({
      'bastion_logins_total{outcome="success"}': 3,
      'bastion_logins_total{outcome="failure"}': 5,
      'bastion_logins_total{outcome="refused"}': 1,
      'bastion_token_refresh_total{outcome="success"}': 1,
      'bastion_token_refresh_total{outcome="invalid"}': 1,
      'bastion_token_refresh_total{outcome="blacklisted"}': 2,
      'bastion_token_refresh_total{outcome="reuse_detected"}': 1,
      'bastion_tokens_issued_total{type="access"}': 3,
      'bastion_tokens_issued_total{type="refresh"}': 3,
      'bastion_tokens_issued_total{type="sliding"}': 1,
      'bastion_throttled_total{scope="default"}': 0,
      'bastion_throttled_total{scope="login"}': 0,
      'bastion_throttled_total{scope="login_user"}': 0,
      'bastion_throttled_total{scope="token"}': 2,
      'bastion_throttled_total{scope="register"}': 0,
      'bastion_revocations_total{reason="reuse"}': 1,
      'bastion_revocations_total{reason="logout"}': 1,
      // every login verifies a password once, the refused one too (same timing)
      bastion_password_hash_seconds_count: 9,
    });
    expect(after.get('bastion_password_hash_queue')).toBe(0);
    expect(after.get('bastion_throttle_fallback_active')).toBe(0);
    expect(after.has('bastion_redis_up')).toBe(false); // no REDIS_URL: no sample (an alert must not fire)
  });

  it('labels request durations by route template and status, never by the raw URL', async () => {
    const before = await scrape(t);
    await t.http.delete('/api/sessions/0123456789abcdef0123456789abcdef/').expect(401);
    await t.http.get('/no/such/path-7f3a9c').expect(404);
    const res = await t.http.get('/metrics').expect(200);
    const after = parseSamples(res.text);
    const count = (labels: string) => `http_request_duration_seconds_count{${labels}}`;
    expect(
      deltas(before, after, [
        count('method="DELETE",route="/api/sessions/:id",status_code="401"'),
        count('method="GET",route="unmatched",status_code="404"'),
      ]),
    ).toEqual({
      [count('method="DELETE",route="/api/sessions/:id",status_code="401"')]: 1,
      [count('method="GET",route="unmatched",status_code="404"')]: 1,
    });
    expect(res.text).not.toContain('0123456789abcdef0123456789abcdef');
    expect(res.text).not.toContain('path-7f3a9c');
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(after.get('process_cpu_user_seconds_total')).toEqual(expect.any(Number));
    expect(after.get('bastion_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
  });
});

const BUS_LAG = 'bastion_revocation_bus_lag_seconds_count';
const transports: [string, Record<string, string>][] = [];
if (process.env.TEST_REDIS_URL) transports.push(['redis', { REDIS_URL: process.env.TEST_REDIS_URL }]);
if (process.env.TEST_DATABASE_URL) transports.push(['postgres', {}]);
const describeBusLag = describeUnless(
  'metrics.e2e-spec (bus lag)',
  transports.length === 0 &&
    'TEST_REDIS_URL and TEST_DATABASE_URL unset (the bus crosses instances through Redis or PostgreSQL)',
);

describeBusLag.each(transports.length > 0 ? transports : [['none', {}]])(
  'revocation bus lag (%s)',
  (_name, env) => {
    it('observes one lag sample on the other instance per broadcast, well under a second', async () => {
      const a = await createTestApp(env);
      const b = await createTestApp(env);
      try {
        const pair = await obtainPair(a, await createUser(a));
        const before = await scrape(b);
        await a.http.post('/api/token/blacklist/').send({ refresh: pair.refresh }).expect(200);
        let after = await scrape(b);
        for (let i = 0; i < 50 && (after.get(BUS_LAG) ?? 0) === (before.get(BUS_LAG) ?? 0); i++) {
          await new Promise((r) => setTimeout(r, 20));
          after = await scrape(b);
        }
        // The channel is shared with the specs running beside this one (Redis pub/sub and PostgreSQL
        // NOTIFY cross databases' tests alike), so B may also hear their broadcasts: at least ours, each
        // of them well under a second on average.
        const samples = deltas(before, after, [BUS_LAG])[BUS_LAG];
        expect(samples).toBeGreaterThanOrEqual(1);
        const lag =
          (after.get('bastion_revocation_bus_lag_seconds_sum') ?? 0) -
          (before.get('bastion_revocation_bus_lag_seconds_sum') ?? 0);
        expect(lag).toBeGreaterThanOrEqual(0);
        expect(lag / samples).toBeLessThan(1);
      } finally {
        await a.close();
        await b.close();
      }
    });
  },
);

describeUnless(
  'metrics.e2e-spec Redis health gauges',
  !process.env.TEST_REDIS_URL && 'TEST_REDIS_URL is not set (the gauges need a real Redis)',
)('Redis health gauges', () => {
  it('shows Redis down and the throttling outage while Redis is cut off, and both back after', async () => {
    const target = new URL(process.env.TEST_REDIS_URL!);
    const proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 6379) });
    const t = await createTestApp({
      THROTTLE_ENABLED: 'true',
      THROTTLE_DEFAULT: '1000/1s',
      REDIS_URL: `redis://127.0.0.1:${proxy.port}${target.pathname}`,
      REDIS_TIMEOUT: '100',
    });
    const gauges = async () => {
      await t.http.get('/api/secure/'); // a throttled request: the storage talks to Redis
      const s = await scrape(t);
      return { up: s.get('bastion_redis_up'), outage: s.get('bastion_throttle_fallback_active') };
    };
    const until = async (want: { up: number; outage: number }) => {
      let got = await gauges();
      for (let i = 0; i < 50 && (got.up !== want.up || got.outage !== want.outage); i++) {
        await new Promise((r) => setTimeout(r, 100));
        got = await gauges();
      }
      return got;
    };
    try {
      expect(await until({ up: 1, outage: 0 })).toEqual({ up: 1, outage: 0 });
      proxy.cut();
      expect(await until({ up: 0, outage: 1 })).toEqual({ up: 0, outage: 1 });
      proxy.restore();
      expect(await until({ up: 1, outage: 0 })).toEqual({ up: 1, outage: 0 });
    } finally {
      await t.close();
      await proxy.close();
    }
  });
});

describe('who may scrape /metrics', () => {
  it('answers without a token and is never throttled', async () => {
    const t = await createTestApp({ THROTTLE_ENABLED: 'true', THROTTLE_DEFAULT: '2/1m' });
    try {
      for (let i = 0; i < 5; i++) {
        const res = await t.http.get('/metrics');
        expect(res.status).toBe(200);
        expect(res.headers['ratelimit']).toBeUndefined();
      }
      expect((await t.http.get('/health/live')).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('refuses an address outside METRICS_IP_ALLOWLIST with 403 ip_forbidden', async () => {
    const t = await createTestApp({ METRICS_IP_ALLOWLIST: '127.0.0.1/32' }, { listen: true });
    try {
      const allowed = await getFrom(`${t.url}/metrics`, '127.0.0.1');
      expect(allowed.status).toBe(200);
      expect(allowed.body).toContain('# TYPE bastion_logins_total counter');
      const refused = await getFrom(`${t.url}/metrics`, '127.0.0.2');
      expect({ status: refused.status, body: JSON.parse(refused.body) as unknown }).toEqual({
        status: 403,
        body: FORBIDDEN,
      });
      // the API itself is not restricted by it
      expect((await getFrom(`${t.url}/health/live`, '127.0.0.2')).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('admits loopback only by default; private ranges are opt-in', async () => {
    const byDefault = await createTestApp(TRUST_LOCAL);
    const optIn = await createTestApp({ ...TRUST_LOCAL, METRICS_IP_ALLOWLIST: '127.0.0.1/32,10.0.0.0/8' });
    try {
      const scrapeFrom = (t: TestApp, from?: string) => {
        const req = t.http.get('/metrics');
        return from ? req.set('X-Forwarded-For', from) : req;
      };
      expect((await scrapeFrom(byDefault)).status).toBe(200); // the control: loopback
      for (const from of ['10.1.2.3', '192.168.1.10', '172.16.0.9', 'fd00::1']) {
        const res = await scrapeFrom(byDefault, from);
        expect({ from, status: res.status, body: res.body as unknown }).toEqual({
          from,
          status: 403,
          body: FORBIDDEN,
        });
      }
      expect((await scrapeFrom(optIn, '10.1.2.3')).status).toBe(200);
      expect((await scrapeFrom(optIn, '192.168.1.10')).status).toBe(403);
    } finally {
      await byDefault.close();
      await optIn.close();
    }
  });

  it('is absent with METRICS_ENABLED=false', async () => {
    const t = await createTestApp({ METRICS_ENABLED: 'false' });
    try {
      const res = await t.http.get('/metrics');
      expect({ status: res.status, body: res.body as unknown }).toEqual({
        status: 404,
        body: { detail: 'Not found.' },
      });
    } finally {
      await t.close();
    }
  });

  it('moves to METRICS_PORT, allow-listed there too, and leaves the API port', async () => {
    const port = await freePort();
    const t = await createTestApp(
      { METRICS_PORT: String(port), METRICS_IP_ALLOWLIST: '127.0.0.1/32' },
      { listen: true },
    );
    try {
      expect((await t.http.get('/metrics')).status).toBe(404);
      const own = `http://127.0.0.1:${port}`;
      const res = await getFrom(`${own}/metrics`, '127.0.0.1');
      expect(res.status).toBe(200);
      expect(res.body).toContain('# TYPE http_request_duration_seconds histogram');
      const refused = await getFrom(`${own}/metrics`, '127.0.0.2');
      expect({ status: refused.status, body: JSON.parse(refused.body) as unknown }).toEqual({
        status: 403,
        body: FORBIDDEN,
      });
      expect((await getFrom(`${own}/api/secure/`, '127.0.0.1')).status).toBe(404);
    } finally {
      await t.close();
    }
    // closed with the app
    await expect(getFrom(`http://127.0.0.1:${port}/metrics`, '127.0.0.1')).rejects.toThrow();
  });
});

describe('metrics settings', () => {
  it('stops the start on a bad METRICS_PORT or METRICS_IP_ALLOWLIST, naming each', () => {
    const load = () =>
      loadConfiguration({
        JWT_SIGNING_KEY: TEST_SIGNING_KEY,
        PORT: '3000',
        METRICS_PORT: '3000',
        METRICS_IP_ALLOWLIST: '10.0.0.0/33',
        METRICS_ENABLED: 'sometimes',
      });
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (e) {
      const names = (e as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(names.sort()).toEqual(['METRICS_ENABLED', 'METRICS_IP_ALLOWLIST', 'METRICS_PORT']);
    }
  });
});
