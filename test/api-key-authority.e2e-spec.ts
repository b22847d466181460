import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from './utils/create-test-app';
import { apiKey, CreatedKey, DENIED, login, Login, newKey } from './utils/api-key-helpers';
import { ADMIN_PERMISSIONS, createUser, TestUser } from './utils/factories';
import { advanceClock, bearer, QUIET } from './utils/sessions-helpers';
import { expectThrottled, freshIp, TRUST_LOCAL } from './utils/traffic-helpers';

const WRONG_PASSWORD = { password: ['Your password was entered incorrectly. Please enter it again.'] };
const DAY_MS = 86_400_000;

/** Whether `key` still calls /api/secure/ (200) or is refused (401). */
async function keyStatus(t: TestApp, key: CreatedKey): Promise<number> {
  return (await t.http.get('/api/secure/').set(...apiKey(key.key))).status;
}

async function eventTypes(t: TestApp, userId: number): Promise<string[]> {
  const rows: { type: string }[] = await t.app
    .get(DataSource)
    .query(`SELECT type FROM security_event WHERE user_id = $1 ORDER BY id`, [userId]);
  return rows.map((r) => r.type);
}

describe('API keys grant no more than they may use', () => {
  let t: TestApp;
  let owner: TestUser;
  let s: Login;
  let target: TestUser;
  beforeAll(async () => {
    t = await createTestApp(QUIET);
    owner = await createUser(t, { permissions: ADMIN_PERMISSIONS });
    s = await login(t, owner);
    target = await createUser(t);
  });
  afterAll(() => t.close());

  const patchUser = (key: CreatedKey, body: object) =>
    t.http
      .patch(`/api/admin/users/${target.id}/`)
      .set(...apiKey(key.key))
      .send(body);
  const createGroup = (key: CreatedKey, permissions: string[]) =>
    t.http
      .post('/api/admin/groups/')
      .set(...apiKey(key.key))
      .send({ name: `g-${Math.random().toString(36).slice(2)}`, permissions });

  it('a key scoped to auth.change_user cannot give auth.delete_user, though its owner holds it', async () => {
    const scoped = await newKey(t, s, {
      permissions: ['auth.change_user', 'auth.add_group', 'auth.change_group'],
    });
    // Directly, through a group the owner made, in a new group, or put into an existing group.
    await patchUser(scoped, { user_permissions: ['auth.delete_user'] }).expect(403, DENIED);
    const holding = await t.http
      .post('/api/admin/groups/')
      .set(...bearer(s.access))
      .send({ name: `holding-${target.id}`, permissions: ['auth.delete_user'] })
      .expect(201);
    const holdingId = (holding.body as { id: number }).id;
    await patchUser(scoped, { groups: [holdingId] }).expect(403, DENIED);
    await createGroup(scoped, ['auth.delete_user']).expect(403, DENIED);
    const empty = await createGroup(scoped, []).expect(201);
    await t.http
      .patch(`/api/admin/groups/${(empty.body as { id: number }).id}/`)
      .set(...apiKey(scoped.key))
      .send({ permissions: ['auth.delete_user'] })
      .expect(403, DENIED);
    // Nothing changed, and the target still cannot delete anyone.
    const after = await t.http
      .get(`/api/admin/users/?search=${target.username}`)
      .set(...bearer(s.access))
      .expect(200);
    expect(after.body).toMatchObject({ count: 1 });
    const victim = await createUser(t);
    const targetLogin = await login(t, target);
    await t.http
      .delete(`/api/admin/users/${victim.id}/`)
      .set(...bearer(targetLogin.access))
      .expect(403, DENIED);
    // Control: what the scope names (and the owner holds) it may give.
    const given = await patchUser(scoped, { user_permissions: ['auth.change_user'] }).expect(200);
    expect(given.body).toMatchObject({ user_permissions: ['auth.change_user'] });
    await createGroup(scoped, ['auth.change_user']).expect(201);
  });

  it('an unscoped key of the same owner may give what the owner holds (the control)', async () => {
    const full = await newKey(t, s);
    const given = await patchUser(full, { user_permissions: ['auth.delete_user'] }).expect(200);
    expect(given.body).toMatchObject({ user_permissions: ['auth.delete_user'] });
    const group = await createGroup(full, ['auth.delete_user']).expect(201);
    await t.http
      .patch(`/api/admin/groups/${(group.body as { id: number }).id}/`)
      .set(...apiKey(full.key))
      .send({ permissions: ['auth.delete_user', 'auth.view_user'] })
      .expect(200);
    await patchUser(full, { user_permissions: [] }).expect(200);
  });
});

describe('The audit trail names who made a change', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(QUIET);
  });
  afterAll(() => t.close());

  interface Event {
    type: string;
    user_id: number | null;
    actor_id: number | null;
    actor_key: string | null;
  }

  it('records the actor of an admin change, and the prefix of the key they used', async () => {
    const admin = await createUser(t, { permissions: ADMIN_PERMISSIONS });
    const s = await login(t, admin);
    const key = await newKey(t, s);
    const target = await createUser(t);
    const patch = (auth: [string, string], body: object) =>
      t.http
        .patch(`/api/admin/users/${target.id}/`)
        .set(...auth)
        .send(body)
        .expect(200);
    await patch(apiKey(key.key), { user_permissions: ['auth.view_user'] });
    await patch(bearer(s.access), { is_active: false });
    await patch(apiKey(key.key), { is_active: true });
    await t.http
      .post(`/api/admin/users/${target.id}/revoke-sessions/`)
      .set(...apiKey(key.key))
      .expect(200);
    const group = await t.http
      .post('/api/admin/groups/')
      .set(...apiKey(key.key))
      .send({ name: `audited-${target.id}` })
      .expect(201);
    const events = async (query: string) =>
      (
        (
          await t.http
            .get(`/api/admin/events/?${query}`)
            .set(...bearer(s.access))
            .expect(200)
        ).body as { results: Event[] }
      ).results;
    const byKey = { actor_id: admin.id, actor_key: key.prefix };
    expect(await events(`user_id=${target.id}`)).toEqual([
      expect.objectContaining({ type: 'sessions_revoked', ...byKey }),
      expect.objectContaining({ type: 'user_activated', ...byKey }),
      expect.objectContaining({ type: 'user_deactivated', actor_id: admin.id, actor_key: null }),
      expect.objectContaining({ type: 'user_permissions_changed', ...byKey }),
    ]);
    const groups = await events('type=group_changed');
    expect(groups.find((e) => e.actor_key === key.prefix)).toMatchObject(byKey);
    // Control: a login names no actor (no one is signed in yet).
    const logins = await events(`user_id=${admin.id}&type=login_succeeded`);
    expect(logins[0]).toMatchObject({ actor_id: null, actor_key: null });
    expect(group.status).toBe(201);
  });
});

describe('API keys need the password, expire, and end with every session', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ...QUIET, API_KEY_DEFAULT_LIFETIME: '30d', API_KEY_MAX_LIFETIME: '60d' });
  });
  afterAll(() => t.close());

  it('are made only with the current password (a field error otherwise, audited)', async () => {
    const user = await createUser(t);
    const s = await login(t, user);
    const post = (body: object) =>
      t.http
        .post('/api/keys/')
        .set(...bearer(s.access))
        .send({ name: 'ci', ...body });
    await post({}).expect(400, { password: ['This field is required.'] });
    await post({ password: '' }).expect(400, { password: ['This field may not be blank.'] });
    await post({ password: `${user.password}x` }).expect(400, WRONG_PASSWORD);
    expect(await eventTypes(t, user.id)).toContain('api_key_create_failed');
    const made = await newKey(t, s);
    expect(await keyStatus(t, made)).toBe(200);
  });

  it('expire after API_KEY_DEFAULT_LIFETIME unless told, and never later than API_KEY_MAX_LIFETIME', async () => {
    const s = await login(t, await createUser(t));
    const before = Date.now();
    const byDefault = await newKey(t, s);
    const expires = Date.parse(byDefault.expires_at!);
    expect(expires).toBeGreaterThanOrEqual(before + 30 * DAY_MS - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 30 * DAY_MS + 1000);
    const within = new Date(Date.now() + 59 * DAY_MS).toISOString();
    expect((await newKey(t, s, { expires_at: within })).expires_at).toBe(within);
    for (const late of [new Date(Date.now() + 61 * DAY_MS).toISOString(), '9999-12-31T23:59:59Z']) {
      const res = await t.http
        .post('/api/keys/')
        .set(...bearer(s.access))
        .send({ name: 'ci', password: s.password, expires_at: late })
        .expect(400);
      expect(res.body).toEqual({
        expires_at: [expect.stringMatching(/^Must be no later than \d{4}-.*\(API_KEY_MAX_LIFETIME\)\.$/)],
      });
    }
    const restore = advanceClock(t, 30 * 86_400 + 1);
    try {
      expect(await keyStatus(t, byDefault)).toBe(401);
    } finally {
      restore();
    }
  });

  it('log out everywhere revokes every key of the user, also with keep_current', async () => {
    const user = await createUser(t);
    const s = await login(t, user);
    const [a, b] = [await newKey(t, s), await newKey(t, s, { permissions: [] })];
    const other = await newKey(t, await login(t, await createUser(t)));
    await t.http
      .post('/api/sessions/revoke-all/')
      .set(...bearer(s.access))
      .send({ keep_current: true })
      .expect(200);
    expect([await keyStatus(t, a), await keyStatus(t, b), await keyStatus(t, other)]).toEqual([
      401, 401, 200,
    ]);
    const listed = await t.http
      .get('/api/keys/')
      .set(...bearer(s.access))
      .expect(200);
    expect(listed.body).toEqual([]);
    expect((await eventTypes(t, user.id)).filter((e) => e === 'api_key_revoked')).toHaveLength(2);
  });

  it('a password change revokes every key', async () => {
    const user = await createUser(t);
    const s = await login(t, user);
    const k = await newKey(t, s);
    await t.http
      .post('/api/users/me/password/')
      .set(...bearer(s.access))
      .send({ old_password: user.password, new_password: 'a-new-and-longer-passphrase' })
      .expect(200);
    expect(await keyStatus(t, k)).toBe(401);
    // Control: the session that changed it stays, and a new key (new password) works.
    const again = await newKey(t, { access: s.access, password: 'a-new-and-longer-passphrase' });
    expect(await keyStatus(t, again)).toBe(200);
  });

  it("an admin's revocation of the sessions, and deactivation, revoke every key for good", async () => {
    const admin = await login(t, await createUser(t, { permissions: ADMIN_PERMISSIONS }));
    const user = await createUser(t);
    const s = await login(t, user);
    const k = await newKey(t, s);
    await t.http
      .post(`/api/admin/users/${user.id}/revoke-sessions/`)
      .set(...bearer(admin.access))
      .expect(200);
    expect(await keyStatus(t, k)).toBe(401);

    const s2 = await login(t, user);
    const k2 = await newKey(t, s2);
    expect(await keyStatus(t, k2)).toBe(200);
    const setActive = (is_active: boolean) =>
      t.http
        .patch(`/api/admin/users/${user.id}/`)
        .set(...bearer(admin.access))
        .send({ is_active })
        .expect(200);
    await setActive(false);
    await setActive(true);
    expect(await keyStatus(t, k2)).toBe(401);
    const s3 = await login(t, user);
    expect(await keyStatus(t, await newKey(t, s3))).toBe(200);
  });
});

describe('API key creation shares the login throttle', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      THROTTLE_ENABLED: 'true',
      ...TRUST_LOCAL,
      THROTTLE_DEFAULT: '50/10s',
      THROTTLE_LOGIN: '2/10s',
      THROTTLE_LOGIN_USER: '50/10s',
    });
  });
  afterAll(() => t.close());

  it('refuses even the right password once the address has used up its login attempts', async () => {
    const user = await createUser(t);
    const s = await login(t, user); // from the test's own address, not `ip`
    const ip = freshIp();
    const post = (password: string) =>
      t.http
        .post('/api/keys/')
        .set('X-Forwarded-For', ip)
        .set(...bearer(s.access))
        .send({ name: 'ci', password });
    await post('guess-1').expect(400, WRONG_PASSWORD);
    await post('guess-2').expect(400, WRONG_PASSWORD);
    expectThrottled(await post(user.password), 'login');
    // Control: from another address, the right password makes a key.
    await post(user.password).set('X-Forwarded-For', freshIp()).expect(201);
  });
});
