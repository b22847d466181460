import { Clock } from '../src/common/clock';
import { loadConfiguration } from '../src/config/configuration';
import { createTestApp, TestApp } from './utils/create-test-app';
import {
  b64url,
  claims,
  expect401,
  expectStatus,
  forge,
  hs,
  nowS,
  P,
  rawHttp,
  rawRequest,
  rejected,
} from './utils/contract-helpers';
import { createUser, obtainPair, TestUser } from './utils/factories';

/** CONTRACT.md, GET /api/secure/: Authorization parsing, AccessToken validation, the user claim. */
describe('contract: GET /api/secure/', () => {
  let t: TestApp;
  let user: TestUser;
  let access: string;
  const NOT_PROVIDED = { detail: 'Authentication credentials were not provided.' };
  const TWO_VALUES = {
    detail: 'Authorization header must contain two space-delimited values',
    code: 'bad_authorization_header',
  };
  const OK = { message: 'This is a secure endpoint.' };
  const INVALID = 'Token is invalid or expired';

  beforeAll(async () => {
    t = await createTestApp({}, { listen: true });
    user = await createUser(t);
    access = (await obtainPair(t, user)).access;
  });
  afterAll(() => t.close());

  const get = (authorization?: string) => {
    const r = t.http.get(P.secure);
    return authorization === undefined ? r : r.set('Authorization', authorization);
  };
  const withToken = (token: string) => get(`Bearer ${token}`);
  const access4 = (over: Record<string, unknown> = {}) => forge(claims('access', user.id, over));

  describe('Authorization header parsing', () => {
    it('a valid access token: 200, also with tabs, whitespace runs, a query string and a Content-Type', async () => {
      for (const h of [
        `Bearer ${access}`,
        `Bearer\t${access}`,
        `Bearer   \t ${access}`,
        `Bearer ${access} `,
      ]) {
        expectStatus(await get(h), 200, OK);
      }
      const res = await t.http
        .get(`${P.secure}?token=x&format=api`)
        .set('Content-Type', 'text/plain')
        .set('Authorization', `Bearer ${access}`);
      expectStatus(res, 200, OK);
      expectStatus(await t.http.get('/api/secure').set('Authorization', `Bearer ${access}`), 200, OK);
    });

    it('HEAD with a valid token: 200 without a body', async () => {
      const res = await t.http.head(P.secure).set('Authorization', `Bearer ${access}`);
      expect(res.status).toBe(200);
      expect(res.text ?? '').toBe('');
    });

    it.each([
      ['no header', undefined],
      ['an empty value', ''],
      ['scheme JWT', 'JWT TOKEN'],
      ['scheme Token', 'Token TOKEN'],
      ['scheme Basic', 'Basic dXNlcjpwYXNz'],
      ['lowercase bearer', 'bearer TOKEN'],
      ['uppercase BEARER', 'BEARER TOKEN'],
      ['a non-breaking space', 'Bearer\u00a0TOKEN'],
      ['Bearer glued to the token', 'BearerTOKEN'],
    ])('%s: 401 not provided', async (_name, header) => {
      expect401(await get(header?.replace('TOKEN', access)), NOT_PROVIDED);
    });

    it('the token is never read from the query string, a cookie or X-Authorization', async () => {
      expect401(await t.http.get(`${P.secure}?token=${access}&access=${access}`), NOT_PROVIDED);
      expect401(await t.http.get(P.secure).set('Cookie', `access=${access}; token=${access}`), NOT_PROVIDED);
      expect401(await t.http.get(P.secure).set('X-Authorization', `Bearer ${access}`), NOT_PROVIDED);
    });

    it.each([
      ['Bearer alone', 'Bearer'],
      ['Bearer and spaces', 'Bearer    '],
      ['Bearer a b', 'Bearer a b'],
      ['three parts, the token first', 'Bearer TOKEN extra'],
      ['tab-separated extra part', 'Bearer\tTOKEN\tx'],
    ])('%s: 401 bad_authorization_header', async (_name, header) => {
      expect401(await get(header.replace('TOKEN', access)), TWO_VALUES);
    });

    it('two Authorization headers (raw socket) are never authenticated', async () => {
      for (const [a, b] of [
        [`Bearer ${access}`, `Bearer ${access}`],
        [`Bearer ${access}`, 'Basic x'],
        ['Basic x', `Bearer ${access}`],
        [`Bearer ${access}`, ''],
      ]) {
        const res = await rawHttp(
          t.url,
          rawRequest('GET', P.secure, [`Authorization: ${a}`, `authorization: ${b}`]),
        );
        expect([400, 401]).toContain(res.status);
        expect(res.body).not.toContain('secure endpoint');
        if (res.status === 401) {
          expect(res.headers['www-authenticate']).toEqual(['Bearer realm="api"']);
          expect([NOT_PROVIDED, TWO_VALUES]).toContainEqual(JSON.parse(res.body));
        }
      }
    });

    it('non-ASCII bytes in the header (raw socket): 401, never 500', async () => {
      const utf8 = Buffer.concat([
        Buffer.from(rawRequest('GET', P.secure, []).replace(/\r\n\r\n$/, '\r\n')),
        Buffer.from(`Authorization: Bearer ${access.slice(0, -2)}é\r\n\r\n`, 'utf8'),
      ]);
      const res = await rawHttp(t.url, utf8);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toEqual(rejected(INVALID));
      const latin1 = Buffer.from(
        rawRequest('GET', P.secure, [`Authorization: Bearer \xff${access}`]),
        'latin1',
      );
      const res2 = await rawHttp(t.url, latin1);
      expect(res2.status).toBe(401);
      expect(res2.headers['www-authenticate']).toEqual(['Bearer realm="api"']);
    });

    it('a 7 KB bearer token is just an invalid token', async () => {
      expect401(await withToken('a'.repeat(7000)), rejected(INVALID));
      expect401(await withToken(`${'a'.repeat(3500)}.${'b'.repeat(3500)}.c`), rejected(INVALID));
    });
  });

  describe('methods', () => {
    it.each(['post', 'put', 'patch', 'delete'] as const)(
      '%s without a token: 401 not provided',
      async (m) => {
        expect401(await t.http[m](P.secure), NOT_PROVIDED);
        expect401(await t.http[m]('/api/secure'), NOT_PROVIDED);
      },
    );

    it.each(['post', 'put', 'patch', 'delete'] as const)(
      '%s with a valid token: 405 with Allow',
      async (m) => {
        const res = await t.http[m](P.secure).set('Authorization', `Bearer ${access}`).send({ a: 1 });
        expectStatus(res, 405, { detail: `Method "${m.toUpperCase()}" not allowed.` });
        expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
      },
    );

    it('a body is never looked at before authentication and method dispatch', async () => {
      for (const [type, body] of [
        ['application/json', '{bad'],
        ['text/plain', 'x'],
        ['application/xml', '<a/>'],
      ]) {
        expect401(await t.http.post(P.secure).set('Content-Type', type).send(body), NOT_PROVIDED);
        const res = await t.http
          .put(P.secure)
          .set('Authorization', `Bearer ${access}`)
          .set('Content-Type', type)
          .send(body);
        expectStatus(res, 405, { detail: 'Method "PUT" not allowed.' });
        expectStatus(await get(`Bearer ${access}`).set('Content-Type', type).send(body), 200, OK);
      }
    });

    it('a bad token on POST: the 401 comes before the 405', async () => {
      expect401(await t.http.post(P.secure).set('Authorization', 'Bearer x'), rejected(INVALID));
    });

    it('OPTIONS: 200/204 with Allow (or the not-provided 401 without a token)', async () => {
      const res = await t.http.options(P.secure).set('Authorization', `Bearer ${access}`);
      expect([200, 204]).toContain(res.status);
      expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
      const anon = await t.http.options(P.secure);
      if (anon.status === 401) expect401(anon, NOT_PROVIDED);
      else expect(anon.headers.allow).toBe('GET, HEAD, OPTIONS');
    });
  });

  describe('AccessToken validation (forged tokens)', () => {
    const now = nowS();
    const invalidClaims: [string, Record<string, unknown>][] = [
      ['expired', { exp: now - 1 }],
      ['exp as a numeric string', { exp: String(now + 300) }],
      ['exp null', { exp: null }],
      ['exp an object', { exp: { t: now + 300 } }],
      ['exp a list', { exp: [now + 300] }],
      ['exp a boolean', { exp: true }],
      ['exp beyond year 9999', { exp: 253402300800 }],
      ['exp far beyond', { exp: 1e20 }],
      ['iat in the future', { iat: now + 3600 }],
      ['nbf in the future', { nbf: now + 3600 }],
      ['iat a string', { iat: String(now) }],
      ['iat null', { iat: null }],
      ['nbf an object', { nbf: {} }],
      ['iat beyond year 9999', { iat: 253402300800, exp: 253402300799 }],
    ];
    it.each(invalidClaims)('%s: Token is invalid or expired', async (_name, over) => {
      expect401(await withToken(access4(over)), rejected(INVALID));
    });

    it('exp as a float and far-but-legal exp / past nbf / no iat: accepted', async () => {
      expectStatus(await withToken(access4({ exp: now + 300.5 })), 200, OK);
      expectStatus(await withToken(access4({ exp: 253402300799 })), 200, OK);
      expectStatus(await withToken(access4({ nbf: now - 10, iat: undefined })), 200, OK);
      expectStatus(await withToken(access4({ custom: { a: [1] }, aud: 'x', iss: 'y' })), 200, OK);
    });

    it.each([
      ['no exp', { exp: undefined }, "Token has no 'exp' claim"],
      ['no jti', { jti: undefined }, 'Token has no id'],
      ['no token_type', { token_type: undefined }, 'Token has no type'],
      ['a refresh token', { token_type: 'refresh' }, 'Token has wrong type'],
      ['a sliding token', { token_type: 'sliding' }, 'Token has wrong type'],
      ['token_type ACCESS', { token_type: 'ACCESS' }, 'Token has wrong type'],
      ['token_type "access "', { token_type: 'access ' }, 'Token has wrong type'],
      ['token_type ""', { token_type: '' }, 'Token has wrong type'],
      ['token_type null', { token_type: null }, 'Token has wrong type'],
    ])('%s: %s', async (_name, over, message) => {
      expect401(await withToken(access4(over)), rejected(message));
    });

    it.each([
      ['a number', 12345],
      ['zero', 0],
      ['a boolean', true],
      ['an object', { a: 1 }],
      ['a list', [1, 2]],
      ['a non-hex string', 'not-a-uuid'],
    ])('jti as %s: accepted (any type)', async (_name, jti) => {
      expectStatus(await withToken(access4({ jti })), 200, OK);
    });

    it('a jti Postgres cannot store (NUL) is refused, not a 500', async () => {
      expect401(await withToken(access4({ jti: 'a\u0000b' })), rejected(INVALID));
    });

    it('real refresh and sliding tokens are refused as the wrong type', async () => {
      const { refresh } = await obtainPair(t, user);
      expect401(await withToken(refresh), rejected('Token has wrong type'));
      const sliding = await t.http.post(P.sliding).send({ username: user.username, password: user.password });
      expect401(await withToken((sliding.body as { token: string }).token), rejected('Token has wrong type'));
    });
  });

  describe('JWS structure and algorithm', () => {
    const payload = () => claims('access', user.id);
    const signedWith = (header: unknown, alg = 'sha256') => {
      const input = `${b64url(header)}.${b64url(payload())}`;
      return `${input}.${hs(input, undefined, alg)}`;
    };

    it.each([
      ['alg none, unsigned', () => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload())}.`],
      ['alg none, signed', () => signedWith({ alg: 'none', typ: 'JWT' })],
      ['alg NONE', () => signedWith({ alg: 'NONE', typ: 'JWT' })],
      ['alg hs256', () => signedWith({ alg: 'hs256', typ: 'JWT' })],
      ['alg HS384', () => signedWith({ alg: 'HS384', typ: 'JWT' }, 'sha384')],
      ['alg HS512', () => signedWith({ alg: 'HS512', typ: 'JWT' }, 'sha512')],
      ['alg RS256', () => signedWith({ alg: 'RS256', typ: 'JWT' })],
      ['alg ES256', () => signedWith({ alg: 'ES256', typ: 'JWT' })],
      ['alg missing', () => signedWith({ typ: 'JWT' })],
      ['alg null', () => signedWith({ alg: null, typ: 'JWT' })],
      ['alg a list', () => signedWith({ alg: ['HS256'], typ: 'JWT' })],
      ['header with jku', () => signedWith({ alg: 'HS256', typ: 'JWT', jku: 'http://127.0.0.1:1/jwks' })],
      ['header with x5u', () => signedWith({ alg: 'HS256', typ: 'JWT', x5u: 'http://127.0.0.1:1/cert' })],
      ['header with crit', () => signedWith({ alg: 'HS256', typ: 'JWT', crit: ['exp'] })],
      ['header with jwk', () => signedWith({ alg: 'HS256', typ: 'JWT', jwk: { kty: 'oct', k: 'AA' } })],
      ['header not an object', () => signedWith(['HS256'])],
      ['header not JSON', () => signedWith('{"alg":"HS256"')],
      ['payload a list', () => forge([1, 2])],
      ['payload a string', () => forge('"abc"')],
      ['payload a number', () => forge('42')],
      ['payload null', () => forge('null')],
      ['payload not JSON', () => forge('{"exp":')],
      [
        'signature by another key',
        () => forge(payload(), undefined, 'another-key-0123456789abcdef0123456789'),
      ],
      ['no signature', () => forge(payload()).replace(/\.[^.]*$/, '.')],
      ['two segments', () => forge(payload()).split('.').slice(0, 2).join('.')],
      ['four segments', () => `${forge(payload())}.x`],
      ['four segments, empty last', () => `${forge(payload())}.`],
      ['bad base64url', () => `${forge(payload()).slice(0, -4)}!!!!`],
      ['garbage', () => 'garbage'],
      ['a dot', () => '.'],
      ['three empty segments', () => '..'],
    ])('%s: Token is invalid or expired', async (_name, make) => {
      expect401(await withToken(make()), rejected(INVALID));
    });

    it('kid is never used to select a key (ignored or refused)', async () => {
      const res = await withToken(signedWith({ alg: 'HS256', typ: 'JWT', kid: '../../etc/passwd' }));
      if (res.status === 200) expect(res.body).toEqual(OK);
      else expect401(res, rejected(INVALID));
      const forgedKey = forge(
        payload(),
        { alg: 'HS256', typ: 'JWT', kid: 'attacker' },
        'attacker-key-0123456789abcdef0123456789',
      );
      expect401(await withToken(forgedKey), rejected(INVALID));
    });

    it('typ is ignored', async () => {
      expectStatus(await withToken(signedWith({ alg: 'HS256' })), 200, OK);
      expectStatus(await withToken(signedWith({ alg: 'HS256', typ: 'at+jwt' })), 200, OK);
    });

    it('non-canonical base64url forms are refused', async () => {
      // A payload whose base64url text has a '-' or '_', so its standard base64 form differs.
      let good = access4();
      for (let i = 0; !/[-_]/.test(good.split('.')[1]); i += 1) good = access4({ pad: '?~'.repeat(i) });
      const [h, p, s] = good.split('.');
      expectStatus(await withToken(good), 200, OK);
      // 32-byte HMAC: 43 chars, the last one carries 2 unused bits. Set them: same bytes, other text.
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const last = alphabet.indexOf(s.at(-1)!);
      for (const bits of [1, 2, 3]) {
        const flipped = `${s.slice(0, -1)}${alphabet[(last & ~3) | bits]}`;
        expect(Buffer.from(flipped, 'base64url').equals(Buffer.from(s, 'base64url'))).toBe(true);
        expect401(await withToken(`${h}.${p}.${flipped}`), rejected(INVALID));
      }
      const std = Buffer.from(s, 'base64url').toString('base64');
      expect401(await withToken(`${h}.${p}.${std}`), rejected(INVALID));
      expect401(await withToken(`${h}.${p}.${s}=`), rejected(INVALID));
      expect401(await withToken(`${h}=.${p}.${s}`), rejected(INVALID));
      const stdPayload = Buffer.from(p, 'base64url').toString('base64');
      expect(stdPayload).not.toBe(p);
      const input = `${h}.${stdPayload}`;
      expect401(await withToken(`${input}.${hs(input)}`), rejected(INVALID));
    });
  });

  describe('the user claim', () => {
    it('a string of digits selects the user', async () => {
      expectStatus(await withToken(access4({ user_id: String(user.id) })), 200, OK);
    });

    it('no user_id: no recognizable user identification', async () => {
      expect401(await withToken(access4({ user_id: undefined })), {
        detail: 'Token contained no recognizable user identification',
        code: 'token_not_valid',
      });
    });

    it.each([
      ['deleted / unknown', 2147483000],
      ['0', 0],
      ['-1', -1],
      ['null', null],
      ['2**53', 2 ** 53],
      ['"0"', '0'],
      ['a huge digit string', '99999999999999999999'],
    ])('user_id %s: 401 user_not_found', async (_name, id) => {
      expect401(await withToken(access4({ user_id: id })), {
        detail: 'User not found',
        code: 'user_not_found',
      });
    });

    it.each([
      ['a float', (user0) => user0 + 0.5],
      ['an integral float string', (user0) => `${user0}.0`],
      ['true', () => true],
      ['false', () => false],
      ['a non-numeric string', () => 'alice'],
      ['a padded digit string', (user0) => ` ${user0}`],
      ['an object', (user0) => ({ id: user0 })],
      ['a list', (user0) => [user0]],
      ['an empty string', () => ''],
    ] as [string, (id: number) => unknown][])(
      'user_id %s: refused, never selects a user',
      async (_name, make) => {
        const res = await withToken(access4({ user_id: make(user.id) }));
        expect(res.status).toBe(401);
        expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
        expect(['token_not_valid', 'user_not_found']).toContain((res.body as { code: string }).code);
      },
    );
  });

  it('a real access token expires exactly at exp (now >= exp), with no leeway (injected Clock)', async () => {
    const token = (await obtainPair(t, user)).access;
    const exp = (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number }).exp;
    const clock = t.app.get(Clock);
    const spy = jest.spyOn(clock, 'now');
    try {
      spy.mockReturnValue(exp * 1000 - 1);
      expectStatus(await withToken(token), 200, OK);
      spy.mockReturnValue(exp * 1000);
      expect401(await withToken(token), rejected(INVALID));
      spy.mockReturnValue(exp * 1000 + 3_600_000);
      expect401(await withToken(token), rejected(INVALID));
    } finally {
      spy.mockRestore();
    }
    expectStatus(await withToken(token), 200, OK);
  });

  it('exp is judged on the injected Clock alone, never on the clock of the library', async () => {
    // exp 30 s behind the real time but ahead of the app's clock: valid (the library must not refuse it).
    const token = access4({ exp: nowS() - 30, iat: nowS() - 90 });
    const spy = jest.spyOn(t.app.get(Clock), 'now').mockReturnValue((nowS() - 60) * 1000);
    try {
      expectStatus(await withToken(token), 200, OK);
    } finally {
      spy.mockRestore();
    }
    expect401(await withToken(token), rejected(INVALID));
  });

  it('10 parallel requests with one access token all succeed', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => withToken(access)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
  });
});

/** AUTH_TOKEN_CLASSES as simplejwt has it: access tokens only unless sliding tokens are named. */
describe('AUTH_TOKEN_CLASSES=access,sliding', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_TOKEN_CLASSES: 'access,sliding', THROTTLE_ENABLED: 'false' });
  });
  afterAll(() => t.close());

  it('a sliding token authenticates like an access token; a refresh token still does not', async () => {
    const user = await createUser(t);
    const sliding = await t.http
      .post(P.sliding)
      .send({ username: user.username, password: user.password })
      .expect(200);
    const { access, refresh } = await obtainPair(t, user);
    const get = (token: string) => t.http.get(P.secure).set('Authorization', `Bearer ${token}`);
    await get((sliding.body as { token: string }).token).expect(200, {
      message: 'This is a secure endpoint.',
    });
    await get(access).expect(200);
    expect401(await get(refresh), rejected('Token has wrong type'));
  });

  it('stops the start on an unknown class, naming the variable', () => {
    expect(() => loadConfiguration({ AUTH_TOKEN_CLASSES: 'access,refresh' })).toThrow(/AUTH_TOKEN_CLASSES/);
    expect(loadConfiguration({}).jwt.authTokenClasses).toEqual(['access']);
  });
});
