import { createTestApp, TestApp } from './utils/create-test-app';
import { createUser, decodeClaims, obtainPair, TestUser } from './utils/factories';
import { claims, forge, P, rejected } from './utils/contract-helpers';
import { advanceClock, bearer, QUIET, ROTATING } from './utils/sessions-helpers';
import { UserLifecycleService } from '../src/users/user-lifecycle.service';

const blacklisted = { detail: 'Token is blacklisted', code: 'token_not_valid' };
const where = process.env.TEST_DATABASE_URL ? 'Postgres' : 'the embedded database';

function secure(t: TestApp, access: string) {
  return t.http.get(P.secure).set(...bearer(access));
}

describe(`sessions with rotation on (${where})`, () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp(ROTATING);
    user = await createUser(t);
  });
  afterAll(() => t.close());

  it('puts the same sid in the access and refresh tokens of a login, and keeps it across rotation', async () => {
    const pair = await obtainPair(t, user);
    const sid = decodeClaims(pair.refresh).sid;
    expect(sid).toMatch(/^[0-9a-f]{32}$/);
    expect(decodeClaims(pair.access).sid).toBe(sid);
    const next = await t.http.post(P.refresh).send({ refresh: pair.refresh }).expect(200);
    expect(decodeClaims(next.body.refresh as string).sid).toBe(sid);
    expect(decodeClaims(next.body.access as string).sid).toBe(sid);
    // a plain rotation keeps the session: the first access token still works
    await secure(t, pair.access).expect(200);
  });

  it('lets exactly one of 10 parallel refreshes of one token succeed, 20 times over', async () => {
    for (let round = 0; round < 20; round += 1) {
      const { refresh } = await obtainPair(t, user);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => t.http.post(P.refresh).send({ refresh })),
      );
      const ok = answers.filter((r) => r.status === 200);
      expect({ round, successes: ok.length }).toEqual({ round, successes: 1 });
      for (const r of answers.filter((a) => a.status !== 200)) {
        expect({ status: r.status, body: r.body as unknown }).toEqual({ status: 401, body: blacklisted });
      }
    }
  });

  it('revokes the whole family when a rotated-out token is presented again', async () => {
    const first = await obtainPair(t, user);
    const second = (await t.http.post(P.refresh).send({ refresh: first.refresh }).expect(200)).body as {
      access: string;
      refresh: string;
    };
    await secure(t, second.access).expect(200);
    const reuse = await t.http.post(P.refresh).send({ refresh: first.refresh });
    expect({ status: reuse.status, body: reuse.body as unknown }).toEqual({ status: 401, body: blacklisted });
    // at once: the sibling access token and the successor refresh token are dead
    const sibling = await secure(t, second.access);
    expect({ status: sibling.status, body: sibling.body as unknown }).toEqual({
      status: 401,
      body: rejected('Token is blacklisted'),
    });
    const successor = await t.http.post(P.refresh).send({ refresh: second.refresh });
    expect({ status: successor.status, body: successor.body as unknown }).toEqual({
      status: 401,
      body: blacklisted,
    });
    await t.http
      .post(P.verify)
      .send({ token: second.access })
      .expect(400, { non_field_errors: ['Token is blacklisted'] });
    // another session of the same user is untouched
    const other = await obtainPair(t, user);
    await secure(t, other.access).expect(200);
  });

  it('lets a token its session does not know yet (signed with the key, same sid) join it on first refresh', async () => {
    const pair = await obtainPair(t, user);
    const old = decodeClaims(pair.refresh) as { sid: string };
    const successor = forge(claims('refresh', user.id, { sid: old.sid }));
    const res = await t.http.post(P.refresh).send({ refresh: successor }).expect(200);
    expect(decodeClaims(res.body.access as string).sid).toBe(old.sid);
    await secure(t, res.body.access as string).expect(200);
    // the session's own token still rotates: the join changed nothing else
    await t.http.post(P.refresh).send({ refresh: pair.refresh }).expect(200);
  });

  it('gives a token without sid (not minted in a session) a session on its first refresh', async () => {
    const forged = forge(claims('refresh', user.id));
    const res = await t.http.post(P.refresh).send({ refresh: forged }).expect(200);
    const sid = decodeClaims(res.body.access as string).sid;
    expect(sid).toMatch(/^[0-9a-f]{32}$/);
    expect(decodeClaims(res.body.refresh as string).sid).toBe(sid);
    await secure(t, res.body.access as string).expect(200);
    // the presented one is blacklisted, reusing it revokes the new family
    await t.http.post(P.refresh).send({ refresh: forged }).expect(401, blacklisted);
    await secure(t, res.body.access as string).expect(401);
  });

  it('refuses to refresh for an inactive or deleted user, and keeps old tokens dead after reactivation', async () => {
    const u = await createUser(t);
    const pair = await obtainPair(t, u);
    const lifecycle = t.app.get(UserLifecycleService);
    await lifecycle.setActive(u.username, false);
    await t.http
      .post(P.refresh)
      .send({ refresh: pair.refresh })
      .expect(401, { detail: 'User is inactive', code: 'user_inactive' });
    await secure(t, pair.access).expect(401, { detail: 'User is inactive', code: 'user_inactive' });
    await lifecycle.setActive(u.username, true);
    await secure(t, pair.access).expect(401, rejected('Token is blacklisted'));
    await t.http.post(P.refresh).send({ refresh: pair.refresh }).expect(401, blacklisted);
    const fresh = await obtainPair(t, u);
    await secure(t, fresh.access).expect(200);
    await lifecycle.delete(u.username);
    await secure(t, fresh.access).expect(401, { detail: 'User not found', code: 'user_not_found' });
    await t.http
      .post(P.refresh)
      .send({ refresh: fresh.refresh })
      .expect(401, { detail: 'User not found', code: 'user_not_found' });
  });
});

describe(`sessions: reuse grace window (${where})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ...ROTATING, JWT_REUSE_GRACE: '30s' });
  });
  afterAll(() => t.close());

  it('refuses a duplicate inside the window without revoking the family, and revokes outside it', async () => {
    const user = await createUser(t);
    const first = await obtainPair(t, user);
    const second = (await t.http.post(P.refresh).send({ refresh: first.refresh }).expect(200)).body as {
      access: string;
      refresh: string;
    };
    await t.http.post(P.refresh).send({ refresh: first.refresh }).expect(401, blacklisted);
    await secure(t, second.access).expect(200);
    const third = (await t.http.post(P.refresh).send({ refresh: second.refresh }).expect(200)).body as {
      access: string;
      refresh: string;
    };
    const restore = advanceClock(t, 31);
    try {
      await t.http.post(P.refresh).send({ refresh: second.refresh }).expect(401, blacklisted);
      await secure(t, third.access).expect(401, rejected('Token is blacklisted'));
      await t.http.post(P.refresh).send({ refresh: third.refresh }).expect(401, blacklisted);
    } finally {
      restore();
    }
  });
});

describe(`sessions: absolute lifetime and logout (${where})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ...QUIET, JWT_SESSION_MAX_LIFETIME: '1h', JWT_REFRESH_TOKEN_LIFETIME: '1d' });
  });
  afterAll(() => t.close());

  it('refuses a refresh once the session is older than JWT_SESSION_MAX_LIFETIME (rotation off)', async () => {
    const user = await createUser(t);
    const { refresh } = await obtainPair(t, user);
    await t.http.post(P.refresh).send({ refresh }).expect(200);
    const restore = advanceClock(t, 3601);
    try {
      await t.http
        .post(P.refresh)
        .send({ refresh })
        .expect(401, { detail: 'Token is invalid or expired', code: 'token_not_valid' });
    } finally {
      restore();
    }
  });

  it('makes the session access tokens fail on their next request after logout', async () => {
    const user = await createUser(t);
    const pair = await obtainPair(t, user);
    const again = (await t.http.post(P.refresh).send({ refresh: pair.refresh }).expect(200)).body as {
      access: string;
    };
    await secure(t, pair.access).expect(200);
    await t.http.post(P.blacklist).send({ refresh: pair.refresh }).expect(200, {});
    await secure(t, pair.access).expect(401, rejected('Token is blacklisted'));
    await secure(t, again.access).expect(401, rejected('Token is blacklisted'));
    await t.http
      .post(P.verify)
      .send({ token: pair.access })
      .expect(400, { non_field_errors: ['Token is blacklisted'] });
    await t.http.post(P.refresh).send({ refresh: pair.refresh }).expect(401, blacklisted);
  });

  it('keeps refreshing a validly signed token that is not in the outstanding table (rotation off)', async () => {
    const user = await createUser(t);
    const forged = forge(claims('refresh', user.id));
    const a = await t.http.post(P.refresh).send({ refresh: forged }).expect(200);
    const b = await t.http.post(P.refresh).send({ refresh: forged }).expect(200);
    expect(decodeClaims(a.body.access as string).sid).toBe(decodeClaims(b.body.access as string).sid);
    await secure(t, b.body.access as string).expect(200);
  });

  it('caps sliding sessions too and ends them on deactivation', async () => {
    const user = await createUser(t);
    const res = await t.http
      .post(P.sliding)
      .send({ username: user.username, password: user.password })
      .expect(200);
    const token = res.body.token as string;
    expect(decodeClaims(token).sid).toMatch(/^[0-9a-f]{32}$/);
    const slid = await t.http.post(P.slidingRefresh).send({ token }).expect(200);
    expect(decodeClaims(slid.body.token as string).sid).toBe(decodeClaims(token).sid);
    const restore = advanceClock(t, 3601);
    try {
      await t.http
        .post(P.slidingRefresh)
        .send({ token: slid.body.token as string })
        .expect(401);
    } finally {
      restore();
    }
  });
});
