import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { TtlCache } from '../common/ttl-cache';
import { RevocationBus } from '../revocation/revocation-bus';
import { GroupRepository } from './group.repository';
import { PermissionRepository } from './permission.repository';

/** Re-read at most this often even if a broadcast were lost; a change through the bus applies at once. */
const TTL_MS = 5_000;
const MAX_ENTRIES = 50_000;

/**
 * A user's effective permissions (their own and their groups') from memory, like the user cache:
 * dropped on every instance through the revocation bus when a user's groups or permissions change
 * (that user) or a group changes (everyone), and when the user changes or is deleted.
 */
@Injectable()
export class PermissionCache {
  private readonly cache: TtlCache<ReadonlySet<string>>;
  /** The names of each user's groups (the forward-auth endpoint's Remote-Groups), dropped alike. */
  private readonly groups: TtlCache<readonly string[]>;

  constructor(
    private readonly permissions: PermissionRepository,
    private readonly groupNames: GroupRepository,
    clock: Clock,
    bus: RevocationBus,
  ) {
    this.cache = new TtlCache(MAX_ENTRIES, () => clock.now());
    this.groups = new TtlCache(MAX_ENTRIES, () => clock.now());
    bus.onMessage((m) => {
      for (const cache of [this.cache, this.groups]) {
        if ((m.kind === 'permissions' || m.kind === 'user') && m.userId !== undefined) {
          const key = String(m.userId);
          cache.invalidate((k) => k === key);
        } else if (m.kind === 'permissions' || m.kind === 'resync') cache.invalidate();
      }
    });
  }

  /** The cached permissions without waiting (the guard's hot path); undefined when they must be loaded. */
  peek(userId: number): ReadonlySet<string> | undefined {
    return this.cache.peek(String(userId));
  }

  peekGroups(userId: number): readonly string[] | undefined {
    return this.groups.peek(String(userId));
  }

  groupsOf(userId: number): Promise<readonly string[]> {
    return this.groups.get(
      String(userId),
      () => this.groupNames.namesOfUser(userId),
      () => TTL_MS,
    );
  }

  of(userId: number): Promise<ReadonlySet<string>> {
    return this.cache.get(
      String(userId),
      async () => new Set(await this.permissions.effectiveOf(userId)),
      () => TTL_MS,
    );
  }
}
