import { Injectable } from '@nestjs/common';
import { ClientContext } from '../common/client-context.decorator';
import { DomainError } from '../common/domain-error';
import { Errors, MSG } from '../common/errors';
import { Principal } from '../common/principal';
import { GroupAccessService } from '../permissions/group-access.service';
import { Group, permissionKey, Ref } from '../permissions/permission';
import { GrantPolicy } from './grant-policy';

const ID = /^[1-9]\d{0,9}$/;
const MAX_ID = 2147483647;

/** Groups through the admin API; an id that is malformed or names no group is 404. */
@Injectable()
export class AdminGroupsService {
  constructor(
    private readonly groups: GroupAccessService,
    private readonly policy: GrantPolicy,
  ) {}

  page(limit: number, offset: number): Promise<{ count: number; groups: Group[] }> {
    return this.groups.page(limit, offset);
  }

  async get(id: string): Promise<Group> {
    const group = ID.test(id) && Number(id) <= MAX_ID ? await this.groups.get(Number(id)) : null;
    if (!group) throw Errors.notFound();
    return group;
  }

  /** A new group; its permissions must exist (400) and be usable by `actor` (403, GrantPolicy). */
  async create(name: string, refs: readonly Ref[], actor: Principal, client: ClientContext): Promise<Group> {
    const permissions = await this.groups.resolvePermissions(refs);
    await this.policy.check(actor, permissions.map(permissionKey));
    return this.get(String(await this.groups.create(name, permissions, client)));
  }

  /** Renames and/or replaces the permissions (at least one is needed: 400 otherwise). */
  async update(
    id: string,
    change: { name?: string; permissions?: Ref[] },
    actor: Principal,
    client: ClientContext,
  ): Promise<Group> {
    if (change.name === undefined && change.permissions === undefined) {
      throw DomainError.fields({ name: [MSG.required] });
    }
    const group = await this.get(id);
    const permissions = change.permissions && (await this.groups.resolvePermissions(change.permissions));
    if (permissions) await this.policy.check(actor, permissions.map(permissionKey));
    if (!(await this.groups.update(group.id, change.name, permissions, client))) throw Errors.notFound();
    return this.get(id);
  }

  async delete(id: string, client: ClientContext): Promise<void> {
    const group = await this.get(id);
    if (!(await this.groups.delete(group.id, client))) throw Errors.notFound();
  }
}
