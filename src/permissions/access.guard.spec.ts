import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { mayActOnObject, OwnerOr, Permissions, ReadOnlyPublic, StaffOnly } from '../common/access.decorator';
import { DomainError } from '../common/domain-error';
import { PrincipalUser } from '../common/principal';
import { AccessGuard } from './access.guard';
import { PermissionCache } from './permission.cache';

class Routes {
  @Permissions('auth.view_user', 'auth.change_user')
  both(): void {}

  @StaffOnly()
  staff(): void {}

  @OwnerOr('app.change_thing')
  owned(): void {}

  @ReadOnlyPublic()
  readable(): void {}

  plain(): void {}
}

const user = (over: Partial<PrincipalUser> = {}): PrincipalUser => ({
  id: 7,
  username: 'u',
  isActive: true,
  isStaff: false,
  isSuperuser: false,
  ...over,
});

function contextFor(
  handler: keyof Routes,
  u: PrincipalUser | undefined,
): { ctx: ExecutionContext; req: object } {
  const req = { method: 'GET', user: u && { user: u } };
  const ctx = {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
  return { ctx, req };
}

describe('AccessGuard', () => {
  let granted: Set<string>;
  let guard: AccessGuard;
  const decide = (handler: keyof Routes, u?: PrincipalUser) =>
    Promise.resolve().then(() => guard.canActivate(contextFor(handler, u).ctx));
  const refused = { code: 'permission_denied' };

  beforeEach(() => {
    granted = new Set();
    const cache = { peek: () => undefined, of: () => Promise.resolve(granted) };
    guard = new AccessGuard(new Reflector(), cache as unknown as PermissionCache);
  });

  it('needs every permission of @Permissions, and lets superusers through without looking', async () => {
    granted.add('auth.view_user');
    await expect(decide('both', user())).rejects.toMatchObject(refused);
    granted.add('auth.change_user');
    await expect(decide('both', user())).resolves.toBe(true);
    granted.clear();
    await expect(decide('both', user({ isSuperuser: true }))).resolves.toBe(true);
  });

  it('refuses an inactive user whatever they hold, superusers included', async () => {
    granted.add('auth.view_user').add('auth.change_user');
    await expect(decide('both', user({ isActive: false, isSuperuser: true }))).rejects.toBeInstanceOf(
      DomainError,
    );
  });

  it('lets only staff through @StaffOnly', async () => {
    await expect(decide('staff', user())).rejects.toMatchObject(refused);
    await expect(decide('staff', user({ isStaff: true }))).resolves.toBe(true);
  });

  it('answers 401, not 403, when a ruled route has no principal', async () => {
    await expect(decide('both')).rejects.toMatchObject({ code: 'not_authenticated' });
  });

  it('leaves routes without a rule, and @ReadOnlyPublic ones, to the JWT guard', async () => {
    await expect(decide('plain', user())).resolves.toBe(true);
    await expect(decide('readable')).resolves.toBe(true);
  });

  it('lets @OwnerOr routes through to their object check, with the permissions loaded', async () => {
    granted.add('app.change_thing');
    const { ctx, req } = contextFor('owned', user());
    await expect(Promise.resolve(guard.canActivate(ctx))).resolves.toBe(true);
    expect((req as { grantedPermissions?: Set<string> }).grantedPermissions).toBe(granted);
  });
});

describe('mayActOnObject (@OwnerOr)', () => {
  const perms = ['app.change_thing'];
  it('lets the owner, a holder of the permissions, or a superuser act; no one else', () => {
    expect(mayActOnObject(user(), new Set(), perms, 7)).toBe(true);
    expect(mayActOnObject(user(), new Set(), perms, 8)).toBe(false);
    expect(mayActOnObject(user(), new Set(perms), perms, 8)).toBe(true);
    expect(mayActOnObject(user({ isSuperuser: true }), undefined, perms, null)).toBe(true);
    expect(mayActOnObject(user(), undefined, perms, null)).toBe(false);
    expect(mayActOnObject(user({ isActive: false }), new Set(perms), perms, 7)).toBe(false);
  });
});
