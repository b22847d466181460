import { createTestApp, TestApp } from './utils/create-test-app';
import { ADMIN_PERMISSIONS, createUser, decodeClaims, obtainPair, TestUser } from './utils/factories';
import { P, rejected } from './utils/contract-helpers';
import { bearer, QUIET } from './utils/sessions-helpers';

const where = process.env.TEST_DATABASE_URL ? 'Postgres' : 'the embedded database';
const dead = rejected('Token is blacklisted');

describe(`sessions and user management API (${where})`, () => {
  let t: TestApp;
  let user: TestUser;
  let staff: TestUser;
  let staffAccess: string;
  beforeAll(async () => {
    t = await createTestApp(QUIET);
    user = await createUser(t);
    staff = await createUser(t, { isStaff: true, permissions: ADMIN_PERMISSIONS });
    staffAccess = (await obtainPair(t, staff)).access;
  });
  afterAll(() => t.close());

  it('lists my live sessions with the current one marked, and ends one by id', async () => {
    const u = await createUser(t);
    const one = await obtainPair(t, u);
    const two = await t.http
      .post(P.obtain)
      .set('User-Agent', 'tab-two')
      .send({ username: u.username, password: u.password });
    const res = await t.http
      .get('/api/sessions')
      .set(...bearer(one.access))
      .expect(200);
    const sessions = res.body as {
      id: string;
      current: boolean;
      user_agent: string | null;
      ip: string;
      expires_at: string;
    }[];
    expect(sessions).toHaveLength(2);
    const sidOne = decodeClaims(one.access).sid;
    const sidTwo = decodeClaims(two.body.access as string).sid as string;
    expect(sessions.find((s) => s.current)?.id).toBe(sidOne);
    expect(sessions.find((s) => s.id === sidTwo)).toMatchObject({ current: false, user_agent: 'tab-two' });
    expect(Object.keys(sessions[0]).sort()).toEqual([
      'created_at',
      'current',
      'expires_at',
      'id',
      'ip',
      'last_used_at',
      'user_agent',
    ]);
    await t.http
      .delete(`/api/sessions/${sidTwo}/`)
      .set(...bearer(one.access))
      .expect(204);
    await t.http
      .get(P.secure)
      .set(...bearer(two.body.access as string))
      .expect(401, dead);
    await t.http
      .get(P.secure)
      .set(...bearer(one.access))
      .expect(200);
    // gone, malformed, or someone else's: 404
    await t.http
      .delete(`/api/sessions/${sidTwo}`)
      .set(...bearer(one.access))
      .expect(404);
    await t.http
      .delete('/api/sessions/not-a-session')
      .set(...bearer(one.access))
      .expect(404);
    const others = await obtainPair(t, user);
    await t.http
      .delete(`/api/sessions/${decodeClaims(others.access).sid as string}`)
      .set(...bearer(one.access))
      .expect(404);
    await t.http
      .get(P.secure)
      .set(...bearer(others.access))
      .expect(200);
    // my current session: that logs me out
    await t.http
      .delete(`/api/sessions/${sidOne as string}`)
      .set(...bearer(one.access))
      .expect(204);
    await t.http
      .get(P.secure)
      .set(...bearer(one.access))
      .expect(401, dead);
  });

  it('logs out everywhere, optionally keeping the current session', async () => {
    const u = await createUser(t);
    const [a, b, c] = [await obtainPair(t, u), await obtainPair(t, u), await obtainPair(t, u)];
    await t.http
      .post('/api/sessions/revoke-all/')
      .set(...bearer(a.access))
      .send({ keep_current: 'maybe' })
      .expect(400, {
        keep_current: ['Must be a valid boolean.'],
      });
    await t.http
      .post('/api/sessions/revoke-all/')
      .set(...bearer(a.access))
      .send({ keep_current: true })
      .expect(200, { revoked: 2 });
    await t.http
      .get(P.secure)
      .set(...bearer(a.access))
      .expect(200);
    await t.http
      .get(P.secure)
      .set(...bearer(b.access))
      .expect(401, dead);
    await t.http
      .post(P.refresh)
      .send({ refresh: c.refresh })
      .expect(401, { detail: 'Token is blacklisted', code: 'token_not_valid' });
    await t.http
      .post('/api/sessions/revoke-all')
      .set(...bearer(a.access))
      .expect(200, { revoked: 1 });
    await t.http
      .get(P.secure)
      .set(...bearer(a.access))
      .expect(401, dead);
  });

  it('changes my password: checks the old one and the policy, keeps only the current session', async () => {
    const u = await createUser(t);
    const current = await obtainPair(t, u);
    const other = await obtainPair(t, u);
    const url = '/api/users/me/password/';
    await t.http
      .post(url)
      .set(...bearer(current.access))
      .send({ old_password: 'wrong', new_password: 'a new long password' })
      .expect(400, {
        old_password: ['Your old password was entered incorrectly. Please enter it again.'],
      });
    await t.http
      .post(url)
      .set(...bearer(current.access))
      .send({ old_password: u.password, new_password: '123' })
      .expect(400);
    await t.http
      .post(url)
      .set(...bearer(current.access))
      .send({ old_password: u.password })
      .expect(400, { new_password: ['This field is required.'] });
    await t.http
      .get(P.secure)
      .set(...bearer(other.access))
      .expect(200);
    await t.http
      .post(url)
      .set(...bearer(current.access))
      .send({ old_password: u.password, new_password: 'a new long password' })
      .expect(200, { revoked: 1 });
    await t.http
      .get(P.secure)
      .set(...bearer(current.access))
      .expect(200);
    await t.http.post(P.refresh).send({ refresh: current.refresh }).expect(200);
    await t.http
      .get(P.secure)
      .set(...bearer(other.access))
      .expect(401, dead);
    await t.http.post(P.obtain).send({ username: u.username, password: u.password }).expect(401);
    await t.http.post(P.obtain).send({ username: u.username, password: 'a new long password' }).expect(200);
  });

  it('refuses the staff routes to non-staff users with 403 permission_denied', async () => {
    const { access } = await obtainPair(t, user);
    const denied = {
      detail: 'You do not have permission to perform this action.',
      code: 'permission_denied',
    };
    await t.http
      .get('/api/admin/users/')
      .set(...bearer(access))
      .expect(403, denied);
    await t.http
      .patch(`/api/admin/users/${user.id}/`)
      .set(...bearer(access))
      .send({ is_active: false })
      .expect(403, denied);
    await t.http
      .delete(`/api/admin/users/${user.id}`)
      .set(...bearer(access))
      .expect(403, denied);
    await t.http
      .post(`/api/admin/users/${user.id}/revoke-sessions/`)
      .set(...bearer(access))
      .expect(403, denied);
    await t.http
      .get('/api/admin/events/')
      .set(...bearer(access))
      .expect(403, denied);
    await t.http.get('/api/admin/events/').expect(401);
    await t.http
      .get(P.secure)
      .set(...bearer(access))
      .expect(200);
  });

  it('lets staff search users page by page, as DRF paginates', async () => {
    const tag = `pg${Date.now().toString(36)}`;
    for (let i = 0; i < 23; i += 1) await createUser(t, { username: `${tag}_${i}` });
    const first = await t.http
      .get(`/api/admin/users/?search=${tag.toUpperCase()}`)
      .set(...bearer(staffAccess))
      .expect(200);
    expect(first.body).toMatchObject({ count: 23, previous: null });
    expect(first.body.results).toHaveLength(20);
    expect(first.body.next).toMatch(new RegExp(`/api/admin/users/\\?search=${tag.toUpperCase()}&page=2$`));
    const second = await t.http
      .get(`/api/admin/users/?search=${tag}&page=2`)
      .set(...bearer(staffAccess))
      .expect(200);
    expect(second.body.results).toHaveLength(3);
    expect(second.body.next).toBeNull();
    expect(second.body.previous).toMatch(/\/api\/admin\/users\/\?search=pg\w+$/);
    expect(second.body.results[0]).toMatchObject({ is_active: true, is_staff: false });
    // `last` is the last page, as DRF answers (links and all); with nothing found, page 1.
    const last = await t.http
      .get(`/api/admin/users/?search=${tag}&page=last`)
      .set(...bearer(staffAccess))
      .expect(200);
    expect(last.body).toEqual(second.body);
    await t.http
      .get(`/api/admin/users/?search=${tag}x&page=last`)
      .set(...bearer(staffAccess))
      .expect(200, { count: 0, next: null, previous: null, results: [] });
    await t.http
      .get(`/api/admin/users/?search=${tag}&page=3`)
      .set(...bearer(staffAccess))
      .expect(404, { detail: 'Invalid page.' });
    await t.http
      .get('/api/admin/users/?page=abc')
      .set(...bearer(staffAccess))
      .expect(404, { detail: 'Invalid page.' });
    // `%` and `_` are literal: as wildcards they would match the 23 users of the tag (the shared database
    // may hold other names with a literal `%_`, so the tag keeps this check to this test's users).
    await t.http
      .get(`/api/admin/users/?search=${tag}%25%5F`)
      .set(...bearer(staffAccess))
      .expect(200, { count: 0, next: null, previous: null, results: [] });
    await t.http
      .get('/api/admin/users/?search=a%00b')
      .set(...bearer(staffAccess))
      .expect(400);
  });

  it('lets staff deactivate, reactivate, revoke and delete, each taking effect at once', async () => {
    const u = await createUser(t);
    const pair = await obtainPair(t, u);
    const url = `/api/admin/users/${u.id}/`;
    await t.http
      .patch(url)
      .set(...bearer(staffAccess))
      .send({ is_active: 'nope' })
      .expect(400, { is_active: ['Must be a valid boolean.'] });
    await t.http
      .patch(url)
      .set(...bearer(staffAccess))
      .send({})
      .expect(400, { is_active: ['This field is required.'] });
    const off = await t.http
      .patch(url)
      .set(...bearer(staffAccess))
      .send({ is_active: false })
      .expect(200);
    expect(off.body).toMatchObject({ id: u.id, username: u.username, is_active: false });
    await t.http
      .get(P.secure)
      .set(...bearer(pair.access))
      .expect(401, { detail: 'User is inactive', code: 'user_inactive' });
    await t.http
      .patch(url)
      .set(...bearer(staffAccess))
      .send({ is_active: true })
      .expect(200);
    await t.http
      .get(P.secure)
      .set(...bearer(pair.access))
      .expect(401, dead);
    const fresh = await obtainPair(t, u);
    await t.http
      .post(`${url}revoke-sessions`)
      .set(...bearer(staffAccess))
      .expect(200, { revoked: 1 });
    await t.http
      .get(P.secure)
      .set(...bearer(fresh.access))
      .expect(401, dead);
    const last = await obtainPair(t, u);
    await t.http
      .delete(url)
      .set(...bearer(staffAccess))
      .expect(204);
    await t.http
      .get(P.secure)
      .set(...bearer(last.access))
      .expect(401, { detail: 'User not found', code: 'user_not_found' });
    await t.http
      .delete(url)
      .set(...bearer(staffAccess))
      .expect(404);
    for (const bad of ['abc', '0', '-1', '99999999999', '1.5', '%00']) {
      await t.http
        .patch(`/api/admin/users/${bad}/`)
        .set(...bearer(staffAccess))
        .send({ is_active: true })
        .expect(404);
    }
  });

  it('records security events, filterable by user and type', async () => {
    const u = await createUser(t);
    await t.http.post(P.obtain).send({ username: u.username, password: 'wrong-password' }).expect(401);
    const pair = await obtainPair(t, u);
    await t.http.post(P.refresh).set('User-Agent', 'agent-x').send({ refresh: pair.refresh }).expect(200);
    await t.http.post(P.blacklist).send({ refresh: pair.refresh }).expect(200);
    const mine = await t.http
      .get(`/api/admin/events/?user_id=${u.id}`)
      .set(...bearer(staffAccess))
      .expect(200);
    const types = (mine.body.results as { type: string }[]).map((e) => e.type);
    expect(types).toEqual(['logout', 'refresh', 'login_succeeded']);
    expect(mine.body.results[1]).toMatchObject({
      user_id: u.id,
      user_agent: 'agent-x',
      session_id: decodeClaims(pair.access).sid,
    });
    const failed = await t.http
      .get('/api/admin/events/?type=login_failed')
      .set(...bearer(staffAccess))
      .expect(200);
    expect((failed.body.results as { username: string }[]).some((e) => e.username === u.username)).toBe(true);
    await t.http
      .get('/api/admin/events/?user_id=x')
      .set(...bearer(staffAccess))
      .expect(400, { user_id: ['Enter a whole number.'] });
  });
});
