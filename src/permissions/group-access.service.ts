import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { ClientContext } from '../common/client-context.decorator';
import { RevocationBus } from '../revocation/revocation-bus';
import { SecurityEventsService } from '../security-events/security-events.service';
import { Group, Permission, permissionKey, Ref } from './permission';
import { GroupNameTakenError, GroupRepository } from './group.repository';
import { PermissionRepository } from './permission.repository';
import { UnknownReferenceError } from './unknown-reference.error';

/** Django's unique message for auth_group.name. */
const NAME_TAKEN = 'group with this name already exists.';

function nameTaken(e: unknown): never {
  if (!(e instanceof GroupNameTakenError)) throw e;
  const error = DomainError.fields({ name: [NAME_TAKEN] });
  error.message = `a ${NAME_TAKEN}`;
  throw error;
}

/**
 * Groups and the permission catalogue. A change of a group's permissions, or its deletion, drops every
 * instance's permission cache (the bus): members gain or lose at once.
 */
@Injectable()
export class GroupAccessService {
  constructor(
    private readonly groups: GroupRepository,
    private readonly permissions: PermissionRepository,
    private readonly bus: RevocationBus,
    private readonly events: SecurityEventsService,
  ) {}

  page(limit: number, offset: number): Promise<{ count: number; groups: Group[] }> {
    return this.groups.page(limit, offset);
  }

  async get(id: number): Promise<Group | null> {
    return (await this.groups.findByRefs([id]))[0] ?? null;
  }

  permissionPage(limit: number, offset: number): Promise<{ count: number; permissions: Permission[] }> {
    return this.permissions.page(limit, offset);
  }

  /** The groups named (by id or name); UnknownReferenceError naming the refs that match none. */
  async resolveGroups(refs: readonly Ref[], field = 'groups'): Promise<Group[]> {
    const found = await this.groups.findByRefs(refs);
    const missing = refs.filter((r) => !found.some((g) => g.id === r || g.name === r));
    if (missing.length) throw new UnknownReferenceError(field, 'name', missing);
    return found;
  }

  /** The permissions named (by id or `app_label.codename`); UnknownReferenceError naming the unknown refs. */
  async resolvePermissions(refs: readonly Ref[], field = 'permissions'): Promise<Permission[]> {
    const found = await this.permissions.findByRefs(refs);
    const missing = refs.filter((r) => !found.some((p) => p.id === r || permissionKey(p) === r));
    if (missing.length) throw new UnknownReferenceError(field, 'codename', missing);
    return found;
  }

  /** 400 on `name` when the name is used. */
  async create(name: string, permissions: readonly Permission[], client?: ClientContext): Promise<number> {
    const id = await this.groups
      .insert(
        name,
        permissions.map((p) => p.id),
      )
      .catch(nameTaken);
    await this.record(`created group ${id}`, name, permissions, client);
    return id;
  }

  /** False when there is no such group; 400 on `name` when the name is used. */
  async update(
    id: number,
    name: string | undefined,
    permissions: readonly Permission[] | undefined,
    client?: ClientContext,
  ): Promise<boolean> {
    const ok = await this.groups
      .update(
        id,
        name,
        permissions?.map((p) => p.id),
      )
      .catch(nameTaken);
    // A rename too: every instance's cached group names (the gateway's Remote-Groups) are dropped.
    if (ok && (permissions || name !== undefined)) await this.bus.publish({ kind: 'permissions' });
    if (ok) await this.record(`changed group ${id}`, name, permissions, client);
    return ok;
  }

  async delete(id: number, client?: ClientContext): Promise<boolean> {
    const ok = await this.groups.deleteById(id);
    if (ok) await this.bus.publish({ kind: 'permissions' });
    if (ok) await this.record(`deleted group ${id}`, undefined, undefined, client);
    return ok;
  }

  /** The audit line of a group change (`group_changed`). */
  private record(
    what: string,
    name: string | undefined,
    permissions: readonly Permission[] | undefined,
    client: ClientContext | undefined,
  ): Promise<void> {
    const parts = [
      what,
      ...(name !== undefined ? [`name=${JSON.stringify(name)}`] : []),
      ...(permissions ? [`permissions=[${permissions.map(permissionKey).join(',')}]`] : []),
    ];
    return this.events.record({ type: 'group_changed', detail: parts.join(' ').slice(0, 500), ...client });
  }
}
