import { Injectable } from '@nestjs/common';
import { RevocationBus } from '../revocation/revocation-bus';
import { GroupRepository } from './group.repository';
import { Permission } from './permission';
import { PermissionRepository } from './permission.repository';

/** A user's groups and own permissions, as Django's auth_user_groups and auth_user_user_permissions. */
export interface UserAccess {
  groups: number[];
  userPermissions: string[];
}

/**
 * Changes to a user's groups and own permissions; each tells every instance (the bus), so the next
 * request of the user is judged on the new permissions.
 */
@Injectable()
export class UserAccessService {
  constructor(
    private readonly groups: GroupRepository,
    private readonly permissions: PermissionRepository,
    private readonly bus: RevocationBus,
  ) {}

  async of(userId: number): Promise<UserAccess> {
    const [groups, userPermissions] = await Promise.all([
      this.groups.idsOfUser(userId),
      this.permissions.directOf(userId),
    ]);
    return { groups, userPermissions };
  }

  /** The user's effective permissions read from the database (not the cache), as `app_label.codename`. */
  async effectiveOf(userId: number): Promise<ReadonlySet<string>> {
    return new Set(await this.permissions.effectiveOf(userId));
  }

  /** Replaces the groups and/or the own permissions (absent: unchanged). */
  async set(userId: number, change: { groupIds?: number[]; permissions?: Permission[] }): Promise<void> {
    if (change.groupIds) await this.groups.replaceOfUser(userId, change.groupIds);
    if (change.permissions)
      await this.permissions.replace(
        userId,
        change.permissions.map((p) => p.id),
      );
    if (change.groupIds || change.permissions) await this.changed(userId);
  }

  /** Adds (grant) or removes (revoke) own permissions; the number of rows changed. */
  async grant(userId: number, permissions: readonly Permission[], revoke = false): Promise<number> {
    const ids = permissions.map((p) => p.id);
    const n = revoke ? await this.permissions.revoke(userId, ids) : await this.permissions.grant(userId, ids);
    await this.changed(userId);
    return n;
  }

  /** Adds the user to a group; false when they were in it already. */
  async addToGroup(userId: number, groupId: number): Promise<boolean> {
    const added = (await this.groups.addUser(userId, [groupId])) > 0;
    await this.changed(userId);
    return added;
  }

  private changed(userId: number): Promise<void> {
    return this.bus.publish({ kind: 'permissions', userId });
  }
}
