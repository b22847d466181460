import { createTestApp, TestApp } from './utils/create-test-app';
import { expect401, expectStatus, P } from './utils/contract-helpers';
import { createUser, decodeClaims, TestUser, uniqueUsername } from './utils/factories';

/** CONTRACT.md: POST /api/token/ and /api/token/sliding/, the issued tokens' header, claims and lifetimes. */
describe('contract: obtaining tokens', () => {
  let t: TestApp;
  let user: TestUser;
  const NO_ACCOUNT = { detail: 'No active account found with the given credentials' };

  beforeAll(async () => {
    t = await createTestApp();
    user = await createUser(t);
  });
  afterAll(() => t.close());

  const login = (body: unknown, path: string = P.obtain) => t.http.post(path).send(body as object);
  const header = (token: string) =>
    JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as unknown;

  it('a pair: exactly {refresh, access}, header {"alg":"HS256","typ":"JWT"}, claims in order, lifetimes', async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await login({ username: user.username, password: user.password });
    expectStatus(res, 200);
    expect(Object.keys(res.body as object).sort()).toEqual(['access', 'refresh']);
    const { access, refresh } = res.body as { access: string; refresh: string };
    for (const token of [access, refresh]) {
      expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token.split('.')[0], 'base64url').toString()).toBe('{"alg":"HS256","typ":"JWT"}');
      expect(header(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    }
    const a = decodeClaims(access);
    const r = decodeClaims(refresh);
    expect(Object.keys(a).slice(0, 5)).toEqual(['token_type', 'exp', 'iat', 'jti', 'user_id']);
    expect(Object.keys(r).slice(0, 5)).toEqual(['token_type', 'exp', 'iat', 'jti', 'user_id']);
    expect(a.token_type).toBe('access');
    expect(r.token_type).toBe('refresh');
    for (const c of [a, r]) {
      expect(Number.isInteger(c.exp) && Number.isInteger(c.iat)).toBe(true);
      expect(c.jti).toMatch(/^[0-9a-f]{32}$/);
      expect(c.user_id).toBe(user.id);
      expect(c.iat as number).toBeGreaterThanOrEqual(before);
      expect(c.iat as number).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    }
    expect((a.exp as number) - (a.iat as number)).toBe(300);
    expect((r.exp as number) - (r.iat as number)).toBe(86400);
    expect(a.iat).toBe(r.iat);
    expect(a.jti).not.toBe(r.jti);
  });

  it('a sliding token: exactly {token}, claims in order, lifetimes', async () => {
    const res = await login({ username: user.username, password: user.password }, P.sliding);
    expectStatus(res, 200);
    expect(Object.keys(res.body as object)).toEqual(['token']);
    const token = (res.body as { token: string }).token;
    expect(header(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const c = decodeClaims(token);
    expect(Object.keys(c).slice(0, 6)).toEqual(['token_type', 'exp', 'iat', 'jti', 'refresh_exp', 'user_id']);
    expect(c.token_type).toBe('sliding');
    expect(c.jti).toMatch(/^[0-9a-f]{32}$/);
    expect(c.user_id).toBe(user.id);
    expect((c.exp as number) - (c.iat as number)).toBe(300);
    expect((c.refresh_exp as number) - (c.iat as number)).toBe(86400);
    expect(Number.isInteger(c.refresh_exp)).toBe(true);
  });

  it('lifetimes come from the settings (JWT_*_LIFETIME, as 60 / 2h / 90s / 1d)', async () => {
    const custom = await createTestApp({
      JWT_ACCESS_TOKEN_LIFETIME: '60',
      JWT_REFRESH_TOKEN_LIFETIME: '2h',
      JWT_SLIDING_TOKEN_LIFETIME: '90s',
      JWT_SLIDING_TOKEN_REFRESH_LIFETIME: '1d',
    });
    try {
      const u = await createUser(custom);
      const pair = (await custom.http.post(P.obtain).send({ username: u.username, password: u.password }))
        .body as { access: string; refresh: string };
      const life = (tok: string, claim = 'exp') =>
        (decodeClaims(tok)[claim] as number) - (decodeClaims(tok).iat as number);
      expect([life(pair.access), life(pair.refresh)]).toEqual([60, 7200]);
      const { token } = (
        await custom.http.post(P.sliding).send({ username: u.username, password: u.password })
      ).body as { token: string };
      expect([life(token), life(token, 'refresh_exp')]).toEqual([90, 86400]);
      const refreshed = (await custom.http.post(P.refresh).send({ refresh: pair.refresh })).body as {
        access: string;
      };
      expect(
        (decodeClaims(refreshed.access).exp as number) - Math.floor(Date.now() / 1000),
      ).toBeGreaterThanOrEqual(59);
    } finally {
      await custom.close();
    }
  });

  it('every login issues new tokens (new jti), also without the trailing slash', async () => {
    const jtis = new Set<unknown>();
    for (const path of [P.obtain, '/api/token', P.obtain]) {
      const res = await login({ username: user.username, password: user.password }, path);
      expectStatus(res, 200);
      const b = res.body as { access: string; refresh: string };
      jtis.add(decodeClaims(b.access).jti).add(decodeClaims(b.refresh).jti);
    }
    for (const path of [P.sliding, '/api/token/sliding']) {
      const res = await login({ username: user.username, password: user.password }, path);
      expectStatus(res, 200);
      jtis.add(decodeClaims((res.body as { token: string }).token).jti);
    }
    expect(jtis.size).toBe(8);
  });

  it.each([P.obtain, P.sliding])(
    '%s: wrong password, unknown user, inactive user: the same 401',
    async (path) => {
      const inactive = await createUser(t, { isActive: false });
      for (const body of [
        { username: user.username, password: `${user.password}x` },
        { username: uniqueUsername('nobody'), password: user.password },
        { username: inactive.username, password: inactive.password },
      ]) {
        expect401(await login(body, path), NO_ACCOUNT);
      }
    },
  );

  it('usernames: exact, case-sensitive, no pattern matching, any characters, trimmed', async () => {
    const odd = await createUser(t, { username: `Ünï "quote' %_*${Date.now()}`, password: 'odd-password-1' });
    expectStatus(await login({ username: odd.username, password: 'odd-password-1' }), 200);
    expectStatus(await login({ username: `  ${odd.username}\t`, password: 'odd-password-1' }), 200);
    expect401(await login({ username: odd.username.toUpperCase(), password: 'odd-password-1' }), NO_ACCOUNT);
    expect401(await login({ username: user.username.toUpperCase(), password: user.password }), NO_ACCOUNT);
    for (const pattern of [
      '%',
      '_',
      '*',
      `${user.username.slice(0, -1)}_`,
      `${user.username.slice(0, 4)}%`,
    ]) {
      expect401(await login({ username: pattern, password: user.password }), NO_ACCOUNT);
    }
    expect401(await login({ Username: user.username, username: 'x', password: user.password }), NO_ACCOUNT);
  });

  it('passwords are never trimmed', async () => {
    const spaced = await createUser(t, { password: '  pw with spaces  ' });
    expectStatus(await login({ username: spaced.username, password: '  pw with spaces  ' }), 200);
    expectStatus(await login({ username: spaced.username, password: '  pw with spaces  ' }, P.sliding), 200);
    for (const pw of ['pw with spaces', '  pw with spaces', 'pw with spaces  ', ' pw with spaces ']) {
      expect401(await login({ username: spaced.username, password: pw }), NO_ACCOUNT);
    }
    const blanks = await createUser(t, { password: '        ' });
    expectStatus(await login({ username: blanks.username, password: '        ' }), 200);
  });

  it('numbers are used as their string form (12 is "12", 12.5 is "12.5")', async () => {
    const numeric = await createUser(t, {
      username: String(1e9 + Math.floor(Math.random() * 1e9)),
      password: '12.5',
    });
    const res = await login({ username: Number(numeric.username), password: 12.5 });
    expectStatus(res, 200);
    const twelve = await createUser(t, { password: '12' });
    expectStatus(await login({ username: twelve.username, password: 12 }), 200);
  });

  it('form-urlencoded and multipart logins, later duplicate keys win', async () => {
    const form = await t.http
      .post(P.obtain)
      .type('form')
      .send(
        `username=${encodeURIComponent(user.username)}&password=wrong&password=${encodeURIComponent(user.password)}`,
      );
    expect(form.body).toEqual(expect.objectContaining({ access: expect.any(String) }));
    expectStatus(form, 200);
    const multipart = await t.http
      .post(P.sliding)
      .field('username', user.username)
      .field('password', user.password);
    expectStatus(multipart, 200);
    expect(Object.keys(multipart.body as object)).toEqual(['token']);
    const json = await t.http
      .post(P.obtain)
      .set('Content-Type', 'application/json')
      .send(`{"username":"${user.username}","password":"x","password":${JSON.stringify(user.password)}}`);
    expectStatus(json, 200);
  });

  it('the Authorization header is ignored entirely, even a malformed one', async () => {
    for (const auth of ['Bearer garbage', 'Bearer a b', 'Basic x', 'Bearer']) {
      const res = await t.http
        .post(P.obtain)
        .set('Authorization', auth)
        .send({ username: user.username, password: user.password });
      expectStatus(res, 200);
    }
  });

  it('last_login stays null by default (JWT_UPDATE_LAST_LOGIN off)', async () => {
    const fresh = await createUser(t);
    const { access } = (await login({ username: fresh.username, password: fresh.password })).body as {
      access: string;
    };
    const me = await t.http.get('/api/users/me/').set('Authorization', `Bearer ${access}`);
    expectStatus(me, 200);
    expect((me.body as { last_login: string | null }).last_login).toBeNull();
  });
});
