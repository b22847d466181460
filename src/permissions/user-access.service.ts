import { Injectable } from '@nestjs/common';
import { ClientContext } from '../common/client-context.decorator';
import { Principal } from '../common/principal';
import { RevocationBus } from '../revocation/revocation-bus';
import { SecurityEventsService } from '../security-events/security-events.service';
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
    private readonly events: SecurityEventsService,
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

  /**
   * What `principal` may use now, and so all it may grant: null (everything) for a superuser's token or
   * unscoped key; for a key with a scope, the scope cut to what the owner holds now (the whole scope for a
   * superuser owner); otherwise what the user holds now. Read from the database, not the cache.
   */
  async usableBy(principal: Principal): Promise<ReadonlySet<string> | null> {
    const scope = principal.apiKey?.scope ?? null;
    if (scope && principal.apiKey?.ownerIsSuperuser) return scope;
    if (principal.user.isSuperuser) return null; // a scoped key's principal is never a superuser
    const held = await this.effectiveOf(principal.user.id);
    return scope ? new Set([...scope].filter((p) => held.has(p))) : held;
  }

  /** Replaces the groups and/or the own permissions (absent: unchanged). */
  async set(
    userId: number,
    change: { groupIds?: number[]; permissions?: Permission[] },
    client?: ClientContext,
  ): Promise<void> {
    if (change.groupIds) await this.groups.replaceOfUser(userId, change.groupIds);
    if (change.permissions)
      await this.permissions.replace(
        userId,
        change.permissions.map((p) => p.id),
      );
    if (change.groupIds || change.permissions) await this.changed(userId, client);
  }

  /** Adds (grant) or removes (revoke) own permissions; the number of rows changed. */
  async grant(
    userId: number,
    permissions: readonly Permission[],
    revoke = false,
    client?: ClientContext,
  ): Promise<number> {
    const ids = permissions.map((p) => p.id);
    const n = revoke ? await this.permissions.revoke(userId, ids) : await this.permissions.grant(userId, ids);
    await this.changed(userId, client);
    return n;
  }

  /** Adds the user to a group; false when they were in it already. */
  async addToGroup(userId: number, groupId: number, client?: ClientContext): Promise<boolean> {
    const added = (await this.groups.addUser(userId, [groupId])) > 0;
    await this.changed(userId, client);
    return added;
  }

  /** Tells every instance, then records the user's groups and permissions as they now are. */
  private async changed(userId: number, client?: ClientContext): Promise<void> {
    await this.bus.publish({ kind: 'permissions', userId });
    const now = await this.of(userId);
    const detail = `groups=[${now.groups.join(',')}] user_permissions=[${now.userPermissions.join(',')}]`;
    await this.events.record({
      type: 'user_permissions_changed',
      userId,
      detail: detail.slice(0, 500),
      ...client,
    });
  }
}
