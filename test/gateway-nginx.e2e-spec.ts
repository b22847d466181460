import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserAccessService } from '../src/permissions/user-access.service';
import { GroupAccessService } from '../src/permissions/group-access.service';
import { createTestApp, TestApp } from './utils/create-test-app';
import { claims, forge } from './utils/contract-helpers';
import { createUser, grant } from './utils/factories';
import { freePort } from './utils/free-port';
import {
  addressPool,
  call,
  Child,
  EchoLine,
  gatewayClient,
  GatewayResponse,
  nginxMainConfig,
  privateDir,
  renderTemplate,
  ROOT,
  selfSignedCert,
  startChild,
  startEcho,
  waitForPort,
  which,
} from './utils/gateway-processes';
import { QUIET, within } from './utils/sessions-helpers';
import { describeUnless } from './utils/skip';

// The shipped nginx configuration (deploy/nginx/) running for real in front of the sample upstream
// and Bastion: two instances on one database with TEST_DATABASE_URL, else one instance listed twice.

const NGINX = which('nginx');
const OPENSSL = which('openssl');
const DB = process.env.TEST_DATABASE_URL;
const DENIED_ADDRESS = '127.0.0.3';
const RULES = 'GET,HEAD /orders/** auth.view_user;* /public/** public';

describeUnless(
  'gateway-nginx.e2e-spec',
  (!NGINX && 'nginx is not installed (apt-get install nginx-light)') ||
    (!OPENSSL && 'openssl is not installed'),
)('nginx in front of an upstream, with Bastion as its auth service', () => {
  let bastions: TestApp[];
  let echo: Child & { seen(): EchoLine[] };
  let nginx: Child;
  let tmp: ReturnType<typeof privateDir>;
  let ca: string;
  let httpsPort: number;
  let httpPort: number;
  const from = addressPool(10);

  const { get, post, auth, login } = gatewayClient(() => ({ port: httpsPort, ca }), from);

  beforeAll(async () => {
    const env = { ...QUIET, TRUSTED_PROXIES: '127.0.0.1/32', GATEWAY_RULES: RULES };
    const first = await createTestApp(env, { listen: true });
    bastions = DB ? [first, await createTestApp(env, { listen: true })] : [first];
    tmp = privateDir('nginx');
    const tls = selfSignedCert(tmp.dir);
    ca = tls.pem;
    const upstreamPort = await freePort();
    echo = await startEcho(upstreamPort);
    [httpsPort, httpPort] = [await freePort(), await freePort()];
    const ipRules = join(tmp.dir, 'ip-rules.conf');
    writeFileSync(ipRules, `deny ${DENIED_ADDRESS};\nallow all;\n`);
    const hostOf = (t: TestApp) => new URL(t.url).host;
    const rendered = renderTemplate(
      readFileSync(join(ROOT, 'deploy/nginx/templates/bastion.conf.template'), 'utf8'),
      {
        HTTP_PORT: String(httpPort),
        HTTPS_PORT: String(httpsPort),
        TLS_CERT: tls.cert,
        TLS_KEY: tls.key,
        BASTION_1: hostOf(bastions[0]),
        BASTION_2: hostOf(bastions[bastions.length - 1]),
        UPSTREAM: `127.0.0.1:${upstreamPort}`,
        IP_RULES: ipRules,
        PROXY_HEADERS: join(ROOT, 'deploy/nginx/proxy-headers.conf'),
        CACHE_DIR: join(tmp.dir, 'cache'),
      },
    );
    const main = nginxMainConfig(tmp.dir, rendered);
    nginx = startChild(NGINX!, ['-p', tmp.dir, '-e', join(tmp.dir, 'error.log'), '-c', main]);
    await waitForPort(httpsPort, nginx);
  });

  afterAll(async () => {
    await nginx?.stop();
    await echo?.stop();
    for (const t of bastions ?? []) await t.close();
    tmp?.remove();
  });

  it('answers over TLS 1.2 or 1.3, and plain HTTP redirects to HTTPS', async () => {
    const res = await get('/public/hello');
    expect(res.status).toBe(200);
    expect(['TLSv1.2', 'TLSv1.3']).toContain(res.protocol);
    expect(res.headers['strict-transport-security']).toBe('max-age=63072000');
    const plain = await call({ port: httpPort, path: '/orders/1?x=1', localAddress: from() });
    expect(plain.status).toBe(308);
    expect(plain.headers.location).toBe(`https://localhost:${httpsPort}/orders/1?x=1`);
  });

  it('passes a valid token to the upstream with the identity headers (and never a client-sent one)', async () => {
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
    // nginx sends no header with an empty value: no groups, no permissions
    expect(seen.identity['remote-groups']).toBeUndefined();
    expect(seen.identity['remote-permissions']).toBeUndefined();
    expect(seen.forwardedFor).toMatch(/^127\.0\.\d+\.\d+$/);
  });

  it('refuses at the gateway, with 401 and WWW-Authenticate: no token, a forged one', async () => {
    for (const headers of [{}, auth(forge(claims('access', 1), undefined, 'k'.repeat(40)))]) {
      const res = await get('/refused/no-token', headers);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
      expect(res.json()).toMatchObject({ code: 'not_authenticated' });
    }
  });

  it('refuses within 1 s a token whose session was logged out, and after revoke-all', async () => {
    const user = await createUser(bastions[0]);
    const a = await login(user);
    expect((await get('/anything/cached', auth(a.access))).status).toBe(200);
    expect((await post('/api/token/blacklist/', { refresh: a.refresh })).status).toBe(200);
    const ms = await within(
      1000,
      async () => (await get('/refused/logged-out', auth(a.access))).status === 401,
    );
    expect(ms).toBeGreaterThanOrEqual(0);
    const b = await login(user);
    expect((await get('/anything/cached', auth(b.access))).status).toBe(200);
    expect((await post('/api/sessions/revoke-all/', {}, auth(b.access))).status).toBe(200);
    const ms2 = await within(
      1000,
      async () => (await get('/refused/revoked', auth(b.access))).status === 401,
    );
    expect(ms2).toBeGreaterThanOrEqual(0);
  });

  it('passes an API key, and stops it within 1 s once revoked', async () => {
    const user = await createUser(bastions[0]);
    const { access } = await login(user);
    const created = await post('/api/keys/', { name: 'gw', password: user.password }, auth(access));
    expect(created.status).toBe(201);
    const key = created.json() as { id: number; key: string };
    const res = await get('/anything/key', { Authorization: `Api-Key ${key.key}` });
    expect(res.status).toBe(200);
    expect((res.json() as EchoLine).identity['remote-auth-scheme']).toBe('api-key');
    const revoked = await call({
      port: httpsPort,
      path: `/api/keys/${key.id}/`,
      method: 'DELETE',
      headers: auth(access),
      localAddress: from(),
      ca,
    });
    expect(revoked.status).toBe(204);
    const ms = await within(
      1000,
      async () => (await get('/refused/revoked-key', { Authorization: `Api-Key ${key.key}` })).status === 401,
    );
    expect(ms).toBeGreaterThanOrEqual(0);
  });

  it('applies the path rules: 403 without the permission, 200 with it', async () => {
    const user = await createUser(bastions[0]);
    const { access } = await login(user);
    const refused = await get('/orders/refused', auth(access));
    expect(refused.status).toBe(403);
    expect(refused.json()).toEqual({
      detail: 'You do not have permission to perform this action.',
      code: 'permission_denied',
    });
    await grant(bastions[0], user.id, ['auth.view_user']);
    const ms = await within(1000, async () => (await get('/orders/7', auth(access))).status === 200);
    expect(ms).toBeGreaterThanOrEqual(0);
    const revokedGrant = await bastions[0].app.get(GroupAccessService).resolvePermissions(['auth.view_user']);
    await bastions[0].app.get(UserAccessService).grant(user.id, revokedGrant, true);
    const ms2 = await within(
      1000,
      async () => (await get('/orders/refused-again', auth(access))).status === 403,
    );
    expect(ms2).toBeGreaterThanOrEqual(0);
  });

  it('refuses the sixth request in a second from one address with 429', async () => {
    const address = from();
    const statuses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        get(`/public/burst-${i}`, {}, address).then((r: GatewayResponse) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
  });

  it('refuses a denied address with 403, even with a valid token', async () => {
    const user = await createUser(bastions[0]);
    const { access } = await login(user);
    const res = await get('/refused/denied-address', auth(access), DENIED_ADDRESS);
    expect(res.status).toBe(403);
  });

  it('hides the check endpoint from clients', async () => {
    expect((await get('/api/auth/check/')).status).toBe(404);
  });

  it('never let a refused request reach the upstream', () => {
    const refused = echo
      .seen()
      .filter((l) => l.url.startsWith('/refused') || l.url.startsWith('/orders/refused'));
    expect(refused).toEqual([]);
    expect(echo.seen().length).toBeGreaterThan(0);
  });
});
