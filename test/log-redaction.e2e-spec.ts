import { redactingSerializers, redactUrl } from '../src/http/log-redaction';
import { createTestApp, TestApp } from './utils/create-test-app';
import { LogCapture } from './utils/log-capture';
import { login, newKey } from './utils/api-key-helpers';
import { createUser, obtainPair } from './utils/factories';

describe('request logs hold nothing secret', () => {
  let t: TestApp;
  const log = new LogCapture();
  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'info' }, { logStream: log });
  });
  afterAll(() => t.close());

  it('never writes a token sent in a query string, a path or a header', async () => {
    const { access, refresh } = await obtainPair(t, await createUser(t));
    const signature = access.split('.')[2];
    await t.http.get(`/api/secure/?token=${access}&page=2`).expect(401);
    await t.http
      .get(`/api/secure/?access_token=${refresh}`)
      .set('Authorization', `Bearer ${access}`)
      .expect(200);
    await t.http.get(`/api/token/${access}/`).expect(404);
    await t.http.get(`/api/secure/?${encodeURIComponent(access)}`).expect(401);
    await t.http.get(`/api/secure/?${access.replace(/\./g, '%2E')}`).expect(401);
    await t.http.post('/api/token/verify/?password=hunter2-secret').send({ token: access }).expect(200);
    await new Promise((r) => setImmediate(r));

    for (const secret of [access, refresh, signature, access.split('.')[1], 'hunter2-secret']) {
      expect(log.text).not.toContain(secret);
    }
    // and the request lines are there, with what is safe to keep
    expect(log.text).toContain('/api/secure/?token=[REDACTED]&page=[REDACTED]');
    expect(log.text).toContain('/api/token/[REDACTED]/');
    expect(log.text).toContain('/api/token/verify/?password=[REDACTED]');
  });
});

describe('request logs hold no API key', () => {
  let t: TestApp;
  const log = new LogCapture();
  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'info' }, { logStream: log });
  });
  afterAll(() => t.close());

  it('never writes an API key sent in a path; its prefix alone stays readable', async () => {
    const k = await newKey(t, await login(t, await createUser(t)));
    await t.http.get(`/api/keys/${k.key}/`);
    await t.http.get(`/api/keys/${k.key.replace('.', '%2E')}/x`);
    await t.http.get(`/api/keys/${k.prefix}/y`);
    await new Promise((r) => setImmediate(r));
    expect(log.text).not.toContain(k.key.slice(13));
    expect(log.text).toContain('/api/keys/[REDACTED]/');
    expect(log.text).toContain(`/api/keys/${k.prefix}/y`); // the control: a prefix is no secret
  });
});

describe('redactUrl', () => {
  it.each([
    ['/api/admin/users/?search=bob&page=2', '/api/admin/users/?search=[REDACTED]&page=[REDACTED]'],
    ['/api/x/eyJhbGciOi.eyJzdWIi.c2ln/', '/api/x/[REDACTED]/'],
    ['/a?eyJhbGciOi.eyJzdWIi.c2ln', '/a?[REDACTED]'],
    ['/a?we ird=1&=2&x', '/a?[REDACTED]&[REDACTED]&x=[REDACTED]'],
    ['/plain/path', '/plain/path'],
    [`/api/x/${'A'.repeat(12)}.${'b'.repeat(43)}/`, '/api/x/[REDACTED]/'],
    [`/api/x/-${'A'.repeat(11)}%2e${'_'.repeat(43)}`, '/api/x/[REDACTED]'],
    // Not a key: the prefix alone, or a longer run of characters.
    [`/api/x/${'A'.repeat(12)}/`, `/api/x/${'A'.repeat(12)}/`],
    [`/api/x/${'A'.repeat(13)}.${'b'.repeat(43)}`, `/api/x/${'A'.repeat(13)}.${'b'.repeat(43)}`],
  ])('%s -> %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });
});

describe('the error serializer', () => {
  it('removes token-like values from message and stack', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    const out = (redactingSerializers!.err as (e: Error) => { message: string; stack: string })(
      new Error(`cannot decode ${token}`),
    );
    expect(out.message).toBe('cannot decode [REDACTED]');
    expect(out.stack).not.toContain(token);
  });
});
