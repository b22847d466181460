import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { DjangoAccessDump, DumpEntry, DumpUserLinks, GroupDef, UserLinksDef } from './django-access-dump';
import { GroupAccessService } from './group-access.service';
import { GroupRepository } from './group.repository';
import { Group, Permission, permissionKey } from './permission';
import { PermissionRepository } from './permission.repository';
import { UserAccessService } from './user-access.service';

export interface AccessImportReport {
  /** Permissions of the file (distinct `app_label.codename`), and how many of them were created. */
  permissions: number;
  newPermissions: number;
  groups: number;
  newGroups: number;
  changedGroups: number;
  /** Users whose groups or own permissions the file gives, and how many of them changed. */
  users: number;
  changedUsers: number;
  /** Rows of auth_user_groups and auth_user_user_permissions the file gives those users. */
  memberships: number;
  userPermissions: number;
  problems: { line: number; message: string }[];
}

/**
 * `importusers` on a `dumpdata auth` file, after the users are in: permissions matched by
 * (app_label, codename) and the missing ones created, groups by name (created, or their permissions
 * replaced), then the users' groups and own permissions replaced. Through GroupAccessService and
 * UserAccessService, so every change is audited and published on the bus (running instances judge the
 * next request on it); what is already as the file says is not written again.
 */
@Injectable()
export class DjangoAccessImporter {
  constructor(
    private readonly permissionRows: PermissionRepository,
    private readonly groupRows: GroupRepository,
    private readonly groupAccess: GroupAccessService,
    private readonly userAccess: UserAccessService,
  ) {}

  async import(
    entries: readonly DumpEntry[],
    users: readonly DumpUserLinks[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<AccessImportReport> {
    const plan = DjangoAccessDump.plan(entries, users);
    const report: AccessImportReport = {
      permissions: new Set(plan.permissions.map(permissionKey)).size,
      newPermissions: await this.permissionRows.insertMissing(plan.permissions),
      groups: 0,
      newGroups: 0,
      changedGroups: 0,
      users: 0,
      changedUsers: 0,
      memberships: 0,
      userPermissions: 0,
      problems: plan.problems,
    };
    const keys = [...plan.groups, ...plan.users].flatMap((d) => d.permissions ?? []);
    const permissions = new Map(
      (await this.permissionRows.findByRefs([...new Set(keys)])).map((p) => [permissionKey(p), p]),
    );
    for (const group of plan.groups) await this.importGroup(group, permissions, report);
    const groups = new Map(
      (await this.groupRows.findByRefs([...new Set(plan.users.flatMap((u) => u.groups ?? []))])).map((g) => [
        g.name,
        g,
      ]),
    );
    for (const [i, user] of plan.users.entries()) {
      onProgress?.(i, plan.users.length);
      await this.importUser(user, permissions, groups, report);
    }
    if (plan.users.length > 0) onProgress?.(plan.users.length, plan.users.length);
    report.problems.sort((a, b) => a.line - b.line);
    return report;
  }

  private async importGroup(
    def: GroupDef,
    known: ReadonlyMap<string, Permission>,
    report: AccessImportReport,
  ): Promise<void> {
    const permissions = this.pick(def.permissions, known, def.line, `auth.group "${def.name}"`, report);
    if (permissions === null) return;
    const [existing] = await this.groupRows.findByRefs([def.name]);
    try {
      if (!existing) {
        await this.groupAccess.create(def.name, permissions ?? []);
        report.newGroups += 1;
      } else if (permissions && !sameSet(existing.permissions, permissions.map(permissionKey))) {
        await this.groupAccess.update(existing.id, undefined, permissions);
        report.changedGroups += 1;
      }
      report.groups += 1;
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      report.problems.push({ line: def.line, message: `auth.group "${def.name}": ${e.message}` });
    }
  }

  private async importUser(
    def: UserLinksDef,
    known: ReadonlyMap<string, Permission>,
    groups: ReadonlyMap<string, Group>,
    report: AccessImportReport,
  ): Promise<void> {
    const what = `user ${def.userId}'s groups and permissions (not changed)`;
    const missing = (def.groups ?? []).filter((name) => !groups.has(name));
    if (missing.length > 0) {
      const names = missing.map((n) => JSON.stringify(n)).join(', ');
      report.problems.push({ line: def.line, message: `${what}: no group named ${names}` });
      return;
    }
    const permissions = this.pick(def.permissions, known, def.line, what, report);
    if (permissions === null) return;
    const groupIds = def.groups?.map((name) => groups.get(name)!.id);
    const now = await this.userAccess.of(def.userId);
    const change = {
      ...(groupIds && !sameSet(now.groups, groupIds) && { groupIds }),
      ...(permissions && !sameSet(now.userPermissions, permissions.map(permissionKey)) && { permissions }),
    };
    if (change.groupIds || change.permissions) {
      await this.userAccess.set(def.userId, change);
      report.changedUsers += 1;
    }
    report.users += 1;
    report.memberships += groupIds?.length ?? 0;
    report.userPermissions += permissions?.length ?? 0;
  }

  /** The permissions named (undefined: none asked); null, with a problem, when one does not exist. */
  private pick(
    keys: readonly string[] | undefined,
    known: ReadonlyMap<string, Permission>,
    line: number,
    what: string,
    report: AccessImportReport,
  ): Permission[] | null | undefined {
    if (!keys) return undefined;
    const missing = keys.filter((k) => !known.has(k));
    if (missing.length === 0) return keys.map((k) => known.get(k)!);
    report.problems.push({ line, message: `${what}: no permission ${missing.join(', ')}` });
    return null;
  }
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((x) => set.has(x));
}
