import { join } from 'node:path';
import { createTestApp, TestApp } from './utils/create-test-app';
import { claims, forge } from './utils/contract-helpers';
import { createUser } from './utils/factories';
import { freePort } from './utils/free-port';
import {
  addressPool,
  call,
  Child,
  EchoLine,
  gatewayClient,
  privateDir,
  ROOT,
  selfSignedCert,
  startChild,
  startEcho,
  waitForPort,
  which,
} from './utils/gateway-processes';
import { QUIET, within } from './utils/sessions-helpers';
import { describeUnless } from './utils/skip';

// The shipped Caddyfile (deploy/caddy/) running for real: forward_auth to Bastion in front of the
// sample upstream. Stock Caddy has no rate limiter or allow/deny lists: those are nginx's spec.

const CADDY = which('caddy');
const OPENSSL = which('openssl');
const DB = process.env.TEST_DATABASE_URL;

describeUnless(
  'gateway-caddy.e2e-spec',
  (!CADDY && 'caddy is not installed (apt-get install caddy)') || (!OPENSSL && 'openssl is not installed'),
)('Caddy in front of an upstream, with Bastion as its auth service', () => {
  let bastions: TestApp[];
  let echo: Child & { seen(): EchoLine[] };
  let caddy: Child;
  let tmp: ReturnType<typeof privateDir>;
  let ca: string;
  let httpsPort: number;
  let httpPort: number;
  const from = addressPool(20);

  const { get, post, auth, login } = gatewayClient(() => ({ port: httpsPort, ca }), from);

  beforeAll(async () => {
    const env = { ...QUIET, TRUSTED_PROXIES: '127.0.0.1/32', GATEWAY_RULES: '* /orders/** staff' };
    const first = await createTestApp(env, { listen: true });
    bastions = DB ? [first, await createTestApp(env, { listen: true })] : [first];
    tmp = privateDir('caddy');
    const tls = selfSignedCert(tmp.dir);
    ca = tls.pem;
    const upstreamPort = await freePort();
    echo = await startEcho(upstreamPort);
    [httpsPort, httpPort] = [await freePort(), await freePort()];
    const hostOf = (t: TestApp) => new URL(t.url).host;
    caddy = startChild(
      CADDY!,
      ['run', '--config', join(ROOT, 'deploy/caddy/Caddyfile'), '--adapter', 'caddyfile'],
      {
        HOME: tmp.dir,
        XDG_DATA_HOME: tmp.dir,
        XDG_CONFIG_HOME: tmp.dir,
        SITE_ADDRESS: 'localhost',
        HTTP_PORT: String(httpPort),
        HTTPS_PORT: String(httpsPort),
        TLS_CERT: tls.cert,
        TLS_KEY: tls.key,
        BASTION_1: hostOf(bastions[0]),
        BASTION_2: hostOf(bastions[bastions.length - 1]),
        UPSTREAM: `127.0.0.1:${upstreamPort}`,
      },
    );
    await waitForPort(httpsPort, caddy);
  });

  afterAll(async () => {
    await caddy?.stop();
    await echo?.stop();
    for (const t of bastions ?? []) await t.close();
    tmp?.remove();
  });

  it('answers over TLS, and plain HTTP redirects to HTTPS', async () => {
    const user = await createUser(bastions[0]);
    const { access } = await login(user);
    const res = await get('/anything', auth(access));
    expect(res.status).toBe(200);
    expect(['TLSv1.2', 'TLSv1.3']).toContain(res.protocol);
    const plain = await call({ port: httpPort, path: '/x?y=1', localAddress: from() });
    expect([301, 302, 307, 308]).toContain(plain.status);
    // Caddy names the port only when the client's Host did
    expect(plain.headers.location).toMatch(/^https:\/\/localhost(:\d+)?\/x\?y=1$/);
  });

  it('passes a valid token to the upstream with the identity headers, never a client-sent one', async () => {
    const user = await createUser(bastions[0]);
    const { access } = await login(user);
    const res = await get('/anything/1', {
      ...auth(access),
      'Remote-User': 'admin',
      'Remote-Groups': 'staff',
    });
    expect(res.status).toBe(200);
    const seen = res.json() as EchoLine;
    expect(seen.identity).toMatchObject({
      'remote-user': user.username,
      'remote-user-id': String(user.id),
      'remote-auth-scheme': 'bearer',
    });
    expect(seen.identity['remote-groups'] ?? '').toBe('');
  });

  it('refuses no token and a forged one with 401 and WWW-Authenticate, in Bastion’s words', async () => {
    const none = await get('/refused/none');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="api"');
    expect(none.json()).toEqual({ detail: 'Authentication credentials were not provided.' });
    const forged = await get('/refused/forged', auth(forge(claims('access', 1), undefined, 'k'.repeat(40))));
    expect(forged.status).toBe(401);
  });

  it('refuses within 1 s the token of a logged-out session', async () => {
    const user = await createUser(bastions[0]);
    const a = await login(user);
    expect((await get('/anything/live', auth(a.access))).status).toBe(200);
    expect((await post('/api/token/blacklist/', { refresh: a.refresh })).status).toBe(200);
    const ms = await within(
      1000,
      async () => (await get('/refused/logged-out', auth(a.access))).status === 401,
    );
    expect(ms).toBeGreaterThanOrEqual(0);
  });

  it('applies the path rules (403) and hides the check endpoint', async () => {
    const user = await createUser(bastions[0]);
    const { access } = await login(user);
    expect((await get('/orders/refused', auth(access))).status).toBe(403);
    expect((await get('/api/auth/check/', auth(access))).status).toBe(404);
  });

  it('never let a refused request reach the upstream', () => {
    expect(echo.seen().filter((l) => l.url.includes('refused'))).toEqual([]);
    expect(echo.seen().length).toBeGreaterThan(0);
  });
});
