import { randomBytes } from 'node:crypto';
import { UserManagementService } from '../src/users/user-management.service';
import { createTestApp, TestApp } from './utils/create-test-app';
import { ADMIN_PERMISSIONS, createUser, obtainPair, TestUser, uniqueUsername } from './utils/factories';
import { P } from './utils/contract-helpers';
import { bearer, QUIET } from './utils/sessions-helpers';

const denied = { detail: 'You do not have permission to perform this action.', code: 'permission_denied' };

/** Staff are not superusers: superusers and roles are a superuser's business. */
describe('staff who are not superusers', () => {
  let t: TestApp;
  let staffAccess: string;
  let rootAccess: string;

  async function superuser(): Promise<TestUser> {
    const username = uniqueUsername('root');
    const password = `pw-${randomBytes(6).toString('hex')}`;
    const u = await t.app
      .get(UserManagementService)
      .create({ username, password, isStaff: true, isSuperuser: true });
    return { id: u.id, username, password };
  }
  const flagsOf = async (u: TestUser) => {
    const res = await t.http
      .get('/api/admin/users/')
      .query({ search: u.username })
      .set(...bearer(rootAccess))
      .expect(200);
    return (res.body as { results: Record<string, unknown>[] }).results.find((r) => r.id === u.id);
  };

  beforeAll(async () => {
    t = await createTestApp(QUIET);
    staffAccess = (
      await obtainPair(t, await createUser(t, { isStaff: true, permissions: ADMIN_PERMISSIONS }))
    ).access;
    rootAccess = (await obtainPair(t, await superuser())).access;
  });
  afterAll(() => t.close());

  it('cannot deactivate, delete or end the sessions of a superuser', async () => {
    const root = await superuser();
    const { access } = await obtainPair(t, root);
    await t.http
      .patch(`/api/admin/users/${root.id}/`)
      .set(...bearer(staffAccess))
      .send({ is_active: false })
      .expect(403, denied);
    await t.http
      .delete(`/api/admin/users/${root.id}/`)
      .set(...bearer(staffAccess))
      .expect(403, denied);
    await t.http
      .post(`/api/admin/users/${root.id}/revoke-sessions/`)
      .set(...bearer(staffAccess))
      .expect(403, denied);
    await t.http
      .get(P.secure)
      .set(...bearer(access))
      .expect(200);
    expect(await flagsOf(root)).toMatchObject({ is_active: true, is_superuser: true });
  });

  it('cannot grant staff or superuser, to others or to themselves', async () => {
    const user = await createUser(t);
    const staff = await createUser(t, { isStaff: true, permissions: ADMIN_PERMISSIONS });
    const access = (await obtainPair(t, staff)).access;
    for (const body of [{ is_staff: true }, { is_superuser: true }, { is_active: true, is_staff: true }]) {
      await t.http
        .patch(`/api/admin/users/${user.id}/`)
        .set(...bearer(access))
        .send(body)
        .expect(403, denied);
    }
    await t.http
      .patch(`/api/admin/users/${staff.id}/`)
      .set(...bearer(access))
      .send({ is_superuser: true })
      .expect(403, denied);
    expect(await flagsOf(user)).toMatchObject({ is_active: true, is_staff: false, is_superuser: false });
    expect(await flagsOf(staff)).toMatchObject({ is_staff: true, is_superuser: false });
  });

  it('still deactivate users who are not superusers', async () => {
    const user = await createUser(t);
    await t.http
      .patch(`/api/admin/users/${user.id}/`)
      .set(...bearer(staffAccess))
      .send({ is_active: false })
      .expect(200);
    expect(await flagsOf(user)).toMatchObject({ is_active: false });
  });
});

describe('superusers', () => {
  let t: TestApp;
  let rootAccess: string;
  beforeAll(async () => {
    t = await createTestApp(QUIET);
    const password = 'root-password-1';
    const username = uniqueUsername('root');
    await t.app.get(UserManagementService).create({ username, password, isStaff: true, isSuperuser: true });
    rootAccess = (await obtainPair(t, { id: 0, username, password })).access;
  });
  afterAll(() => t.close());

  it('grant and take away roles, effective from the next request, and it is in the audit log', async () => {
    const user = await createUser(t);
    const { access } = await obtainPair(t, user);
    const admin = () => t.http.get('/api/admin/users/').set(...bearer(access));
    await admin().expect(403);
    const granted = await t.http
      .patch(`/api/admin/users/${user.id}/`)
      .set(...bearer(rootAccess))
      .send({ is_staff: true })
      .expect(200);
    expect(granted.body).toMatchObject({ id: user.id, is_staff: true, is_superuser: false, is_active: true });
    await admin().expect(403, denied); // staff without permissions: nothing in the admin API
    await t.http
      .patch(`/api/admin/users/${user.id}/`)
      .set(...bearer(rootAccess))
      .send({ is_superuser: true })
      .expect(200);
    await admin().expect(200);
    await t.http
      .patch(`/api/admin/users/${user.id}/`)
      .set(...bearer(rootAccess))
      .send({ is_staff: 'false', is_superuser: 'false' })
      .expect(200);
    await admin().expect(403);
    const events = await t.http
      .get(`/api/admin/events/?user_id=${user.id}&type=user_roles_changed`)
      .set(...bearer(rootAccess))
      .expect(200);
    expect((events.body as { results: { detail: string }[] }).results.map((e) => e.detail)).toEqual([
      'is_staff=false is_superuser=false',
      'is_staff=true is_superuser=true',
      'is_staff=true is_superuser=false',
    ]);
  });

  it('deactivate, end the sessions of and delete another superuser', async () => {
    const username = uniqueUsername('root2');
    const other = await t.app
      .get(UserManagementService)
      .create({ username, password: 'other-root-pw-1', isStaff: true, isSuperuser: true });
    await t.http
      .post(`/api/admin/users/${other.id}/revoke-sessions/`)
      .set(...bearer(rootAccess))
      .expect(200);
    await t.http
      .patch(`/api/admin/users/${other.id}/`)
      .set(...bearer(rootAccess))
      .send({ is_active: false })
      .expect(200);
    await t.http
      .delete(`/api/admin/users/${other.id}/`)
      .set(...bearer(rootAccess))
      .expect(204);
  });

  it('still need a field to change, and booleans', async () => {
    const user = await createUser(t);
    await t.http
      .patch(`/api/admin/users/${user.id}/`)
      .set(...bearer(rootAccess))
      .send({})
      .expect(400, { is_active: ['This field is required.'] });
    await t.http
      .patch(`/api/admin/users/${user.id}/`)
      .set(...bearer(rootAccess))
      .send({ is_superuser: 'maybe' })
      .expect(400, { is_superuser: ['Must be a valid boolean.'] });
  });
});
