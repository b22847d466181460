import { UserManagementService } from '../src/users/user-management.service';
import { UsersRepository } from '../src/users/users.repository';
import { createTestApp, TestApp } from './utils/create-test-app';
import { expect401, expectSecurityHeaders, expectStatus, P } from './utils/contract-helpers';
import { createUser, obtainPair, uniqueUsername } from './utils/factories';

const ME = '/api/users/me/';
const USERS = '/api/users/';

/** Registration, /api/users/me/, user states behind tokens, unexpected errors, the OpenAPI document. */
describe('registration and users', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const register = (body: object) => t.http.post(USERS).send(body);
  const name = () => uniqueUsername('reg').slice(0, 150);

  describe('POST /api/users/', () => {
    it('201 {id, username, email}; the new user can log in and call /me', async () => {
      const username = name();
      const res = await register({ username, password: 'correct horse battery', email: 'a@example.com' });
      expectStatus(res, 201, { id: expect.any(Number) as unknown, username, email: 'a@example.com' });
      const id = (res.body as { id: number }).id;
      const { access } = await obtainPair(t, { id, username, password: 'correct horse battery' });
      const me = await t.http.get(ME).set('Authorization', `Bearer ${access}`);
      expectStatus(me, 200);
      expect(me.body).toEqual(
        expect.objectContaining({ id, username, email: 'a@example.com', is_staff: false }),
      );
      expect(JSON.stringify(me.body)).not.toMatch(/argon|password|hash/i);
      expectStatus(await t.http.get('/api/users/me').set('Authorization', `Bearer ${access}`), 200);
    });

    it('email is optional; form and multipart bodies work; no trailing slash works', async () => {
      const a = name();
      expectStatus(await register({ username: a, password: 'long enough pw' }), 201, {
        id: expect.any(Number) as unknown,
        username: a,
        email: '',
      });
      const b = name();
      const form = await t.http
        .post('/api/users')
        .type('form')
        .send(new URLSearchParams({ username: b, password: 'long enough pw' }).toString());
      expect([form.status, (form.body as { username: string }).username]).toEqual([201, b]);
      const c = name();
      const mp = await t.http.post(USERS).field('username', c).field('password', 'long enough pw');
      expect([mp.status, (mp.body as { username: string }).username]).toEqual([201, c]);
    });

    it('a duplicate username: 400 field error (also for 10 parallel registrations: exactly one 201)', async () => {
      const username = name();
      expect((await register({ username, password: 'long enough pw' })).status).toBe(201);
      expectStatus(await register({ username, password: 'another long pw' }), 400, {
        username: ['A user with that username already exists.'],
      });
      const racer = name();
      const results = await Promise.all(
        Array.from({ length: 10 }, () => register({ username: racer, password: 'long enough pw' })),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      for (const r of results.filter((x) => x.status !== 201)) {
        expectStatus(r, 400, { username: ['A user with that username already exists.'] });
      }
    });

    it('usernames differing only by case are taken (Alice, then alice); login stays case-sensitive', async () => {
      const base = name();
      expect((await register({ username: `${base}A`, password: 'long enough pw' })).status).toBe(201);
      expectStatus(await register({ username: `${base}a`, password: 'long enough pw' }), 400, {
        username: ['A user with that username already exists.'],
      });
      const login = (username: string) =>
        t.http.post(P.obtain).send({ username, password: 'long enough pw' });
      expectStatus(await login(`${base}A`), 200);
      expect((await login(`${base}a`)).status).toBe(401);
    });

    it.each([
      ['shorter than 8', 'short1!'],
      ['longer than 1024', 'x'.repeat(1025)],
      ['all digits', '1234567890'],
    ])('password policy: %s is a 400 on password', async (_n, password) => {
      const res = await register({ username: name(), password });
      expectStatus(res, 400);
      expect(Object.keys(res.body as object)).toEqual(['password']);
      expect((res.body as { password: string[] }).password.length).toBeGreaterThan(0);
    });

    it('password policy: equal to the username is refused; 8 and 1024 characters are fine', async () => {
      const username = name();
      const res = await register({ username, password: username });
      expectStatus(res, 400);
      expect(Object.keys(res.body as object)).toEqual(['password']);
      expect((await register({ username: name(), password: 'abcdefg8' })).status).toBe(201);
      expect((await register({ username: name(), password: 'y'.repeat(1024) })).status).toBe(201);
    });

    it('the password is kept exactly as sent (never trimmed)', async () => {
      const username = name();
      const password = '  spaced out password  ';
      const res = await register({ username: `  ${username} `, password });
      expectStatus(res, 201, { id: expect.any(Number) as unknown, username, email: '' });
      expectStatus(await t.http.post(P.obtain).send({ username, password }), 200);
      expect401(await t.http.post(P.obtain).send({ username, password: password.trim() }), {
        detail: 'No active account found with the given credentials',
      });
    });

    it('field errors in DRF words; bad usernames and emails', async () => {
      expectStatus(await register({}), 400, {
        username: ['This field is required.'],
        password: ['This field is required.'],
      });
      expectStatus(await register({ username: null, password: true }), 400, {
        username: ['This field may not be null.'],
        password: ['Not a valid string.'],
      });
      expectStatus(await t.http.post(USERS).set('Content-Type', 'application/json').send('[]'), 400);
      expectStatus(await t.http.post(USERS).set('Content-Type', 'application/json').send('{'), 400);
      expectStatus(await t.http.post(USERS).set('Content-Type', 'text/plain').send('x'), 415, {
        detail: 'Unsupported media type "text/plain" in request.',
      });
      for (const username of ['has space', 'slash/x', 'x'.repeat(151), 'semi;colon', 'nul\u0001']) {
        const res = await register({ username, password: 'long enough pw' });
        expectStatus(res, 400);
        expect(Object.keys(res.body as object)).toEqual(['username']);
      }
      const res = await register({ username: name(), password: 'long enough pw', email: 'not-an-email' });
      expectStatus(res, 400);
      expect(Object.keys(res.body as object)).toEqual(['email']);
    });

    it('GET /api/users/ is a 405; an Authorization header does not matter to registration', async () => {
      const res = await t.http.get(USERS);
      expectStatus(res, 405, { detail: 'Method "GET" not allowed.' });
      expect(res.headers.allow).toBe('POST, OPTIONS');
      expect(
        (await register({ username: name(), password: 'long enough pw' }).set('Authorization', 'Bearer junk'))
          .status,
      ).toBe(201);
    });

    it('REGISTRATION_ENABLED=false refuses registration', async () => {
      const off = await createTestApp({ REGISTRATION_ENABLED: 'false' });
      try {
        const res = await off.http.post(USERS).send({ username: name(), password: 'long enough pw' });
        expect(res.status).toBe(403);
        expect(res.body).toEqual({ detail: expect.any(String) as unknown, code: 'permission_denied' });
        expect(res.headers['www-authenticate']).toBeUndefined();
      } finally {
        await off.close();
      }
    });
  });

  describe('GET /api/users/me/ and user states', () => {
    it('without a bearer: 401 not provided; POST with one: 405', async () => {
      expect401(await t.http.get(ME), { detail: 'Authentication credentials were not provided.' });
      expect401(await t.http.post(ME).send({}), { detail: 'Authentication credentials were not provided.' });
      const u = await createUser(t);
      const { access } = await obtainPair(t, u);
      const res = await t.http.post(ME).set('Authorization', `Bearer ${access}`).send({});
      expectStatus(res, 405, { detail: 'Method "POST" not allowed.' });
      expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
    });

    it('an inactive user: the login body is the same as for a wrong password; tokens get user_inactive', async () => {
      const mgmt = t.app.get(UserManagementService);
      const u = await createUser(t);
      const { access } = await obtainPair(t, u);
      await mgmt.setActive(u.username, false);
      const NO_ACCOUNT = { detail: 'No active account found with the given credentials' };
      expect401(await t.http.post(P.obtain).send({ username: u.username, password: u.password }), NO_ACCOUNT);
      expect401(await t.http.post(P.obtain).send({ username: u.username, password: 'wrong' }), NO_ACCOUNT);
      expect401(
        await t.http.post(P.obtain).send({ username: `${u.username}-nobody`, password: 'wrong' }),
        NO_ACCOUNT,
      );
      const inactive = { detail: 'User is inactive', code: 'user_inactive' };
      expect401(await t.http.get(P.secure).set('Authorization', `Bearer ${access}`), inactive);
      expect401(await t.http.get(ME).set('Authorization', `Bearer ${access}`), inactive);
    });

    it("a deleted user's access token: 401 user_not_found; a new user never inherits it", async () => {
      const mgmt = t.app.get(UserManagementService);
      const u = await createUser(t);
      const { access } = await obtainPair(t, u);
      expect(await mgmt.delete(u.username)).toBe(true);
      const notFound = { detail: 'User not found', code: 'user_not_found' };
      expect401(await t.http.get(P.secure).set('Authorization', `Bearer ${access}`), notFound);
      expect401(await t.http.get(ME).set('Authorization', `Bearer ${access}`), notFound);
      await createUser(t, { username: u.username });
      expect401(await t.http.get(P.secure).set('Authorization', `Bearer ${access}`), notFound);
    });
  });

  describe('unexpected errors', () => {
    it('500 with a generic body and an error id, no stack trace, no message; the app keeps serving', async () => {
      const repo = t.app.get(UsersRepository);
      const secret = 'secret-internal-detail at /srv/app/users.repository.ts:42';
      const spy = jest.spyOn(repo, 'findByUsername').mockRejectedValue(new Error(secret));
      try {
        const res = await t.http.post(P.obtain).send({ username: 'someone', password: 'whatever' });
        expect(res.status).toBe(500);
        expect(res.body).toEqual({
          detail: expect.any(String) as unknown,
          code: 'server_error',
          error_id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
        });
        expect(res.text).not.toContain('secret-internal-detail');
        expect(res.text).not.toMatch(/\.ts:\d|at [A-Za-z]+ \(/);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expectSecurityHeaders(res.headers);
        spy.mockImplementation(() => {
          throw new TypeError(secret);
        });
        const sync = await t.http.post(P.sliding).send({ username: 'someone', password: 'whatever' });
        expect(sync.status).toBe(500);
        expect(sync.text).not.toContain('secret-internal-detail');
        const again = await t.http.post(P.obtain).send({ username: 'someone', password: 'whatever' });
        expect((again.body as { error_id: string }).error_id).not.toBe(
          (res.body as { error_id: string }).error_id,
        );
      } finally {
        spy.mockRestore();
      }
      const u = await createUser(t);
      expectStatus(await t.http.post(P.obtain).send({ username: u.username, password: u.password }), 200);
    });

    it('a failing user lookup behind a valid token is a 500, not a 401', async () => {
      const u = await createUser(t);
      const { access } = await obtainPair(t, u);
      const spy = jest.spyOn(t.app.get(UsersRepository), 'findById').mockRejectedValue(new Error('boom'));
      try {
        const res = await t.http.get(P.secure).set('Authorization', `Bearer ${access}`);
        expect([res.status, (res.body as { code: string }).code]).toEqual([500, 'server_error']);
        expect(res.text).not.toContain('boom');
      } finally {
        spy.mockRestore();
      }
    });
  });

  it('the OpenAPI document lists every endpoint with request/response schemas and bearer auth', async () => {
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    type Op = {
      requestBody?: { content: Record<string, { schema: unknown }> };
      responses: Record<string, { content?: unknown }>;
      security?: unknown[];
    };
    const doc = res.body as {
      paths: Record<string, Record<string, Op>>;
      components: { securitySchemes: Record<string, { scheme?: string; type: string }> };
    };
    const paths = Object.fromEntries(Object.entries(doc.paths).map(([k, v]) => [k.replace(/\/$/, ''), v]));
    const posts = [
      '/api/token',
      '/api/token/refresh',
      '/api/token/verify',
      '/api/token/blacklist',
      '/api/token/sliding',
      '/api/token/sliding/refresh',
      '/api/users',
    ];
    for (const path of posts) {
      const op = paths[path]?.post;
      expect([path, op !== undefined]).toEqual([path, true]);
      const content = op.requestBody!.content;
      expect(Object.keys(content)).toEqual(
        expect.arrayContaining([
          'application/json',
          'application/x-www-form-urlencoded',
          'multipart/form-data',
        ]),
      );
      expect(content['application/json'].schema).toBeDefined();
      const ok = op.responses['200'] ?? op.responses['201'];
      expect([path, ok?.content]).toEqual([path, expect.anything()]);
      expect(op.responses['400']).toBeDefined();
    }
    for (const path of ['/api/secure', '/api/users/me']) {
      const op = paths[path]?.get;
      expect([path, op?.responses['200']?.content]).toEqual([path, expect.anything()]);
      expect(op.security).toEqual(expect.arrayContaining([expect.objectContaining({})]));
      expect(op.responses['401']).toBeDefined();
    }
    const schemes = Object.values(doc.components.securitySchemes);
    expect(schemes).toContainEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
  });
});
