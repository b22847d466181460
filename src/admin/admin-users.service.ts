import { Injectable } from '@nestjs/common';
import { ClientContext } from '../common/client-context.decorator';
import { MfaAdminService } from '../mfa/mfa-admin.service';
import { Errors } from '../common/errors';
import { Principal, PrincipalUser } from '../common/principal';
import { RevocationService } from '../sessions/revocation.service';
import { UserLifecycleService } from '../users/user-lifecycle.service';
import { UserEntity } from '../users/entities/user.entity';
import { ListedUser } from '../users/listed-user';
import { UsersService } from '../users/users.service';
import { GroupAccessService } from '../permissions/group-access.service';
import { permissionKey } from '../permissions/permission';
import { UserAccess, UserAccessService } from '../permissions/user-access.service';
import { GrantPolicy } from './grant-policy';
import { UserChanges } from './user-changes';

/** A user as PATCH answers: the row, their groups and own permissions, whether they have a second factor. */
export type ChangedUser = UserEntity & UserAccess & { hasMfa: boolean };

const ID = /^[1-9]\d{0,9}$/;
const MAX_ID = 2147483647;

/**
 * Staff actions on users, by id; an id that is malformed or names nobody is 404. Staff are not
 * superusers: a superuser and the roles are changed by superusers only (403 permission_denied).
 */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly users: UsersService,
    private readonly lifecycle: UserLifecycleService,
    private readonly revocation: RevocationService,
    private readonly groups: GroupAccessService,
    private readonly access: UserAccessService,
    private readonly policy: GrantPolicy,
    private readonly mfa: MfaAdminService,
  ) {}

  /** A page of users, each with whether they have a second factor (one more read for the page). */
  async page(
    search: string,
    limit: number,
    offset: number,
  ): Promise<{ count: number; users: (ListedUser & { hasMfa: boolean })[] }> {
    const { count, users } = await this.users.page(search, limit, offset);
    const withMfa = await this.mfa.withFactor(users.map((u) => u.id));
    return { count, users: users.map((u) => ({ ...u, hasMfa: withMfa.has(u.id) })) };
  }

  /**
   * Applies `changes`. Users who are not superusers may not change a superuser, nor a role (is_staff,
   * is_superuser: a superuser's business), nor give permissions they may not use (403, GrantPolicy). Every check
   * (unknown groups or permissions: 400) is made before anything changes.
   */
  async update(
    id: string,
    changes: UserChanges,
    actor: Principal,
    client: ClientContext,
  ): Promise<ChangedUser> {
    const user = await this.require(id, actor.user);
    const roles = changes.isStaff !== undefined || changes.isSuperuser !== undefined;
    if (roles && !actor.user.isSuperuser) throw Errors.permissionDenied();
    const groups = changes.groups && (await this.groups.resolveGroups(changes.groups));
    const permissions =
      changes.userPermissions &&
      (await this.groups.resolvePermissions(changes.userPermissions, 'user_permissions'));
    await this.policy.check(actor, [
      ...(groups ?? []).flatMap((g) => g.permissions),
      ...(permissions ?? []).map(permissionKey),
    ]);
    let result = user;
    if (changes.isActive !== undefined) {
      await this.lifecycle.setActive(user.username, changes.isActive, client);
      result = { ...result, isActive: changes.isActive };
    }
    if (roles) {
      const set = {
        isStaff: changes.isStaff ?? user.isStaff,
        isSuperuser: changes.isSuperuser ?? user.isSuperuser,
      };
      await this.lifecycle.setRoles(user.username, set, client);
      result = { ...result, ...set };
    }
    await this.access.set(user.id, { groupIds: groups?.map((g) => g.id), permissions }, client);
    const hasMfa = (await this.mfa.withFactor([user.id])).has(user.id);
    return { ...result, ...(await this.access.of(user.id)), hasMfa };
  }

  async delete(id: string, actor: PrincipalUser, client: ClientContext): Promise<void> {
    const user = await this.require(id, actor);
    if (!(await this.lifecycle.delete(user.username, client))) throw Errors.notFound();
  }

  async revokeSessions(id: string, actor: PrincipalUser, client: ClientContext): Promise<number> {
    const user = await this.require(id, actor);
    return this.revocation.revokeUser(user.id, { reason: 'admin', sessionless: true }, { client });
  }

  /** The user named by `id` (404 otherwise); a superuser only when `actor` is one too (403 otherwise). */
  private async require(id: string, actor: PrincipalUser): Promise<UserEntity> {
    if (!ID.test(id) || Number(id) > MAX_ID) throw Errors.notFound();
    const user = await this.users.findById(Number(id));
    if (!user) throw Errors.notFound();
    if (user.isSuperuser && !actor.isSuperuser) throw Errors.permissionDenied();
    return user;
  }
}
