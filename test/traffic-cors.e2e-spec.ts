import { createTestApp, TestApp } from './utils/create-test-app';

const ALLOWED = 'https://app.example.com';

describe('CORS allow-list and security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: `${ALLOWED},http://localhost:5173` });
  });
  afterAll(() => t.close());

  it('answers a preflight from an allowed origin', async () => {
    const res = await t.http
      .options('/api/token/')
      .set('Origin', ALLOWED)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toContain('Content-Type');
    expect(res.headers['access-control-allow-headers']).toContain('X-Device-Token'); // the device token of API clients
  });

  it('gives a foreign origin no CORS headers, and plain OPTIONS keeps its Allow answer', async () => {
    const foreign = await t.http
      .options('/api/token/')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    expect(foreign.status).toBe(200);
    expect(foreign.headers.allow).toBe('POST, OPTIONS');
    const plain = await t.http.options('/api/token/');
    expect(plain.status).toBe(200);
    expect(plain.headers.allow).toBe('POST, OPTIONS');
    expect((await t.http.options('/no/such/path/')).status).toBe(404);
  });

  it('marks actual responses for allowed origins only', async () => {
    const ok = await t.http.get('/health/live').set('Origin', ALLOWED);
    expect(ok.headers['access-control-allow-origin']).toBe(ALLOWED);
    const foreign = await t.http.get('/health/live').set('Origin', 'https://evil.example');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends the security headers, and no HSTS on plain HTTP', async () => {
    const res = await t.http.get('/health/live');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('refuses a malformed origin at start', async () => {
    await expect(createTestApp({ CORS_ORIGINS: 'app.example.com/' })).rejects.toThrow(/CORS_ORIGINS/);
  });
});
