import { ConfigError, loadConfiguration } from '../src/config/configuration';
import { createTestApp, TestApp } from './utils/create-test-app';
import { createUser, TestUser } from './utils/factories';

const ORIGIN = 'https://app.example.com';
const COOKIE = 'bastion_refresh';

function setCookies(res: { headers: Record<string, unknown> }): string[] {
  const v = res.headers['set-cookie'];
  return v === undefined ? [] : Array.isArray(v) ? (v as string[]) : [v as string];
}

function refreshCookieValue(res: { headers: Record<string, unknown> }): string {
  const cookie = setCookies(res).find((c) => c.startsWith(`${COOKIE}=`))!;
  return cookie.slice(COOKIE.length + 1).split(';')[0];
}

describe('cookie mode (JWT_REFRESH_COOKIE)', () => {
  describe('cookie and body', () => {
    let t: TestApp;
    let user: TestUser;
    beforeAll(async () => {
      t = await createTestApp({ JWT_REFRESH_COOKIE: 'true', CORS_ORIGINS: ORIGIN });
      user = await createUser(t);
    });
    afterAll(() => t.close());
    const obtain = () =>
      t.http.post('/api/token/').send({ username: user.username, password: user.password }).expect(200);

    it('sets a Secure, HttpOnly, SameSite=Strict cookie on the token endpoints, and keeps the body', async () => {
      const res = await obtain();
      const [cookie] = setCookies(res);
      expect(cookie).toBe(
        `${COOKIE}=${res.body.refresh as string}; Max-Age=86400; Path=/api/token; Secure; HttpOnly; SameSite=Strict`,
      );
      expect(Object.keys(res.body as object).sort()).toEqual(['access', 'refresh']);
    });

    it('lets allow-listed origins send the cookie cross-origin (CORS credentials), and no other', async () => {
      const preflight = (origin: string) =>
        t.http
          .options('/api/token/refresh/')
          .set('Origin', origin)
          .set('Access-Control-Request-Method', 'POST')
          .set('Access-Control-Request-Headers', 'content-type');
      const ok = await preflight(ORIGIN);
      expect(ok.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(ok.headers['access-control-allow-credentials']).toBe('true');
      const other = await preflight('https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      expect(other.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it('refreshes from the cookie when the body has none, only with an allowed Origin', async () => {
      const refresh = refreshCookieValue(await obtain());
      const cookie = `other=1; ${COOKIE}=${refresh}`;
      const ok = await t.http
        .post('/api/token/refresh/')
        .set('Cookie', cookie)
        .set('Origin', ORIGIN)
        .expect(200);
      expect(typeof ok.body.access).toBe('string');
      const none = await t.http.post('/api/token/refresh/').set('Cookie', cookie).expect(403);
      expect(none.body).toEqual({
        detail: 'A request authenticated by the refresh cookie needs an allowed Origin.',
        code: 'permission_denied',
      });
      await t.http
        .post('/api/token/refresh/')
        .set('Cookie', cookie)
        .set('Origin', 'https://evil.example')
        .expect(403);
      await t.http.post('/api/token/refresh/').set('Cookie', cookie).set('Origin', 'null').expect(403);
      // Empty JSON object and form bodies fall back to the cookie too.
      await t.http
        .post('/api/token/refresh/')
        .set('Cookie', cookie)
        .set('Origin', ORIGIN)
        .send({})
        .expect(200);
      await t.http
        .post('/api/token/refresh/')
        .set('Cookie', cookie)
        .set('Origin', ORIGIN)
        .type('form')
        .send('x=1')
        .expect(200);
    });

    it('keeps header-and-body mode: a body token needs no cookie and no Origin, and wins over the cookie', async () => {
      const { refresh } = (await obtain()).body as { refresh: string };
      await t.http.post('/api/token/refresh/').send({ refresh }).expect(200);
      await t.http
        .post('/api/token/refresh/')
        .set('Cookie', `${COOKIE}=garbage`)
        .send({ refresh })
        .expect(200);
      const blank = await t.http
        .post('/api/token/refresh/')
        .set('Cookie', `${COOKIE}=${refresh}`)
        .send({ refresh: '' })
        .expect(400);
      expect(blank.body).toEqual({ refresh: ['This field may not be blank.'] });
    });

    it('without a cookie or with an ambiguous one: the usual 400 for the missing field', async () => {
      const res = await t.http.post('/api/token/refresh/').set('Origin', ORIGIN).expect(400);
      expect(res.body).toEqual({ refresh: ['This field is required.'] });
      const refresh = refreshCookieValue(await obtain());
      await t.http
        .post('/api/token/refresh/')
        .set('Cookie', `${COOKIE}=${refresh}; ${COOKIE}=planted`)
        .set('Origin', ORIGIN)
        .expect(400);
    });

    it('logout reads the cookie and clears it; the token is then blacklisted', async () => {
      const refresh = refreshCookieValue(await obtain());
      const cookie = `${COOKIE}=${refresh}`;
      await t.http.post('/api/token/blacklist/').set('Cookie', cookie).expect(403);
      const res = await t.http
        .post('/api/token/blacklist/')
        .set('Cookie', cookie)
        .set('Origin', ORIGIN)
        .expect(200);
      expect(setCookies(res)).toEqual([
        `${COOKIE}=; Max-Age=0; Path=/api/token; Secure; HttpOnly; SameSite=Strict`,
      ]);
      const again = await t.http
        .post('/api/token/refresh/')
        .set('Cookie', cookie)
        .set('Origin', ORIGIN)
        .expect(401);
      expect(again.body.detail).toBe('Token is blacklisted');
      const twice = await t.http
        .post('/api/token/blacklist/')
        .set('Cookie', cookie)
        .set('Origin', ORIGIN)
        .expect(401);
      expect(setCookies(twice)[0]).toContain('Max-Age=0');
    });
  });

  describe('JWT_REFRESH_COOKIE_ONLY with rotation', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({
        JWT_REFRESH_COOKIE: 'true',
        JWT_REFRESH_COOKIE_ONLY: 'true',
        JWT_ROTATE_REFRESH_TOKENS: 'true',
        CORS_ORIGINS: ORIGIN,
      });
    });
    afterAll(() => t.close());

    it('keeps the refresh token out of the body; rotation replaces the cookie', async () => {
      const user = await createUser(t);
      const res = await t.http
        .post('/api/token/')
        .send({ username: user.username, password: user.password })
        .expect(200);
      expect(Object.keys(res.body as object)).toEqual(['access']);
      const first = refreshCookieValue(res);
      const rotated = await t.http
        .post('/api/token/refresh/')
        .set('Cookie', `${COOKIE}=${first}`)
        .set('Origin', ORIGIN)
        .expect(200);
      expect(Object.keys(rotated.body as object)).toEqual(['access']);
      const second = refreshCookieValue(rotated);
      expect(second).not.toBe(first);
      await t.http
        .post('/api/token/refresh/')
        .set('Cookie', `${COOKIE}=${second}`)
        .set('Origin', ORIGIN)
        .expect(200);
      // The rotated-out token is refused (and, with reuse detection, ends the session).
      await t.http
        .post('/api/token/refresh/')
        .set('Cookie', `${COOKIE}=${first}`)
        .set('Origin', ORIGIN)
        .expect(401);
    });
  });

  describe('off (the default)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ CORS_ORIGINS: ORIGIN });
    });
    afterAll(() => t.close());

    it('sets no cookie and ignores one', async () => {
      const user = await createUser(t);
      const res = await t.http
        .post('/api/token/')
        .send({ username: user.username, password: user.password })
        .expect(200);
      expect(setCookies(res)).toEqual([]);
      const cookie = `${COOKIE}=${res.body.refresh as string}`;
      await t.http.post('/api/token/refresh/').set('Cookie', cookie).set('Origin', ORIGIN).expect(400);
    });
  });

  it('refuses to start without CORS_ORIGINS, and COOKIE_ONLY without the cookie', () => {
    expect(() => loadConfiguration({ JWT_REFRESH_COOKIE: 'true' })).toThrow(ConfigError);
    expect(() => loadConfiguration({ JWT_REFRESH_COOKIE_ONLY: 'true' })).toThrow(
      /JWT_REFRESH_COOKIE_ONLY: needs JWT_REFRESH_COOKIE=true/,
    );
    expect(() => loadConfiguration({ JWT_REFRESH_COOKIE: 'true' })).toThrow(
      /JWT_REFRESH_COOKIE: needs CORS_ORIGINS/,
    );
  });
});
