import { randomBytes } from 'node:crypto';
import { GroupAccessService } from '../../src/permissions/group-access.service';
import { UserAccessService } from '../../src/permissions/user-access.service';
import { UserManagementService } from '../../src/users/user-management.service';
import { TestApp } from './create-test-app';

let seq = 0;

export interface TestUser {
  id: number;
  username: string;
  password: string;
}

/** A unique username, so tests can share one database (TEST_DATABASE_URL). */
export function uniqueUsername(label = 'u'): string {
  seq += 1;
  return `t_${label}_${process.pid}_${Date.now().toString(36)}_${seq}`;
}

/** Every permission of the admin API: what a test's "staff" user is given to use it. */
export const ADMIN_PERMISSIONS = [
  'auth.view_user',
  'auth.change_user',
  'auth.delete_user',
  'auth.view_group',
  'auth.add_group',
  'auth.change_group',
  'auth.delete_group',
  'auth.view_permission',
  'security.view_securityevent',
];

/** Gives the user these permissions (`app_label.codename`) directly. */
export async function grant(t: TestApp, userId: number, permissions: string[]): Promise<void> {
  const resolved = await t.app.get(GroupAccessService).resolvePermissions(permissions);
  await t.app.get(UserAccessService).grant(userId, resolved);
}

export async function createUser(
  t: TestApp,
  opts: Partial<{
    username: string;
    password: string;
    isActive: boolean;
    isStaff: boolean;
    permissions: string[];
  }> = {},
): Promise<TestUser> {
  const username = opts.username ?? uniqueUsername();
  const password = opts.password ?? `pw-${randomBytes(6).toString('hex')}`;
  const user = await t.app.get(UserManagementService).create({
    username,
    password,
    isActive: opts.isActive ?? true,
    isStaff: opts.isStaff ?? false,
  });
  if (opts.permissions) await grant(t, user.id, opts.permissions);
  return { id: user.id, username, password };
}

/** Logs in and returns the pair. */
export async function obtainPair(t: TestApp, u: TestUser): Promise<{ access: string; refresh: string }> {
  const res = await t.http
    .post('/api/token/')
    .send({ username: u.username, password: u.password })
    .expect(200);
  return res.body as { access: string; refresh: string };
}

export function decodeClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}
