import { randomBytes } from 'node:crypto';
import { GroupAccessService } from '../src/permissions/group-access.service';
import { UserAccessService } from '../src/permissions/user-access.service';
import { UserLifecycleService } from '../src/users/user-lifecycle.service';
import { UserManagementService } from '../src/users/user-management.service';
import { loadConfiguration } from '../src/config/configuration';
import { createTestApp, TestApp } from './utils/create-test-app';
import { claims, forge, P, REALM, rejected } from './utils/contract-helpers';
import { createUser, grant, obtainPair, TestUser, uniqueUsername } from './utils/factories';
import { bearer, QUIET, within } from './utils/sessions-helpers';
import { describeUnless } from './utils/skip';

const DB = process.env.TEST_DATABASE_URL;
const CHECK = '/api/auth/check/';
const RULES = [
  'GET,HEAD /orders/** auth.view_user',
  '* /admin/** staff',
  '* /public/** public',
  '* /blocked/** deny',
  'POST /reports/* auth.view_user auth.change_user',
].join(';');
const denied = { detail: 'You do not have permission to perform this action.', code: 'permission_denied' };
const apiKey = (key: string): [string, string] => ['Authorization', `Api-Key ${key}`];
const fwd = (method: string, uri: string): Record<string, string> => ({
  'X-Forwarded-Method': method,
  'X-Forwarded-Uri': uri,
});

/** A key of the user, through POST /api/keys/ (which asks for the password again). */
async function newKey(
  t: TestApp,
  access: string,
  password: string,
  body: object = {},
): Promise<{ id: number; key: string }> {
  const res = await t.http
    .post('/api/keys/')
    .set(...bearer(access))
    .send({ name: 'gw', password, ...body })
    .expect(201);
  return res.body as { id: number; key: string };
}

describe('forward auth: GET /api/auth/check/', () => {
  let t: TestApp;
  let user: TestUser;
  let access: string;
  beforeAll(async () => {
    t = await createTestApp({ ...QUIET, GATEWAY_RULES: RULES });
    user = await createUser(t);
    ({ access } = await obtainPair(t, user));
  });
  afterAll(() => t.close());

  it('answers 200 with the identity headers for a valid access token', async () => {
    const res = await t.http
      .get(CHECK)
      .set(...bearer(access))
      .set(fwd('GET', '/anything/1?x=2'))
      .expect(200, {});
    expect(res.headers).toMatchObject({
      'remote-user': user.username,
      'remote-user-id': String(user.id),
      'remote-name': user.username,
      'remote-groups': '',
      'remote-permissions': '',
      'remote-auth-scheme': 'bearer',
    });
    expect(res.headers['remote-session']).toMatch(/^[A-Za-z0-9_-]{8,}$/);
  });

  it('lists groups and permissions, percent-encoding what is not printable ASCII', async () => {
    const name = `Équipe, ${randomBytes(3).toString('hex')}`;
    const groups = t.app.get(GroupAccessService);
    const gid = await groups.create(name, await groups.resolvePermissions(['auth.view_group']));
    await t.app.get(UserAccessService).addToGroup(user.id, gid);
    await grant(t, user.id, ['auth.view_user']);
    const res = await t.http
      .get(CHECK)
      .set(fwd('GET', '/x'))
      .set(...bearer(access))
      .expect(200);
    expect(res.headers['remote-groups']).toBe(encodeURIComponent(name).replace(/%20/g, ' '));
    expect(decodeURIComponent(res.headers['remote-groups'])).toBe(name);
    expect(res.headers['remote-permissions']).toBe('auth.view_group,auth.view_user');
  });

  it('answers 401 with WWW-Authenticate and the contract body: no, forged or expired token', async () => {
    const none = await t.http.get(CHECK).set(fwd('GET', '/x')).expect(401);
    expect(none.headers['www-authenticate']).toBe(REALM);
    expect(none.body).toEqual({ detail: 'Authentication credentials were not provided.' });
    const forged = await t.http
      .get(CHECK)
      .set(fwd('GET', '/x'))
      .set(
        ...bearer(forge(claims('access', user.id), undefined, 'wrong-key-0123456789abcdef0123456789abcdef')),
      )
      .expect(401);
    expect(forged.headers['www-authenticate']).toBe(REALM);
    expect(forged.body).toEqual(rejected('Token is invalid or expired'));
    const twoParts = await t.http
      .get(CHECK)
      .set(fwd('GET', '/x'))
      .set('Authorization', 'Bearer a b')
      .expect(401);
    expect(twoParts.body).toMatchObject({ code: 'bad_authorization_header' });
  });

  it('answers for any method of the check request itself', async () => {
    for (const method of ['post', 'put', 'delete', 'patch', 'head'] as const) {
      await t.http[method](CHECK)
        .set(fwd('GET', '/x'))
        .set(...bearer(access))
        .expect(200);
    }
    await t.http.post('/api/auth/check').set(fwd('GET', '/x')).expect(401);
  });

  describe('path rules', () => {
    it('a permission rule: 403 without it, 200 with it; methods outside the rule fall to the default', async () => {
      const other = await createUser(t);
      const { access: a } = await obtainPair(t, other);
      await t.http
        .get(CHECK)
        .set(...bearer(a))
        .set(fwd('GET', '/orders/7'))
        .expect(403, denied);
      await t.http
        .get(CHECK)
        .set(...bearer(a))
        .set(fwd('DELETE', '/orders/7'))
        .expect(200);
      await grant(t, other.id, ['auth.view_user']);
      await t.http
        .get(CHECK)
        .set(...bearer(a))
        .set(fwd('GET', '/orders/7/lines'))
        .expect(200);
      await t.http
        .get(CHECK)
        .set(...bearer(a))
        .set({ 'X-Original-Method': 'HEAD', 'X-Original-URI': '/orders' })
        .expect(200);
    });

    it('needs every permission a rule lists', async () => {
      const other = await createUser(t, { permissions: ['auth.view_user'] });
      const { access: a } = await obtainPair(t, other);
      await t.http
        .get(CHECK)
        .set(...bearer(a))
        .set(fwd('POST', '/reports/1'))
        .expect(403, denied);
      await grant(t, other.id, ['auth.change_user']);
      await t.http
        .get(CHECK)
        .set(...bearer(a))
        .set(fwd('POST', '/reports/1'))
        .expect(200);
      // `*` is one segment: /reports/1/x is no match, so only a valid credential is needed
      await t.http
        .get(CHECK)
        .set(...bearer(access))
        .set(fwd('POST', '/reports/1/x'))
        .expect(200);
    });

    it('staff, public and deny rules', async () => {
      await t.http
        .get(CHECK)
        .set(...bearer(access))
        .set(fwd('GET', '/admin/'))
        .expect(403, denied);
      const staff = await createUser(t, { isStaff: true });
      await t.http
        .get(CHECK)
        .set(...bearer((await obtainPair(t, staff)).access))
        .set(fwd('PUT', '/admin/users/1'))
        .expect(200);
      const anon = await t.http.get(CHECK).set(fwd('GET', '/public/docs')).expect(200, {});
      expect(anon.headers['remote-user']).toBeUndefined();
      const known = await t.http
        .get(CHECK)
        .set(...bearer(access))
        .set(fwd('GET', '/public/docs'))
        .expect(200);
      expect(known.headers['remote-user']).toBe(user.username);
      await t.http.get(CHECK).set('Authorization', 'Bearer junk').set(fwd('GET', '/public/')).expect(401);
      await t.http
        .get(CHECK)
        .set(...bearer(access))
        .set(fwd('GET', '/blocked/x'))
        .expect(403, denied);
    });

    it('matches the decoded, normalised path (double slashes, query, trailing slash)', async () => {
      await t.http
        .get(CHECK)
        .set(...bearer(access))
        .set(fwd('GET', '//admin//x/?q=1'))
        .expect(403, denied);
      await t.http
        .get(CHECK)
        .set(...bearer(access))
        .set(fwd('GET', '/%61dmin/x'))
        .expect(403, denied);
    });
  });

  describe('bad input: a 403 in the contract shape, never a 5xx', () => {
    const bad: [string, Record<string, string>][] = [
      ['dot segments', fwd('GET', '/public/../admin/x')],
      ['encoded dot segments', fwd('GET', '/public/%2e%2e/admin')],
      ['an encoded slash', fwd('GET', '/public%2F..%2Fadmin')],
      ['an encoded backslash', fwd('GET', '/public/%5C')],
      ['bad percent-encoding', fwd('GET', '/public/%zz')],
      ['an encoded NUL', fwd('GET', '/public/%00')],
      ['a URI that is not a path', fwd('GET', 'http://evil/admin')],
      ['a space in the URI', fwd('GET', '/public/a b')],
      ['a method that is no token', fwd('get / x', '/public/')],
      ['no forwarded URI while rules exist', { 'X-Forwarded-Method': 'GET' }],
    ];
    it.each(bad)('%s', async (_, headers) => {
      const res = await t.http.get(CHECK).set(headers);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ detail: expect.any(String) as string, code: 'permission_denied' });
    });

    it('a forwarded URI sent twice (joined by the HTTP parser)', async () => {
      const res = await t.http
        .get(CHECK)
        .set(...bearer(access))
        .set('X-Forwarded-Uri', '/public/, /admin/');
      expect(res.status).toBe(403);
    });
  });

  describe('API keys', () => {
    it('pass with the scheme api-key, their scope as permissions, and stop once revoked', async () => {
      const owner = await createUser(t, { permissions: ['auth.view_user', 'auth.view_group'] });
      const { access: a } = await obtainPair(t, owner);
      const key = await newKey(t, a, owner.password, { permissions: ['auth.view_user'] });
      const res = await t.http
        .get(CHECK)
        .set(...apiKey(key.key))
        .set(fwd('GET', '/orders/1'))
        .expect(200);
      expect(res.headers).toMatchObject({
        'remote-user': owner.username,
        'remote-auth-scheme': 'api-key',
        'remote-permissions': 'auth.view_user',
        'remote-session': '',
      });
      await t.http
        .delete(`/api/keys/${key.id}/`)
        .set(...bearer(a))
        .expect(204);
      const gone = await t.http
        .get(CHECK)
        .set(fwd('GET', '/x'))
        .set(...apiKey(key.key))
        .expect(401);
      expect(gone.body).toEqual({ detail: 'Invalid API key.', code: 'authentication_failed' });
      expect(gone.headers['www-authenticate']).toBe(REALM);
    });
  });

  describe('revocation acts at once', () => {
    it('revoke-all, deactivation, permission removal', async () => {
      const u = await createUser(t, { permissions: ['auth.view_user'] });
      const pair = await obtainPair(t, u);
      const orders = (tok: string) =>
        t.http
          .get(CHECK)
          .set(...bearer(tok))
          .set(fwd('GET', '/orders/1'));
      await orders(pair.access).expect(200);
      await t.app
        .get(UserAccessService)
        .grant(u.id, await t.app.get(GroupAccessService).resolvePermissions(['auth.view_user']), true);
      await orders(pair.access).expect(403, denied);
      await t.http
        .post('/api/sessions/revoke-all/')
        .set(...bearer(pair.access))
        .send({})
        .expect(200);
      expect((await orders(pair.access)).body).toEqual(rejected('Token is blacklisted'));
      const v = await createUser(t);
      const vPair = await obtainPair(t, v);
      await t.http
        .get(CHECK)
        .set(fwd('GET', '/x'))
        .set(...bearer(vPair.access))
        .expect(200);
      await t.app.get(UserLifecycleService).setActive(v.username, false);
      await t.http
        .get(CHECK)
        .set(fwd('GET', '/x'))
        .set(...bearer(vPair.access))
        .expect(401, { detail: 'User is inactive', code: 'user_inactive' });
    });

    it('a superuser holds every permission: Remote-Permissions is *', async () => {
      const username = uniqueUsername('root');
      const password = `pw-${randomBytes(6).toString('hex')}`;
      await t.app.get(UserManagementService).create({ username, password, isSuperuser: true });
      const { access: a } = await obtainPair(t, { id: 0, username, password });
      const res = await t.http
        .get(CHECK)
        .set(...bearer(a))
        .set(fwd('GET', '/orders/1'))
        .expect(200);
      expect(res.headers['remote-permissions']).toBe('*');
    });
  });

  it('is not throttled per client (every request comes from the gateway)', async () => {
    const limited = await createTestApp({ ...QUIET, THROTTLE_ENABLED: 'true', THROTTLE_DEFAULT: '3/1m' });
    try {
      const u = await createUser(limited);
      const { access: a } = await obtainPair(limited, u);
      for (let i = 0; i < 6; i += 1) {
        await limited.http
          .get(CHECK)
          .set(...bearer(a))
          .expect(200);
      }
      // the login counted once: two more requests to a throttled route pass, the third is refused
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1)
        statuses.push((await limited.http.get(P.secure).set(...bearer(a))).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('GATEWAY_RULES validation', () => {
  const problems = (env: Record<string, string>): string[] => {
    try {
      loadConfiguration({ JWT_SIGNING_KEY: 'k'.repeat(50), ...env });
      return [];
    } catch (e) {
      return (e as { problems: string[] }).problems;
    }
  };

  it.each([
    ['GET /orders', 'expected METHODS PATH REQUIREMENT'],
    ['get /orders/** staff', 'is not an upper-case HTTP method'],
    ['GET orders/** staff', 'must start with /'],
    ['GET /or*ders staff', 'may hold only plain segments'],
    ['GET /a/../b staff', 'may hold only plain segments'],
    ['GET /a public staff', '"public" stands alone'],
    ['GET /a view_order', 'is neither public, authenticated, staff, deny nor permissions'],
  ])('refuses "%s", naming it', (rule, why) => {
    const [problem] = problems({ GATEWAY_RULES: `* /ok/** public;${rule}` });
    expect(problem).toContain('GATEWAY_RULES');
    expect(problem).toContain(`"${rule}"`);
    expect(problem).toContain(why);
  });

  it('reads GATEWAY_RULES_FILE, and names a file it cannot read', () => {
    expect(problems({ GATEWAY_RULES_FILE: '/nonexistent/rules' })[0]).toMatch(
      /GATEWAY_RULES_FILE.*cannot read \/nonexistent\/rules \(ENOENT\)/,
    );
  });
});

describeUnless(
  'gateway-check.e2e-spec (two instances)',
  !DB && 'TEST_DATABASE_URL is not set (two instances need one database)',
)('forward auth across two instances', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createTestApp({ ...QUIET, REDIS_URL: process.env.TEST_REDIS_URL ?? '' });
    b = await createTestApp({ ...QUIET, REDIS_URL: process.env.TEST_REDIS_URL ?? '' });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('refuses on B, within 1 s, a token whose session was logged out on A', async () => {
    const u = await createUser(a);
    const pair = await obtainPair(a, u);
    await b.http
      .get(CHECK)
      .set(...bearer(pair.access))
      .expect(200);
    await a.http.post(P.blacklist).send({ refresh: pair.refresh }).expect(200);
    const ms = await within(
      1000,
      async () => (await b.http.get(CHECK).set(...bearer(pair.access))).status === 401,
    );
    expect(ms).toBeGreaterThanOrEqual(0);
  });

  it('refuses on B, within 1 s, a permission removed on A', async () => {
    const u = await createUser(a, { permissions: ['auth.view_user'] });
    const pair = await obtainPair(a, u);
    const rules = { 'X-Forwarded-Uri': '/x' };
    await b.http
      .get(CHECK)
      .set(...bearer(pair.access))
      .set(rules)
      .expect(200);
    const res = await b.http
      .get(CHECK)
      .set(...bearer(pair.access))
      .expect(200);
    expect(res.headers['remote-permissions']).toBe('auth.view_user');
    await a.app
      .get(UserAccessService)
      .grant(u.id, await a.app.get(GroupAccessService).resolvePermissions(['auth.view_user']), true);
    const ms = await within(
      1000,
      async () => (await b.http.get(CHECK).set(...bearer(pair.access))).headers['remote-permissions'] === '',
    );
    expect(ms).toBeGreaterThanOrEqual(0);
  });
});
