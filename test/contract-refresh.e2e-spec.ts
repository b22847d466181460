import { UserLifecycleService } from '../src/users/user-lifecycle.service';
import { createTestApp, TestApp } from './utils/create-test-app';
import {
  b64url,
  claims,
  expect401,
  expectStatus,
  expectTokenNotValid,
  forge,
  hs,
  nowS,
  P,
} from './utils/contract-helpers';
import { createUser, decodeClaims, obtainPair, TestUser } from './utils/factories';

const INVALID = 'Token is invalid or expired';
const BLACKLISTED = 'Token is blacklisted';
const WRONG_TYPE = 'Token has wrong type';
const NO_EXP = "Token has no 'exp' claim";

/** Tokens that fail before the type check, whatever the endpoint: `Token is invalid or expired`. */
function invalidTokens(type: string, userId: number): [string, string][] {
  const now = nowS();
  const good = forge(claims(type, userId));
  const input = `${b64url({ alg: 'HS512', typ: 'JWT' })}.${b64url(claims(type, userId))}`;
  return [
    ['garbage', 'garbage'],
    ['two segments', good.split('.').slice(0, 2).join('.')],
    ['four segments', `${good}.x`],
    ['bad signature', `${good.slice(0, -3)}${good.endsWith('AAA') ? 'BBB' : 'AAA'}`],
    ['another key', forge(claims(type, userId), undefined, 'another-signing-key-0123456789abcdef0123')],
    ['alg none', `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims(type, userId))}.`],
    ['alg HS512', `${input}.${hs(input, undefined, 'sha512')}`],
    ['expired', forge(claims(type, userId, { exp: now - 1 }))],
    ['exp a string', forge(claims(type, userId, { exp: String(now + 300) }))],
    ['exp beyond 9999', forge(claims(type, userId, { exp: 253402300800 }))],
    ['iat in the future', forge(claims(type, userId, { iat: now + 3600 }))],
    ['nbf in the future', forge(claims(type, userId, { nbf: now + 3600 }))],
    ['payload a list', forge([1])],
    ['non-ASCII', `${good.slice(0, -1)}é`],
  ];
}

/** CONTRACT.md: refresh (rotation off and on), verify, blacklist, sliding refresh. */
describe('contract: refresh, verify, blacklist, sliding refresh', () => {
  let t: TestApp;
  let user: TestUser;
  const post = (path: string, body: object, app: TestApp = t) => app.http.post(path).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    user = await createUser(t);
  });
  afterAll(() => t.close());

  describe('POST /api/token/refresh/ (rotation off)', () => {
    it('200 {access}: new jti, exp = now + ACCESS, iat and every other claim copied; reusable', async () => {
      const refresh = forge(
        claims('refresh', user.id, { iat: nowS() - 1000, test_claim: 'abc', custom: { x: [1] } }),
      );
      const before = nowS();
      const res = await post(P.refresh, { refresh });
      expectStatus(res, 200);
      expect(Object.keys(res.body as object)).toEqual(['access']);
      const a = decodeClaims((res.body as { access: string }).access);
      const r = decodeClaims(refresh);
      expect(a).toEqual(
        expect.objectContaining({
          token_type: 'access',
          iat: r.iat,
          user_id: user.id,
          test_claim: 'abc',
          custom: { x: [1] },
        }),
      );
      expect(Object.keys(a).slice(0, 4)).toEqual(['token_type', 'exp', 'iat', 'jti']);
      expect(a.jti).toMatch(/^[0-9a-f]{32}$/);
      expect(a.jti).not.toBe(r.jti);
      expect(a.exp as number).toBeGreaterThanOrEqual(before + 300);
      expect(a.exp as number).toBeLessThanOrEqual(nowS() + 300);
      expectStatus(
        await t.http.get(P.secure).set('Authorization', `Bearer ${(res.body as { access: string }).access}`),
        200,
      );
      expectStatus(await post(P.refresh, { refresh }), 200);
      expectStatus(await post('/api/token/refresh', { refresh: `  ${refresh}\n` }), 200);
    });

    it('a real pair: the refreshed access token keeps the pair iat', async () => {
      const pair = await obtainPair(t, user);
      const res = await post(P.refresh, { refresh: pair.refresh });
      expectStatus(res, 200);
      expect(decodeClaims((res.body as { access: string }).access).iat).toBe(decodeClaims(pair.refresh).iat);
    });

    it('the invalid-token matrix: Token is invalid or expired', async () => {
      for (const [name, token] of invalidTokens('refresh', user.id)) {
        const res = await post(P.refresh, { refresh: token });
        expect([name, res.status, res.body]).toEqual([
          name,
          401,
          { detail: INVALID, code: 'token_not_valid' },
        ]);
        expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
      }
    });

    it.each([
      ['an access token', { token_type: 'access' }, WRONG_TYPE],
      ['a sliding token', { token_type: 'sliding' }, WRONG_TYPE],
      ['token_type REFRESH', { token_type: 'REFRESH' }, WRONG_TYPE],
      ['token_type ""', { token_type: '' }, WRONG_TYPE],
      ['no token_type', { token_type: undefined }, 'Token has no type'],
      ['no exp', { exp: undefined }, NO_EXP],
    ])('%s: %s', async (_name, over, detail) => {
      expectTokenNotValid(
        await post(P.refresh, { refresh: forge(claims('refresh', user.id, over)) }),
        detail,
      );
    });

    it('a real access token is the wrong type', async () => {
      const { access } = await obtainPair(t, user);
      expectTokenNotValid(await post(P.refresh, { refresh: access }), WRONG_TYPE);
    });

    it('no jti: 401 token_not_valid', async () => {
      const res = await post(P.refresh, { refresh: forge(claims('refresh', user.id, { jti: undefined })) });
      expect(res.status).toBe(401);
      expect((res.body as { code: string }).code).toBe('token_not_valid');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
    });

    it('an inactive or deleted user: 401 user_inactive / user_not_found', async () => {
      const mgmt = t.app.get(UserLifecycleService);
      const u = await createUser(t);
      const { refresh } = await obtainPair(t, u);
      await mgmt.setActive(u.username, false);
      expect401(await post(P.refresh, { refresh }), { detail: 'User is inactive', code: 'user_inactive' });
      await mgmt.delete(u.username);
      expect401(await post(P.refresh, { refresh }), { detail: 'User not found', code: 'user_not_found' });
    });
  });

  describe('POST /api/token/verify/', () => {
    it('a valid token of any type (or no / odd type): 200 {}', async () => {
      const pair = await obtainPair(t, user);
      const sliding = (
        await post(P.sliding, { username: user.username, password: user.password }).expect(200)
      ).body as { token: string };
      for (const token of [pair.access, pair.refresh, sliding.token])
        expectStatus(await post(P.verify, { token }), 200, {});
      for (const over of [
        { token_type: undefined },
        { token_type: 'weird' },
        { jti: 7 },
        { exp: nowS() + 100.5 },
      ]) {
        expectStatus(await post(P.verify, { token: forge(claims('access', user.id, over)) }), 200, {});
      }
      expectStatus(await post('/api/token/verify', { token: ` ${pair.access} ` }), 200, {});
    });

    it('the invalid-token matrix, no jti, no exp', async () => {
      for (const [name, token] of invalidTokens('access', user.id)) {
        const res = await post(P.verify, { token });
        expect([name, res.status, res.body]).toEqual([
          name,
          401,
          { detail: INVALID, code: 'token_not_valid' },
        ]);
      }
      expectTokenNotValid(
        await post(P.verify, { token: forge(claims('refresh', user.id, { jti: undefined })) }),
        'Token has no id',
      );
      expectTokenNotValid(
        await post(P.verify, { token: forge(claims('refresh', user.id, { exp: undefined })) }),
        NO_EXP,
      );
    });

    it('a token of a user that does not exist or lacks user_id: 200 or 401, never a 500', async () => {
      for (const over of [
        { user_id: 2147480000 },
        { user_id: undefined },
        { user_id: 'x' },
        { user_id: 1.5 },
      ]) {
        const res = await post(P.verify, { token: forge(claims('access', user.id, over)) });
        expect([200, 401]).toContain(res.status);
        if (res.status === 401)
          expect(['token_not_valid', 'user_not_found']).toContain((res.body as { code: string }).code);
      }
    });
  });

  describe('POST /api/token/blacklist/', () => {
    it('200 {}; then that token (only it) is refused: refresh 401, verify 400, blacklist 401', async () => {
      const a = await obtainPair(t, user);
      const b = await obtainPair(t, user);
      expectStatus(await post(P.blacklist, { refresh: a.refresh }), 200, {});
      expectTokenNotValid(await post(P.refresh, { refresh: a.refresh }), BLACKLISTED);
      expectStatus(await post(P.verify, { token: a.refresh }), 400, { non_field_errors: [BLACKLISTED] });
      expectTokenNotValid(await post(P.blacklist, { refresh: a.refresh }), BLACKLISTED);
      expectTokenNotValid(await post('/api/token/blacklist', { refresh: a.refresh }), BLACKLISTED);
      expectStatus(await post(P.refresh, { refresh: b.refresh }), 200);
      expectStatus(await post(P.verify, { token: b.refresh }), 200, {});
      // The pair's access token may be refused too (the port may end the whole session on logout).
      expect([200, 400]).toContain((await post(P.verify, { token: a.access })).status);
      expectStatus(await post(P.verify, { token: b.access }), 200, {});
    });

    it('a forged (never issued) refresh token can be blacklisted too', async () => {
      const refresh = forge(claims('refresh', user.id));
      expectStatus(await post(P.blacklist, { refresh }), 200, {});
      expectTokenNotValid(await post(P.refresh, { refresh }), BLACKLISTED);
    });

    it('access and sliding tokens: wrong type; the invalid matrix; no exp; no jti', async () => {
      const { access } = await obtainPair(t, user);
      const sliding = (
        (await post(P.sliding, { username: user.username, password: user.password })).body as {
          token: string;
        }
      ).token;
      expectTokenNotValid(await post(P.blacklist, { refresh: access }), WRONG_TYPE);
      expectTokenNotValid(await post(P.blacklist, { refresh: sliding }), WRONG_TYPE);
      for (const [name, token] of invalidTokens('refresh', user.id)) {
        const res = await post(P.blacklist, { refresh: token });
        expect([name, res.status, res.body]).toEqual([
          name,
          401,
          { detail: INVALID, code: 'token_not_valid' },
        ]);
      }
      expectTokenNotValid(
        await post(P.blacklist, { refresh: forge(claims('refresh', user.id, { exp: undefined })) }),
        NO_EXP,
      );
      const noJti = await post(P.blacklist, {
        refresh: forge(claims('refresh', user.id, { jti: undefined })),
      });
      expect([noJti.status, (noJti.body as { code: string }).code]).toEqual([401, 'token_not_valid']);
    });

    it('odd jti types and odd user ids never cause a 500', async () => {
      for (const over of [
        { jti: 12 },
        { jti: { a: 1 } },
        { jti: [1] },
        { jti: true },
        { user_id: 'x' },
        { user_id: 2 ** 53 },
        { user_id: null },
      ]) {
        const refresh = forge(claims('refresh', user.id, over));
        const res = await post(P.blacklist, { refresh });
        expect([200, 401]).toContain(res.status);
        const again = await post(P.blacklist, { refresh });
        expect(again.status).toBe(401);
      }
    });
  });

  describe('odd jti values reach the token tables safely', () => {
    const odd: [string, unknown][] = [
      ['a NUL character', 'a\u0000b'],
      ['a lone surrogate', 'x\ud800y'],
      ['256 characters', 'j'.repeat(256)],
      ['an empty string', ''],
      ['SQL', "x' OR '1'='1"],
      ['a huge number', 1e308],
      ['a nested object', { a: { b: [null] } }],
    ];
    it.each(odd)(
      'jti %s: refresh, verify, blacklist, sliding refresh answer 200/400/401, never 500',
      async (_n, jti) => {
        const calls: [string, object][] = [
          [P.refresh, { refresh: forge(claims('refresh', user.id, { jti })) }],
          [P.verify, { token: forge(claims('refresh', user.id, { jti })) }],
          [P.blacklist, { refresh: forge(claims('refresh', user.id, { jti })) }],
          [P.slidingRefresh, { token: forge(claims('sliding', user.id, { jti })) }],
        ];
        for (const [path, body] of calls) {
          const res = await post(path, body);
          expect([path, [200, 400, 401].includes(res.status)]).toEqual([path, true]);
          if (res.status === 401) expect((res.body as { code: string }).code).toBe('token_not_valid');
        }
        const rot = await post(P.refresh, { refresh: forge(claims('refresh', user.id, { jti })) });
        expect(rot.status).toBeLessThan(500);
      },
    );
  });

  it.each([
    ['a NUL character', 'a\u0000b'],
    ['a number', 42],
    ['an object', { a: 1 }],
    ['a list', ['x']],
    ['null', null],
    ['a long string', 's'.repeat(5000)],
    ['a fake uuid', '00000000-0000-0000-0000-000000000000'],
  ])('an odd session claim (sid %s) never causes a 500', async (_n, sid) => {
    const refresh = forge(claims('refresh', user.id, { sid }));
    for (const [path, body] of [
      [P.refresh, { refresh }],
      [P.verify, { token: refresh }],
      [P.blacklist, { refresh }],
      [P.slidingRefresh, { token: forge(claims('sliding', user.id, { sid })) }],
    ] as [string, object][]) {
      const res = await post(path, body);
      expect([path, res.status < 500]).toEqual([path, true]);
    }
    const secure = await t.http
      .get(P.secure)
      .set('Authorization', `Bearer ${forge(claims('access', user.id, { sid }))}`);
    expect([200, 401]).toContain(secure.status);
  });

  describe('POST /api/token/sliding/refresh/', () => {
    it('200 {token}: same jti, refresh_exp and other claims, iat = now, exp = iat + SLIDING; the old one stays usable', async () => {
      const old = forge(
        claims('sliding', user.id, { iat: nowS() - 100, exp: nowS() + 50, test_claim: 's1' }),
      );
      const before = nowS();
      const res = await post(P.slidingRefresh, { token: old });
      expectStatus(res, 200);
      expect(Object.keys(res.body as object)).toEqual(['token']);
      const n = decodeClaims((res.body as { token: string }).token);
      const o = decodeClaims(old);
      expect(n).toEqual(
        expect.objectContaining({
          token_type: 'sliding',
          jti: o.jti,
          refresh_exp: o.refresh_exp,
          user_id: user.id,
          test_claim: 's1',
        }),
      );
      expect(n.iat as number).toBeGreaterThanOrEqual(before);
      expect((n.exp as number) - (n.iat as number)).toBe(300);
      expectStatus(await post(P.slidingRefresh, { token: old }), 200);
      expectStatus(await post(P.verify, { token: old }), 200, {});
      expectStatus(
        await post('/api/token/sliding/refresh', { token: (res.body as { token: string }).token }),
        200,
      );
    });

    it('a real sliding token refreshes', async () => {
      const { token } = (await post(P.sliding, { username: user.username, password: user.password }))
        .body as { token: string };
      expectStatus(await post(P.slidingRefresh, { token }), 200);
    });

    it.each([
      ['exp passed, refresh_exp not', { exp: nowS() - 1 }, INVALID],
      ['refresh_exp passed, exp not', { refresh_exp: nowS() - 1 }, "Token 'refresh_exp' claim has expired"],
      ['no refresh_exp', { refresh_exp: undefined }, "Token has no 'refresh_exp' claim"],
      ['an access token', { token_type: 'access' }, WRONG_TYPE],
      ['a refresh token', { token_type: 'refresh' }, WRONG_TYPE],
      ['no token_type', { token_type: undefined }, 'Token has no type'],
      ['no exp', { exp: undefined }, NO_EXP],
    ])('%s: %s', async (_name, over, detail) => {
      expectTokenNotValid(
        await post(P.slidingRefresh, { token: forge(claims('sliding', user.id, over)) }),
        detail,
      );
    });

    it('the invalid matrix; no jti and a non-numeric refresh_exp: 401 token_not_valid', async () => {
      for (const [name, token] of invalidTokens('sliding', user.id)) {
        const res = await post(P.slidingRefresh, { token });
        expect([name, res.status, res.body]).toEqual([
          name,
          401,
          { detail: INVALID, code: 'token_not_valid' },
        ]);
      }
      for (const over of [
        { jti: undefined },
        { refresh_exp: String(nowS() + 100) },
        { refresh_exp: null },
        { refresh_exp: {} },
        { refresh_exp: [1] },
      ]) {
        const res = await post(P.slidingRefresh, { token: forge(claims('sliding', user.id, over)) });
        expect([res.status, (res.body as { code: string }).code]).toEqual([401, 'token_not_valid']);
        expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
      }
    });

    it('sliding tokens are refused by /api/secure/ and by blacklist', async () => {
      const token = forge(claims('sliding', user.id));
      const res = await t.http.get(P.secure).set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(401);
      expect((res.body as { messages: { message: string }[] }).messages[0].message).toBe(WRONG_TYPE);
      expectTokenNotValid(await post(P.blacklist, { refresh: token }), WRONG_TYPE);
    });
  });

  describe('rotation on (JWT_ROTATE_REFRESH_TOKENS=true)', () => {
    let r: TestApp;
    let ru: TestUser;
    beforeAll(async () => {
      r = await createTestApp({ JWT_ROTATE_REFRESH_TOKENS: 'true' });
      ru = await createUser(r);
    });
    afterAll(() => r.close());

    it('200 {access, refresh}: new refresh with new jti, iat = now, exp = now + REFRESH, claims copied; old one blacklisted', async () => {
      const presented = forge(
        claims('refresh', ru.id, { iat: nowS() - 500, test_claim: 'abc', extra: [1, 2] }),
      );
      const before = nowS();
      const res = await post(P.refresh, { refresh: presented }, r);
      expectStatus(res, 200);
      expect(Object.keys(res.body as object).sort()).toEqual(['access', 'refresh']);
      const body = res.body as { access: string; refresh: string };
      const a = decodeClaims(body.access);
      const n = decodeClaims(body.refresh);
      const o = decodeClaims(presented);
      expect(a).toEqual(
        expect.objectContaining({
          token_type: 'access',
          iat: o.iat,
          user_id: ru.id,
          test_claim: 'abc',
          extra: [1, 2],
        }),
      );
      expect(n).toEqual(
        expect.objectContaining({ token_type: 'refresh', user_id: ru.id, test_claim: 'abc', extra: [1, 2] }),
      );
      expect(Object.keys(n).slice(0, 4)).toEqual(['token_type', 'exp', 'iat', 'jti']);
      expect(n.jti).toMatch(/^[0-9a-f]{32}$/);
      expect(new Set([n.jti, o.jti, a.jti]).size).toBe(3);
      expect(n.iat as number).toBeGreaterThanOrEqual(before);
      expect((n.exp as number) - (n.iat as number)).toBe(86400);
      expectStatus(await post(P.verify, { token: presented }, r), 400, { non_field_errors: [BLACKLISTED] });
      const next = await post(P.refresh, { refresh: body.refresh }, r);
      expectStatus(next, 200);
      expect(decodeClaims((next.body as { access: string }).access).test_claim).toBe('abc');
      // Reuse of a rotated-out token (the port may also revoke its successors then, RFC 9700 §4.14.2).
      expectTokenNotValid(await post(P.refresh, { refresh: presented }, r), BLACKLISTED);
      expectTokenNotValid(await post(P.blacklist, { refresh: presented }, r), BLACKLISTED);
      expectStatus(await post(P.verify, { token: presented }, r), 400, { non_field_errors: [BLACKLISTED] });
    });

    it('a rotated-in refresh token can be blacklisted (logout)', async () => {
      const pair = await obtainPair(r, ru);
      const rotated = (await post(P.refresh, { refresh: pair.refresh }, r)).body as { refresh: string };
      expectStatus(await post(P.blacklist, { refresh: rotated.refresh }, r), 200, {});
      expectTokenNotValid(await post(P.refresh, { refresh: rotated.refresh }, r), BLACKLISTED);
    });

    it('inactive user: 401 user_inactive, and the presented token is not consumed by the refusal', async () => {
      const mgmt = r.app.get(UserLifecycleService);
      const u = await createUser(r);
      const { refresh } = await obtainPair(r, u);
      await mgmt.setActive(u.username, false);
      expect401(await post(P.refresh, { refresh }, r), { detail: 'User is inactive', code: 'user_inactive' });
      await mgmt.delete(u.username);
      expect401(await post(P.refresh, { refresh }, r), { detail: 'User not found', code: 'user_not_found' });
    });

    it('10 parallel refreshes of one refresh token: exactly one 200, nine "Token is blacklisted" (5 rounds)', async () => {
      for (let round = 0; round < 5; round += 1) {
        const { refresh } = await obtainPair(r, ru);
        const results = await Promise.all(Array.from({ length: 10 }, () => post(P.refresh, { refresh }, r)));
        const ok = results.filter((x) => x.status === 200);
        expect(ok).toHaveLength(1);
        expect(Object.keys(ok[0].body as object).sort()).toEqual(['access', 'refresh']);
        for (const x of results.filter((y) => y.status !== 200)) expectTokenNotValid(x, BLACKLISTED);
        expect(decodeClaims((ok[0].body as { refresh: string }).refresh).token_type).toBe('refresh');
      }
    });
  });
});
