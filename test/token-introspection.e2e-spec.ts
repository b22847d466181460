import { UserLifecycleService } from '../src/users/user-lifecycle.service';
import { createTestApp, TestApp } from './utils/create-test-app';
import { claims, forge, nowS, P, REALM } from './utils/contract-helpers';
import { createUser, decodeClaims, obtainPair, TestUser } from './utils/factories';
import { bearer, QUIET, ROTATING } from './utils/sessions-helpers';

const INTROSPECT = '/api/token/introspect/';
const INACTIVE = { active: false };
const denied = { detail: 'You do not have permission to perform this action.', code: 'permission_denied' };
const apiKey = (key: string): [string, string] => ['Authorization', `Api-Key ${key}`];

describe('RFC 7662 introspection: POST /api/token/introspect/', () => {
  let t: TestApp;
  let caller: string;
  let user: TestUser;
  let pair: { access: string; refresh: string };

  const introspect = (token: string) =>
    t.http
      .post(INTROSPECT)
      .set(...apiKey(caller))
      .type('form')
      .send({ token });

  beforeAll(async () => {
    t = await createTestApp(QUIET);
    const machine = await createUser(t, { permissions: ['bastion.introspect_token'] });
    const { access } = await obtainPair(t, machine);
    const res = await t.http
      .post('/api/keys/')
      .set(...bearer(access))
      .send({ name: 'gateway', password: machine.password, permissions: ['bastion.introspect_token'] })
      .expect(201);
    caller = (res.body as { key: string }).key;
    user = await createUser(t, { permissions: ['auth.view_user'] });
    pair = await obtainPair(t, user);
  });
  afterAll(() => t.close());

  it('describes an active access token (form body)', async () => {
    const c = decodeClaims(pair.access);
    const res = await introspect(pair.access).expect(200);
    expect(res.body).toEqual({
      active: true,
      sub: String(user.id),
      username: user.username,
      exp: c.exp,
      iat: c.iat,
      jti: c.jti,
      token_type: 'access',
      scope: 'auth.view_user',
    });
  });

  it('describes an outstanding refresh token (JSON body), and not once it is blacklisted', async () => {
    const other = await obtainPair(t, user);
    const res = await t.http
      .post(INTROSPECT)
      .set(...apiKey(caller))
      .send({ token: other.refresh })
      .expect(200);
    expect(res.body).toMatchObject({
      active: true,
      token_type: 'refresh',
      jti: decodeClaims(other.refresh).jti,
    });
    await t.http.post(P.blacklist).send({ refresh: other.refresh }).expect(200);
    await introspect(other.refresh).expect(200, INACTIVE);
    // the session ended with it: its access token is no longer active either
    await introspect(other.access).expect(200, INACTIVE);
  });

  it.each([
    ['garbage', () => 'not-a-token'],
    [
      'a bad signature',
      () => forge(claims('access', 1), undefined, 'another-key-0123456789abcdef0123456789ab'),
    ],
    ['an expired token', () => forge(claims('access', 1, { exp: nowS() - 1 }))],
    ['a token of no known type', () => forge(claims('id', 1))],
    ['a token of no user', () => forge(claims('access', 2_000_000_000))],
  ])('answers {"active": false} for %s', async (_, token) => {
    await introspect(token()).expect(200, INACTIVE);
  });

  it('answers {"active": false} after revoke-all and for an inactive user', async () => {
    const u = await createUser(t);
    const p = await obtainPair(t, u);
    await introspect(p.access).expect(200);
    await t.http
      .post('/api/sessions/revoke-all/')
      .set(...bearer(p.access))
      .send({})
      .expect(200);
    await introspect(p.access).expect(200, INACTIVE);
    await introspect(p.refresh).expect(200, INACTIVE);
    const v = await createUser(t);
    const q = await obtainPair(t, v);
    await t.app.get(UserLifecycleService).setActive(v.username, false);
    await introspect(q.access).expect(200, INACTIVE);
  });

  it('needs an API key holding bastion.introspect_token', async () => {
    const none = await t.http.post(INTROSPECT).send({ token: pair.access }).expect(401);
    expect(none.headers['www-authenticate']).toBe(REALM);
    // a bearer token is refused even when its user holds the permission
    const machine = await createUser(t, { permissions: ['bastion.introspect_token'] });
    const { access } = await obtainPair(t, machine);
    await t.http
      .post(INTROSPECT)
      .set(...bearer(access))
      .send({ token: pair.access })
      .expect(403, denied);
    // a key without the permission
    const plain = await t.http
      .post('/api/keys/')
      .set(...bearer(pair.access))
      .send({ name: 'plain', password: user.password })
      .expect(201);
    await t.http
      .post(INTROSPECT)
      .set(...apiKey((plain.body as { key: string }).key))
      .send({ token: pair.access })
      .expect(403, denied);
  });

  it('answers bad bodies in DRF field-error shape', async () => {
    await t.http
      .post(INTROSPECT)
      .set(...apiKey(caller))
      .send({})
      .expect(400, { token: ['This field is required.'] });
    await t.http
      .post(INTROSPECT)
      .set(...apiKey(caller))
      .send({ token: ['a'] })
      .expect(400, { token: ['Not a valid string.'] });
    await t.http
      .post(INTROSPECT)
      .set(...apiKey(caller))
      .set('Content-Type', 'application/json')
      .send('{"token":')
      .expect(400);
  });
});

describe('introspection with rotation on', () => {
  it('answers {"active": false} for a refresh token rotated out while its session lives on', async () => {
    const t = await createTestApp(ROTATING);
    try {
      const machine = await createUser(t, { permissions: ['bastion.introspect_token'] });
      const res = await t.http
        .post('/api/keys/')
        .set(...bearer((await obtainPair(t, machine)).access))
        .send({ name: 'gateway', password: machine.password })
        .expect(201);
      const key = (res.body as { key: string }).key;
      const pair = await obtainPair(t, await createUser(t));
      const rotated = await t.http.post(P.refresh).send({ refresh: pair.refresh }).expect(200);
      const successor = (rotated.body as { refresh: string }).refresh;
      const ask = (token: string) =>
        t.http
          .post(INTROSPECT)
          .set(...apiKey(key))
          .send({ token });
      await ask(pair.refresh).expect(200, INACTIVE);
      expect((await ask(successor).expect(200)).body).toMatchObject({ active: true, token_type: 'refresh' });
    } finally {
      await t.close();
    }
  });
});
