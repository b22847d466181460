import { createTestApp, TestApp } from './utils/create-test-app';
import {
  expect401,
  expectSecurityHeaders,
  expectStatus,
  P,
  rawHttp,
  rawRequest,
  TOKEN_PATHS,
} from './utils/contract-helpers';
import { createUser, decodeClaims, obtainPair, TestUser } from './utils/factories';

const FIELDS: Record<string, string[]> = {
  [P.obtain]: ['username', 'password'],
  [P.sliding]: ['username', 'password'],
  [P.refresh]: ['refresh'],
  [P.blacklist]: ['refresh'],
  [P.verify]: ['token'],
  [P.slidingRefresh]: ['token'],
};
const each = (message: string, fields: string[]) => Object.fromEntries(fields.map((f) => [f, [message]]));
const TOO_LARGE = { detail: 'Request body is too large.', code: 'request_too_large' };

/** CONTRACT.md, "Rules common to all answers" and "HTTP": bodies, media types, methods, limits, headers. */
describe('contract: HTTP rules', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await createTestApp({}, { listen: true });
    user = await createUser(t);
  });
  afterAll(() => t.close());

  describe('field errors', () => {
    it.each(TOKEN_PATHS)('%s: missing fields, {}, empty bodies, no body at all: required', async (path) => {
      const required = each('This field is required.', FIELDS[path]);
      expectStatus(await t.http.post(path).send({}), 400, required);
      expectStatus(
        await t.http.post(path).send({ Username: 'x', Refresh: 'x', Token: 'x', other: 1 }),
        400,
        required,
      );
      expectStatus(await t.http.post(path).set('Content-Type', 'application/json').send(''), 400, required);
      expectStatus(await t.http.post(path).type('form').send(''), 400, required);
      expectStatus(await t.http.post(path), 400, required);
      const raw = await rawHttp(t.url, rawRequest('POST', path, []));
      expect({ status: raw.status, body: JSON.parse(raw.body) as unknown }).toEqual({
        status: 400,
        body: required,
      });
    });

    it.each(TOKEN_PATHS)('%s: blank, null, wrong types, NUL characters', async (path) => {
      const fields = FIELDS[path];
      const send = (v: unknown) => t.http.post(path).send(Object.fromEntries(fields.map((f) => [f, v])));
      expectStatus(await send(''), 400, each('This field may not be blank.', fields));
      expectStatus(await send(null), 400, each('This field may not be null.', fields));
      for (const v of [true, false, [], ['a'], {}, { a: 'b' }]) {
        expectStatus(await send(v), 400, each('Not a valid string.', fields));
      }
      expectStatus(await send('a\u0000b'), 400, each('Null characters are not allowed.', fields));
    });

    it('whitespace-only is blank in trimmed fields, but a valid password value', async () => {
      expectStatus(
        await t.http.post(P.refresh).send({ refresh: ' \t\n ' }),
        400,
        each('This field may not be blank.', ['refresh']),
      );
      expectStatus(
        await t.http.post(P.verify).send({ token: '   ' }),
        400,
        each('This field may not be blank.', ['token']),
      );
      const res = await t.http.post(P.obtain).send({ username: '  ', password: '   ' });
      expectStatus(res, 400, { username: ['This field may not be blank.'] });
      expect401(await t.http.post(P.obtain).send({ username: user.username, password: '   ' }), {
        detail: 'No active account found with the given credentials',
      });
    });

    it('errors for every field at once, each with its own message', async () => {
      expectStatus(await t.http.post(P.obtain).send({ username: null, password: [] }), 400, {
        username: ['This field may not be null.'],
        password: ['Not a valid string.'],
      });
      expectStatus(await t.http.post(P.obtain).send({ password: '' }), 400, {
        username: ['This field is required.'],
        password: ['This field may not be blank.'],
      });
    });

    it.each(['[]', '["a"]', '"abc"', '42', '1.5', 'true', 'false', 'null'])(
      'JSON body %s: 400 non_field_errors',
      async (json) => {
        for (const path of TOKEN_PATHS) {
          const res = await t.http.post(path).set('Content-Type', 'application/json').send(json);
          expectStatus(res, 400);
          const body = res.body as { non_field_errors: unknown };
          expect(Object.keys(body)).toEqual(['non_field_errors']);
          expect(body.non_field_errors).toEqual([expect.any(String)]);
        }
      },
    );

    it.each([
      ['a syntax error', '{"username": }'],
      ['trailing data', '{"username": "a"} x'],
      ['two objects', '{"username": "a"}{"password": "b"}'],
      ['single quotes', "{'username': 'a'}"],
      ['a trailing comma', '{"username": "a",}'],
      ['a comment', '{"username": "a" /* c */}'],
      ['NaN', '{"username": NaN}'],
      ['Infinity', '{"username": Infinity}'],
      ['an unterminated string', '{"username": "a'],
      ['an unterminated object', '{'],
      ['a bare word', 'username'],
    ])('malformed JSON (%s): 400 JSON parse error', async (_name, json) => {
      const res = await t.http.post(P.obtain).set('Content-Type', 'application/json').send(json);
      expectStatus(res, 400);
      expect(Object.keys(res.body as object)).toEqual(['detail']);
      expect((res.body as { detail: string }).detail).toMatch(/^JSON parse error - ./);
    });

    it.each([
      ['arrays, 10 KB', '['.repeat(5000) + ']'.repeat(5000)],
      ['objects, 10 KB', '{"a":'.repeat(2000) + '1' + '}'.repeat(2000)],
      ['in a field', `{"username": ${'['.repeat(40)}${']'.repeat(40)}, "password": "x"}`],
      ['unclosed, 10 KB', '['.repeat(10_000)],
    ])('JSON nested too deep (%s): 400 JSON parse error, never a 500', async (_name, json) => {
      for (const path of TOKEN_PATHS) {
        const res = await t.http.post(path).set('Content-Type', 'application/json').send(json);
        expect([res.status, res.body]).toEqual([
          400,
          { detail: 'JSON parse error - nesting deeper than 32 levels' },
        ]);
      }
    });

    it('control: brackets inside strings do not count, and 32 levels still parse', async () => {
      const bracketed = { username: user.username, password: `${user.password}` };
      const ok = await t.http
        .post(P.obtain)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ ...bracketed, note: '['.repeat(100) + '{\\"'.repeat(50) }));
      expectStatus(ok, 200);
      const deep = `{"username": ${'['.repeat(31)}${']'.repeat(31)}, "password": "x"}`;
      const res = await t.http.post(P.obtain).set('Content-Type', 'application/json').send(deep);
      expectStatus(res, 400);
      expect(Object.keys(res.body as object)).toEqual(['username']);
    });

    it('invalid UTF-8 bytes in JSON: 400 JSON parse error', async () => {
      for (const bytes of [
        [0xff, 0xfe],
        [0xc3, 0x28],
        [0xed, 0xa0, 0x80],
      ]) {
        const body = Buffer.concat([
          Buffer.from('{"username": "'),
          Buffer.from(bytes),
          Buffer.from('", "password": "x"}'),
        ]);
        const head = rawRequest('POST', P.obtain, [
          'Content-Type: application/json',
          `Content-Length: ${body.length}`,
        ]);
        const res = await rawHttp(t.url, Buffer.concat([Buffer.from(head), body]));
        expect([res.status, res.body]).toEqual([
          400,
          expect.stringMatching(/^\{"detail":"JSON parse error - /),
        ]);
      }
    });

    it('__proto__ and constructor keys are ordinary unknown fields', async () => {
      const json = `{"__proto__": {"username": "x"}, "constructor": {"prototype": {}}, "username": ${JSON.stringify(user.username)}, "password": ${JSON.stringify(user.password)}}`;
      expectStatus(await t.http.post(P.obtain).set('Content-Type', 'application/json').send(json), 200);
      const res = await t.http
        .post(P.obtain)
        .set('Content-Type', 'application/json')
        .send('{"__proto__": {"username": "a", "password": "b"}}');
      expectStatus(res, 400, each('This field is required.', ['username', 'password']));
    });

    it('deeply nested JSON: 400 or 413 with a JSON body', async () => {
      for (const json of [
        '['.repeat(100_000),
        '['.repeat(60_000),
        `${'['.repeat(30_000)}${']'.repeat(30_000)}`,
        `${'{"a":'.repeat(12_000)}1${'}'.repeat(12_000)}`,
      ]) {
        const res = await t.http.post(P.obtain).set('Content-Type', 'application/json').send(json);
        expect([400, 413]).toContain(res.status);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.body).toEqual(expect.objectContaining({}));
      }
    });
  });

  describe('media types', () => {
    it('JSON, form and multipart, matched case-insensitively with parameters', async () => {
      const creds = { username: user.username, password: user.password };
      for (const type of [
        'application/json; charset=utf-8',
        'Application/JSON',
        'APPLICATION/JSON;charset=UTF-8',
      ]) {
        expectStatus(await t.http.post(P.obtain).set('Content-Type', type).send(JSON.stringify(creds)), 200);
      }
      const form = new URLSearchParams(creds).toString();
      for (const type of [
        'application/x-www-form-urlencoded',
        'Application/X-WWW-Form-Urlencoded; charset=UTF-8',
      ]) {
        expectStatus(await t.http.post(P.obtain).set('Content-Type', type).send(form), 200);
      }
      const boundary = 'XyZbOuNdArY';
      const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="username"\r\n\r\n${user.username}\r\n--${boundary}\r\nContent-Disposition: form-data; name="password"\r\n\r\nwrong\r\n--${boundary}\r\nContent-Disposition: form-data; name="password"\r\n\r\n${user.password}\r\n--${boundary}--\r\n`;
      for (const type of [
        `multipart/form-data; boundary=${boundary}`,
        `Multipart/Form-Data; boundary=${boundary}`,
      ]) {
        expectStatus(await t.http.post(P.obtain).set('Content-Type', type).send(multipart), 200);
      }
    });

    it('form bodies: field errors, NUL, numbers stay text, later duplicates win', async () => {
      expectStatus(
        await t.http.post(P.obtain).type('form').send('username=&password=x'),
        400,
        each('This field may not be blank.', ['username']),
      );
      expectStatus(
        await t.http.post(P.refresh).type('form').send('refresh=a%00b'),
        400,
        each('Null characters are not allowed.', ['refresh']),
      );
      expectStatus(
        await t.http.post(P.refresh).type('form').send('refresh=x&refresh='),
        400,
        each('This field may not be blank.', ['refresh']),
      );
      expectStatus(
        await t.http.post(P.refresh).type('form').send('refresh[]=x'),
        400,
        each('This field is required.', ['refresh']),
      );
      const res = await t.http.post(P.verify).type('form').send('token=&token=garbage');
      expect401(res, { detail: 'Token is invalid or expired', code: 'token_not_valid' });
    });

    it('a form with more than 1000 fields: 400 or 413', async () => {
      const body = Array.from({ length: 1100 }, (_, i) => `f${i}=1`).join('&');
      const res = await t.http.post(P.obtain).type('form').send(body);
      expect([400, 413]).toContain(res.status);
      const fields = Array.from(
        { length: 1100 },
        (_, i) => `--b\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\n1\r\n`,
      ).join('');
      const mp = await t.http
        .post(P.obtain)
        .set('Content-Type', 'multipart/form-data; boundary=b')
        .send(`${fields}--b--\r\n`);
      expect([400, 413]).toContain(mp.status);
    });

    it('a malformed multipart body is a 400, never a 500', async () => {
      for (const [type, body] of [
        ['multipart/form-data', '--x\r\n'],
        ['multipart/form-data; boundary=x', 'garbage'],
        [
          'multipart/form-data; boundary=x',
          '--x\r\nContent-Disposition: form-data; name="username"\r\n\r\nunterminated',
        ],
      ]) {
        const res = await t.http.post(P.obtain).set('Content-Type', type).send(body);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
      }
    });

    it.each([
      'text/plain;charset=UTF-8',
      'application/xml',
      'application/jsonx',
      'text/json',
      'application/json-patch+json',
      'garbage',
    ])('Content-Type %s: 415 echoing the header', async (type) => {
      const res = await t.http
        .post(P.obtain)
        .set('Content-Type', type)
        .send('{"username":"a","password":"b"}');
      expectStatus(res, 415, { detail: `Unsupported media type "${type}" in request.` });
    });

    it('a body without Content-Type: 415 with ""', async () => {
      const res = await rawHttp(t.url, rawRequest('POST', P.obtain, [], '{"username":"a","password":"b"}'));
      expect(res.status).toBe(415);
      expect(JSON.parse(res.body)).toEqual({ detail: 'Unsupported media type "" in request.' });
      expect(res.headers['www-authenticate']).toBeUndefined();
    });
  });

  describe('limits', () => {
    it('a body over BODY_LIMIT: 413, for every media type', async () => {
      const big = 'a'.repeat(70 * 1024);
      for (const [type, body] of [
        ['application/json', JSON.stringify({ username: big, password: 'x' })],
        ['application/x-www-form-urlencoded', `username=${big}&password=x`],
        [
          'multipart/form-data; boundary=b',
          `--b\r\nContent-Disposition: form-data; name="username"\r\n\r\n${big}\r\n--b--\r\n`,
        ],
        ['text/plain', big],
      ]) {
        const res = await t.http.post(P.obtain).set('Content-Type', type).send(body);
        expectStatus(res, 413, TOO_LARGE);
        expectSecurityHeaders(res.headers);
      }
    });

    it('a body just under the limit is parsed', async () => {
      const res = await t.http.post(P.verify).send({ token: 'a'.repeat(60 * 1024) });
      expect401(res, { detail: 'Token is invalid or expired', code: 'token_not_valid' });
    });

    it('a chunked body over the limit (raw socket): 413', async () => {
      const chunk = `{"username": "${'a'.repeat(16 * 1024)}`;
      const parts = [
        rawRequest('POST', P.obtain, ['Content-Type: application/json', 'Transfer-Encoding: chunked']),
      ];
      for (let i = 0; i < 6; i += 1) parts.push(`${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`);
      parts.push('0\r\n\r\n');
      const res = await rawHttp(t.url, parts);
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toEqual(TOO_LARGE);
    });

    it('a small chunked body is served', async () => {
      const body = JSON.stringify({ username: user.username, password: user.password });
      const res = await rawHttp(
        t.url,
        rawRequest(
          'POST',
          P.obtain,
          ['Content-Type: application/json', 'Transfer-Encoding: chunked'],
          `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
        ),
      );
      expect(res.status).toBe(200);
      expect(Object.keys(JSON.parse(res.body) as object).sort()).toEqual(['access', 'refresh']);
    });

    it('a Content-Length larger than the limit is refused up front', async () => {
      const res = await rawHttp(
        t.url,
        rawRequest('POST', P.obtain, ['Content-Type: application/json', 'Content-Length: 10000000'], '{}'),
        3000,
      );
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toEqual(TOO_LARGE);
    });

    it('more bytes than Content-Length: a 400', async () => {
      const res = await rawHttp(
        t.url,
        rawRequest(
          'POST',
          P.obtain,
          ['Content-Type: application/json', 'Content-Length: 5'],
          '{"username": "a", "password": "b"}',
        ),
      );
      expect(res.status).toBe(400);
    });

    it('a header field over 8190 bytes: 400 or 431', async () => {
      const res = await rawHttp(t.url, rawRequest('GET', P.secure, [`X-Big: ${'a'.repeat(9000)}`]));
      expect([400, 431]).toContain(res.status);
      const auth = await rawHttp(
        t.url,
        rawRequest('GET', P.secure, [`Authorization: Bearer ${'a'.repeat(9000)}`]),
      );
      expect([400, 431]).toContain(auth.status);
      for (const r of [res, auth]) {
        expect(r.headers['content-type']?.[0]).toMatch(/^application\/json/);
        expect(JSON.parse(r.body)).toEqual({ detail: expect.any(String) as unknown });
        expectSecurityHeaders(Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, v[0]])));
      }
    });

    it.each([
      ['a malformed Content-Length', ['Content-Length: abc', 'Content-Type: application/json']],
      [
        'Content-Length with Transfer-Encoding',
        ['Content-Length: 2', 'Transfer-Encoding: chunked', 'Content-Type: application/json'],
      ],
      [
        'two different Content-Lengths',
        ['Content-Length: 2', 'Content-Length: 3', 'Content-Type: application/json'],
      ],
    ])('%s: 400 JSON with the security headers', async (_n, headers) => {
      const res = await rawHttp(t.url, rawRequest('POST', P.obtain, headers, '0\r\n\r\n'));
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toEqual({ detail: expect.any(String) as unknown });
      expectSecurityHeaders(Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, v[0]])));
    });

    it('an unknown method: 400 or 405, JSON', async () => {
      for (const m of ['FOO', 'PROPFIND', 'TRACE', 'SEARCH']) {
        const res = await rawHttp(t.url, rawRequest(m, P.obtain, []));
        expect([400, 405]).toContain(res.status);
        expect(res.body === '' ? {} : JSON.parse(res.body)).toEqual(
          expect.objectContaining({ detail: expect.any(String) as unknown }),
        );
      }
    });

    it('a request line over 4094 bytes: 400, 414 or 431', async () => {
      const res = await rawHttp(t.url, rawRequest('GET', `/api/secure/?q=${'a'.repeat(5000)}`, []));
      expect([400, 414, 431]).toContain(res.status);
      const post = await rawHttp(
        t.url,
        rawRequest('POST', `/api/token/${'a'.repeat(5000)}`, ['Content-Type: application/json'], '{}'),
      );
      expect([400, 414, 431]).toContain(post.status);
      for (const r of [res, post]) {
        expect(r.headers['content-type']?.[0]).toMatch(/^application\/json/);
        expectSecurityHeaders(Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, v[0]])));
      }
    });

    it('HTTP/1.0 requests are served', async () => {
      const body = JSON.stringify({ username: user.username, password: user.password });
      const res = await rawHttp(
        t.url,
        `POST /api/token/ HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      );
      expect(res.status).toBe(200);
      const { access } = JSON.parse(res.body) as { access: string };
      const secure = await rawHttp(
        t.url,
        `GET /api/secure/ HTTP/1.0\r\nAuthorization: Bearer ${access}\r\n\r\n`,
      );
      expect(secure.status).toBe(200);
      expect(JSON.parse(secure.body)).toEqual({ message: 'This is a secure endpoint.' });
    });
  });

  describe('methods, paths and headers', () => {
    it.each(TOKEN_PATHS)(
      '%s: GET/PUT/PATCH/DELETE/HEAD are 405 with Allow: POST, OPTIONS, with or without slash',
      async (path) => {
        for (const p of [path, path.slice(0, -1)]) {
          for (const m of ['get', 'put', 'patch', 'delete'] as const) {
            const res = await t.http[m](p).set('Authorization', 'Bearer garbage');
            expectStatus(res, 405, { detail: `Method "${m.toUpperCase()}" not allowed.` });
            expect(res.headers.allow).toBe('POST, OPTIONS');
            expectSecurityHeaders(res.headers);
          }
          const head = await t.http.head(p);
          expect(head.status).toBe(405);
          expect(head.headers.allow).toBe('POST, OPTIONS');
          const options = await t.http.options(p);
          expect([200, 204]).toContain(options.status);
          expect(options.headers.allow).toBe('POST, OPTIONS');
        }
      },
    );

    it('a wrong method or an unknown path is answered before the body is parsed', async () => {
      for (const [type, body] of [
        ['application/json', '{bad'],
        ['text/plain', 'x'],
      ]) {
        const res = await t.http.delete(P.refresh).set('Content-Type', type).send(body);
        expectStatus(res, 405, { detail: 'Method "DELETE" not allowed.' });
        expectStatus(await t.http.post('/api/nope/').set('Content-Type', type).send(body), 404, {
          detail: 'Not found.',
        });
      }
    });

    it.each(TOKEN_PATHS)('%s answers without the trailing slash too', async (path) => {
      const res = await t.http.post(path.slice(0, -1)).send({});
      expectStatus(res, 400, each('This field is required.', FIELDS[path]));
    });

    it.each([
      '/',
      '/api',
      '/api/',
      '/api/token/unknown/',
      '/api/tokens/',
      '/API/TOKEN/',
      '/api/secure/x',
      '/%ff',
      '/api/token/%ff/',
      '/api/%c0%af',
      '/nope?format=api',
    ])('unknown path %s: 404 {"detail":"Not found."}', async (path) => {
      for (const m of ['get', 'post'] as const) {
        const res = await t.http[m](path).set('Accept', 'text/html');
        expectStatus(res, 404, { detail: 'Not found.' });
        expectSecurityHeaders(res.headers);
      }
    });

    it('a dot-segment path is never served as the route it points to', async () => {
      const res = await t.http.get('/docs/../api/secure').set('Authorization', 'Bearer x');
      expect([403, 404]).toContain(res.status);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expectSecurityHeaders(res.headers);
    });

    it('Accept and ?format= never change the answer', async () => {
      const { access } = await obtainPair(t, user);
      for (const accept of ['text/html', 'application/xml', 'text/html;q=1, */*;q=0.1']) {
        const ok = await t.http
          .get(`${P.secure}?format=api`)
          .set('Accept', accept)
          .set('Authorization', `Bearer ${access}`);
        expectStatus(ok, 200, { message: 'This is a secure endpoint.' });
        expect401(await t.http.get(`${P.secure}?format=json`).set('Accept', accept), {
          detail: 'Authentication credentials were not provided.',
        });
        const bad = await t.http.post(`${P.obtain}?format=api`).set('Accept', accept).send({});
        expectStatus(bad, 400, each('This field is required.', ['username', 'password']));
      }
    });

    it('security headers on every kind of answer', async () => {
      const { access } = await obtainPair(t, user);
      const answers = [
        await t.http.post(P.obtain).send({ username: user.username, password: user.password }),
        await t.http.get(P.secure).set('Authorization', `Bearer ${access}`),
        await t.http.get(P.secure),
        await t.http.post(P.obtain).send({}),
        await t.http.get('/nope'),
        await t.http.get(P.obtain),
        await t.http.post(P.obtain).set('Content-Type', 'text/plain').send('x'),
        await t.http.post(P.obtain).set('Content-Type', 'application/json').send('{'),
        await t.http.options(P.obtain),
      ];
      expect(answers.map((r) => r.status)).toEqual([200, 200, 401, 400, 404, 405, 415, 400, 200]);
      for (const res of answers) expectSecurityHeaders(res.headers);
    });
  });

  describe('concurrency', () => {
    it('10 parallel logins of one user all succeed with distinct tokens', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          t.http.post(P.obtain).send({ username: user.username, password: user.password }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
      const tokens = results.flatMap((r) => [
        (r.body as { access: string }).access,
        (r.body as { refresh: string }).refresh,
      ]);
      expect(new Set(tokens).size).toBe(20);
      expect(new Set(tokens.map((tk) => decodeClaims(tk).jti)).size).toBe(20);
    });

    it('10 parallel refreshes (rotation off) all succeed with distinct access tokens', async () => {
      const { refresh } = await obtainPair(t, user);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => t.http.post(P.refresh).send({ refresh })),
      );
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
      const access = results.map((r) => (r.body as { access: string }).access);
      expect(new Set(access.map((tk) => decodeClaims(tk).jti)).size).toBe(10);
    });

    it('10 parallel blacklist calls of one token: exactly one 200, nine "Token is blacklisted" (5 rounds)', async () => {
      for (let round = 0; round < 5; round += 1) {
        const { refresh } = await obtainPair(t, user);
        const results = await Promise.all(
          Array.from({ length: 10 }, () => t.http.post(P.blacklist).send({ refresh })),
        );
        const ok = results.filter((r) => r.status === 200);
        expect(ok.map((r) => r.body as unknown)).toEqual([{}]);
        for (const r of results.filter((x) => x.status !== 200)) {
          expect401(r, { detail: 'Token is blacklisted', code: 'token_not_valid' });
        }
      }
    });
  });
});
