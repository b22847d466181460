import { loadConfiguration } from '../src/config/configuration';
import { createTestApp, TestApp } from './utils/create-test-app';
import { ADMIN_PERMISSIONS, createUser, obtainPair } from './utils/factories';
import { bearer, QUIET } from './utils/sessions-helpers';

const PRODUCTION = { ...QUIET, NODE_ENV: 'production' };

/** 21 users whose names contain `tag`: two pages of the admin list. */
async function twoPages(t: TestApp, tag: string): Promise<string> {
  for (let i = 0; i < 21; i += 1) await createUser(t, { username: `${tag}_${i}` });
  const staff = await createUser(t, { isStaff: true, permissions: ADMIN_PERMISSIONS });
  return (await obtainPair(t, staff)).access;
}

describe('production defaults', () => {
  it('Swagger is on by default in development and off in production unless SWAGGER_ENABLED=true', () => {
    expect(loadConfiguration({}).app.swaggerEnabled).toBe(true);
    const key = { JWT_SIGNING_KEY: 'the-same-hs256-key-both-instances-use-0123456789abcdef' };
    expect(loadConfiguration({ ...key, NODE_ENV: 'production' }).app.swaggerEnabled).toBe(false);
    expect(
      loadConfiguration({ ...key, NODE_ENV: 'production', SWAGGER_ENABLED: 'true' }).app.swaggerEnabled,
    ).toBe(true);
  });

  it('PUBLIC_URL must be an http(s) URL without query or fragment', () => {
    expect(loadConfiguration({ PUBLIC_URL: 'https://auth.example.com/' }).app.publicUrl).toBe(
      'https://auth.example.com',
    );
    for (const bad of ['auth.example.com', 'ftp://x', 'https://x/?a=1', 'https://x/#f', 'https://u:p@x']) {
      expect(() => loadConfiguration({ PUBLIC_URL: bad })).toThrow(/PUBLIC_URL: expected an http\(s\) URL/);
    }
  });

  describe('in production, without SWAGGER_ENABLED and PUBLIC_URL', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(PRODUCTION);
    });
    afterAll(() => t.close());

    it('serves no Swagger UI and no OpenAPI document', async () => {
      await t.http.get('/docs').expect(404);
      await t.http.get('/docs-json').expect(404);
    });

    it('builds pagination links relative to the request, never from the Host header', async () => {
      const tag = `rel${Date.now().toString(36)}`;
      const access = await twoPages(t, tag);
      const first = await t.http
        .get(`/api/admin/users/?search=${tag}`)
        .set('Host', 'evil.example')
        .set('X-Forwarded-Host', 'evil.example')
        .set(...bearer(access))
        .expect(200);
      expect(first.body.next).toBe(`/api/admin/users/?search=${tag}&page=2`);
      const second = await t.http
        .get(`/api/admin/users/?search=${tag}&page=2`)
        .set('Host', 'evil.example')
        .set(...bearer(access))
        .expect(200);
      expect(second.body.previous).toBe(`/api/admin/users/?search=${tag}`);
    });
  });

  describe('in production with SWAGGER_ENABLED=true and PUBLIC_URL', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({
        ...PRODUCTION,
        SWAGGER_ENABLED: 'true',
        PUBLIC_URL: 'https://auth.example.com/base/',
      });
    });
    afterAll(() => t.close());

    it('serves the Swagger UI', async () => {
      await t.http.get('/docs-json').expect(200);
    });

    it('builds absolute pagination links under PUBLIC_URL whatever the Host header says', async () => {
      const tag = `abs${Date.now().toString(36)}`;
      const access = await twoPages(t, tag);
      const first = await t.http
        .get(`/api/admin/users/?search=${tag}`)
        .set('Host', 'evil.example')
        .set(...bearer(access))
        .expect(200);
      expect(first.body.next).toBe(`https://auth.example.com/base/api/admin/users/?search=${tag}&page=2`);
    });
  });
});
