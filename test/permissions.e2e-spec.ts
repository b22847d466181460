import { Response } from 'supertest';
import { randomBytes } from 'node:crypto';
import { UserManagementService } from '../src/users/user-management.service';
import { createTestApp, TestApp } from './utils/create-test-app';
import { ADMIN_PERMISSIONS, createUser, grant, obtainPair, uniqueUsername } from './utils/factories';
import { bearer, QUIET, within } from './utils/sessions-helpers';
import { describeUnless } from './utils/skip';

const denied = { detail: 'You do not have permission to perform this action.', code: 'permission_denied' };
const DB = process.env.TEST_DATABASE_URL;
const REDIS = process.env.TEST_REDIS_URL;

/** A superuser's access token. */
async function rootAccessOf(t: TestApp): Promise<string> {
  const username = uniqueUsername('root');
  const password = `pw-${randomBytes(6).toString('hex')}`;
  await t.app.get(UserManagementService).create({ username, password, isStaff: true, isSuperuser: true });
  return (await obtainPair(t, { id: 0, username, password })).access;
}

/** Every admin route, with a body where it takes one, for `id` (a user or group id). */
const adminRoutes = (userId: number, groupId: number): [string, string, object?][] => [
  ['get', '/api/admin/users/'],
  ['patch', `/api/admin/users/${userId}/`, { is_active: true }],
  ['post', `/api/admin/users/${userId}/revoke-sessions/`],
  ['delete', `/api/admin/users/${userId}/`],
  ['get', '/api/admin/events/'],
  ['get', '/api/admin/groups/'],
  ['post', '/api/admin/groups/', { name: uniqueUsername('g') }],
  ['get', `/api/admin/groups/${groupId}/`],
  ['patch', `/api/admin/groups/${groupId}/`, { name: uniqueUsername('g') }],
  ['delete', `/api/admin/groups/${groupId}/`],
  ['get', '/api/admin/permissions/'],
];

describe('permissions and groups on the admin API', () => {
  let t: TestApp;
  let root: string;
  const as = (access: string) => ({
    get: (url: string) => t.http.get(url).set(...bearer(access)),
    patch: (url: string, body: object) =>
      t.http
        .patch(url)
        .set(...bearer(access))
        .send(body),
    post: (url: string, body: object = {}) =>
      t.http
        .post(url)
        .set(...bearer(access))
        .send(body),
    delete: (url: string) => t.http.delete(url).set(...bearer(access)),
  });

  beforeAll(async () => {
    t = await createTestApp(QUIET);
    root = await rootAccessOf(t);
  });
  afterAll(() => t.close());

  it('lets a non-staff user with auth.view_user list users but not change them, until granted auth.change_user', async () => {
    const viewer = await createUser(t, { permissions: ['auth.view_user'] });
    const target = await createUser(t);
    const { access } = await obtainPair(t, viewer);
    await as(access).get('/api/admin/users/').expect(200);
    await as(access).patch(`/api/admin/users/${target.id}/`, { is_active: false }).expect(403, denied);
    await as(access).get('/api/admin/groups/').expect(403, denied);
    const changed = await as(root)
      .patch(`/api/admin/users/${viewer.id}/`, { user_permissions: ['auth.view_user', 'auth.change_user'] })
      .expect(200);
    expect(changed.body).toMatchObject({
      groups: [],
      user_permissions: ['auth.change_user', 'auth.view_user'],
    });
    await as(access).patch(`/api/admin/users/${target.id}/`, { is_active: false }).expect(200);
    await as(root).patch(`/api/admin/users/${viewer.id}/`, { user_permissions: [] }).expect(200);
    await as(access).get('/api/admin/users/').expect(403, denied);
    const events = await as(root)
      .get(`/api/admin/events/?user_id=${viewer.id}&type=user_permissions_changed`)
      .expect(200);
    expect((events.body as { results: { detail: string }[] }).results.map((e) => e.detail)).toEqual([
      'groups=[] user_permissions=[]',
      'groups=[] user_permissions=[auth.change_user,auth.view_user]',
      'groups=[] user_permissions=[auth.view_user]',
    ]);
  });

  it('gives the permissions of a group to its members, and takes them when the group changes or goes', async () => {
    const member = await createUser(t);
    const target = await createUser(t);
    const { access } = await obtainPair(t, member);
    const created = await as(root)
      .post('/api/admin/groups/', { name: uniqueUsername('support'), permissions: ['auth.view_user'] })
      .expect(201);
    const group = created.body as { id: number; name: string; permissions: string[] };
    expect(group.permissions).toEqual(['auth.view_user']);
    await as(access).get('/api/admin/users/').expect(403);
    await as(root)
      .patch(`/api/admin/users/${member.id}/`, { groups: [group.name] })
      .expect(200);
    await as(access).get('/api/admin/users/').expect(200);
    await as(access).patch(`/api/admin/users/${target.id}/`, { is_active: false }).expect(403, denied);
    await as(root)
      .patch(`/api/admin/groups/${group.id}/`, { permissions: ['auth.view_user', 'auth.change_user'] })
      .expect(200);
    await as(access).patch(`/api/admin/users/${target.id}/`, { is_active: false }).expect(200);
    await as(root).delete(`/api/admin/groups/${group.id}/`).expect(204);
    await as(access).get('/api/admin/users/').expect(403, denied);
    await as(root).get(`/api/admin/groups/${group.id}/`).expect(404);
  });

  /** Calls every admin route with `access` (on a fresh user and group); each [method, url, response]. */
  async function everyAdminRoute(access: string): Promise<[string, string, Response][]> {
    const other = await createUser(t);
    const groupId = (
      (await as(root).post('/api/admin/groups/', { name: uniqueUsername('g') })).body as {
        id: number;
      }
    ).id;
    const answers: [string, string, Response][] = [];
    for (const [method, url, body] of adminRoutes(other.id, groupId)) {
      const res = await t.http[method as 'get'](url)
        .set(...bearer(access))
        .send(body);
      answers.push([method, url, res]);
    }
    return answers;
  }

  it('refuses everything in the admin API to staff without permissions', async () => {
    const { access } = await obtainPair(t, await createUser(t, { isStaff: true }));
    for (const [method, url, res] of await everyAdminRoute(access))
      expect([method, url, res.status, res.body as unknown]).toEqual([method, url, 403, denied]);
  });

  it('lets superusers through every admin route', async () => {
    for (const [method, url, res] of await everyAdminRoute(root))
      expect([method, url, res.status < 300]).toEqual([method, url, true]);
  });

  it('never lets a user hand out a permission they do not hold', async () => {
    const manager = await createUser(t, {
      permissions: ['auth.view_user', 'auth.change_user', 'auth.add_group'],
    });
    const user = await createUser(t);
    const { access } = await obtainPair(t, manager);
    await as(access)
      .patch(`/api/admin/users/${user.id}/`, { user_permissions: ['auth.delete_user'] })
      .expect(403, denied);
    await as(access)
      .patch(`/api/admin/users/${manager.id}/`, { user_permissions: ['auth.view_user', 'auth.delete_user'] })
      .expect(403, denied);
    await as(access)
      .post('/api/admin/groups/', { name: uniqueUsername('g'), permissions: ['auth.delete_user'] })
      .expect(403);
    const ok = await as(access)
      .patch(`/api/admin/users/${user.id}/`, { user_permissions: ['auth.view_user'] })
      .expect(200);
    expect(ok.body).toMatchObject({ user_permissions: ['auth.view_user'] });
  });

  it('answers 400 in DRF words for groups and permissions that do not exist or are not a list', async () => {
    const user = await createUser(t);
    const url = `/api/admin/users/${user.id}/`;
    await as(root)
      .patch(url, { groups: ['nobody', 2147483647] })
      .expect(400, {
        groups: [
          'Object with name=nobody does not exist.',
          'Invalid pk "2147483647" - object does not exist.',
        ],
      });
    await as(root)
      .patch(url, { user_permissions: ['auth.fly'] })
      .expect(400, { user_permissions: ['Object with codename=auth.fly does not exist.'] });
    await as(root)
      .patch(url, { user_permissions: 'auth.view_user' })
      .expect(400, { user_permissions: ['Expected a list of items but got type "str".'] });
    await as(root)
      .patch(url, { groups: [{}] })
      .expect(400, { groups: ['Incorrect type. Expected pk value or name, received dict.'] });
    const name = uniqueUsername('g');
    await as(root).post('/api/admin/groups/', { name }).expect(201);
    await as(root)
      .post('/api/admin/groups/', { name })
      .expect(400, { name: ['group with this name already exists.'] });
  });

  it('shows in the OpenAPI document what each admin route needs', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const patch = doc.paths['/api/admin/users/{id}/'].patch;
    expect(patch['x-bastion-access']).toEqual({ permissions: ['auth.change_user'] });
    expect(patch.responses).toHaveProperty('403.description', 'Without `auth.change_user`');
    expect(doc.paths['/api/admin/events/'].get['x-bastion-access']).toEqual({
      permissions: ['security.view_securityevent'],
    });
  });

  it('lists the permission catalogue with the admin API’s permissions', async () => {
    const res = await as(root).get('/api/admin/permissions/').expect(200);
    const names = (res.body as { results: { permission: string }[] }).results.map((p) => p.permission);
    expect(names).toEqual(expect.arrayContaining(ADMIN_PERMISSIONS));
  });
});

/** Two instances on one database: a permission granted on A lets the user through on B within 1 s. */
(DB && REDIS
  ? describe
  : describeUnless(
      'permissions.e2e-spec (two instances)',
      'TEST_DATABASE_URL and TEST_REDIS_URL are not both set',
    ))('permission changes across instances (Postgres + Redis pub/sub)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createTestApp({ ...QUIET, REDIS_URL: REDIS ?? '' });
    b = await createTestApp({ ...QUIET, REDIS_URL: REDIS ?? '' });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('allows on B, within 1 s, what was granted on A (and refuses what was taken)', async () => {
    const user = await createUser(a, { permissions: ['auth.view_user'] });
    const target = await createUser(a);
    const { access } = await obtainPair(a, user);
    const change = () =>
      b.http
        .patch(`/api/admin/users/${target.id}/`)
        .set(...bearer(access))
        .send({ is_active: true });
    await change().expect(403); // B now caches the user's permissions
    await grant(a, user.id, ['auth.change_user']);
    expect(await within(1000, async () => (await change()).status === 200)).toBeGreaterThanOrEqual(0);
    const root = await rootAccessOf(a);
    const group = (
      await a.http
        .post('/api/admin/groups/')
        .set(...bearer(root))
        .send({ name: uniqueUsername('g'), permissions: ['auth.delete_user'] })
        .expect(201)
    ).body as { id: number };
    await a.http
      .patch(`/api/admin/users/${user.id}/`)
      .set(...bearer(root))
      .send({ groups: [group.id], user_permissions: ['auth.view_user'] })
      .expect(200);
    expect(await within(1000, async () => (await change()).status === 403)).toBeGreaterThanOrEqual(0);
    const drop = () => b.http.get('/api/admin/users/?search=zz').set(...bearer(access));
    await a.http
      .delete(`/api/admin/groups/${group.id}/`)
      .set(...bearer(root))
      .expect(204);
    await drop().expect(200);
    await a.http
      .patch(`/api/admin/users/${user.id}/`)
      .set(...bearer(root))
      .send({ user_permissions: [] })
      .expect(200);
    expect(await within(1000, async () => (await drop()).status === 403)).toBeGreaterThanOrEqual(0);
  });
});
