/** An entry of a dumpdata file other than a user: model, pk and fields as the file has them, and its line. */
export interface DumpEntry {
  line: number;
  model: string;
  pk: unknown;
  fields: unknown;
}

/** An imported user's `groups` and `user_permissions` as the file has them (undefined: absent). */
export interface DumpUserLinks {
  line: number;
  userId: number;
  groups: unknown;
  userPermissions: unknown;
}

export interface PermissionDef {
  appLabel: string;
  codename: string;
  name: string;
}

/** A group of the file; `permissions` as `app_label.codename` (undefined: the file has none, left as is). */
export interface GroupDef {
  line: number;
  name: string;
  permissions?: string[];
}

/** A user's groups (by name) and own permissions (`app_label.codename`); undefined: left as is. */
export interface UserLinksDef {
  line: number;
  userId: number;
  groups?: string[];
  permissions?: string[];
}

/** What a file asks for, every reference turned into a natural key; what could not be, as problems. */
export interface AccessPlan {
  permissions: PermissionDef[];
  groups: GroupDef[];
  users: UserLinksDef[];
  problems: { line: number; message: string }[];
}

const MODELS = ['auth.permission', 'auth.group', 'contenttypes.contenttype'];

class BadEntryError extends Error {}

/**
 * The permission side of `manage.py dumpdata auth [contenttypes]`, in any order: content types (to name a
 * permission's app when `content_type` is a pk), permissions, groups, and the users' links. References are
 * pks of entries in the same file or natural keys (`--natural-foreign`): a permission is
 * `["codename", "app_label", "model"]`, a group `["name"]`. An entry that cannot be read or resolved is a
 * problem (its line, model and pk) and is skipped whole.
 */
export class DjangoAccessDump {
  static plan(entries: readonly DumpEntry[], users: readonly DumpUserLinks[]): AccessPlan {
    const planner = new Planner();
    const of = (model: string) => entries.filter((e) => e.model.toLowerCase() === model);
    for (const e of entries.filter((e) => !MODELS.includes(e.model.toLowerCase()))) planner.unknown(e);
    for (const e of of('contenttypes.contenttype')) planner.attempt(e.line, label(e), () => planner.type(e));
    for (const e of of('auth.permission')) planner.attempt(e.line, label(e), () => planner.permission(e));
    for (const e of of('auth.group')) planner.attempt(e.line, label(e), () => planner.group(e));
    for (const u of users) {
      const what = `user ${u.userId}'s groups and permissions (not changed)`;
      planner.attempt(u.line, what, () => planner.user(u));
    }
    planner.plan.problems.sort((a, b) => a.line - b.line);
    return planner.plan;
  }
}

/** The plan being built, and the pks of the file's entries read so far (content types first). */
class Planner {
  readonly plan: AccessPlan = { permissions: [], groups: [], users: [], problems: [] };
  private readonly appOfType = new Map<number, string>();
  private readonly permissionOfPk = new Map<number, string>();
  private readonly groupOfPk = new Map<number, string>();

  attempt(line: number, what: string, step: () => void): void {
    try {
      step();
    } catch (e) {
      if (!(e instanceof BadEntryError)) throw e;
      this.plan.problems.push({ line, message: `${what}: ${e.message}` });
    }
  }

  unknown(e: DumpEntry): void {
    const message = `model ${e.model} is not imported (users, auth.group, auth.permission and contenttypes.contenttype are)`;
    this.plan.problems.push({ line: e.line, message });
  }

  type(e: DumpEntry): void {
    const f = fieldsOf(e);
    text(f, 'model', 100);
    this.appOfType.set(id(e.pk), text(f, 'app_label', 100));
  }

  permission(e: DumpEntry): void {
    const f = fieldsOf(e);
    const codename = text(f, 'codename', 100);
    const name = text(f, 'name', 255);
    const appLabel = contentTypeApp(f.content_type, this.appOfType);
    const pk = optionalId(e.pk);
    if (pk !== undefined) this.permissionOfPk.set(pk, `${appLabel}.${codename}`);
    this.plan.permissions.push({ appLabel, codename, name });
  }

  group(e: DumpEntry): void {
    const f = fieldsOf(e);
    const name = text(f, 'name', 150);
    const permissions = refs(f.permissions, 'permissions', permissionRef(this.permissionOfPk));
    const pk = optionalId(e.pk);
    if (pk !== undefined) this.groupOfPk.set(pk, name);
    this.plan.groups.push({ line: e.line, name, ...(permissions && { permissions }) });
  }

  user(u: DumpUserLinks): void {
    const groups = refs(u.groups, 'groups', groupRef(this.groupOfPk));
    const permissions = refs(u.userPermissions, 'user_permissions', permissionRef(this.permissionOfPk));
    if (groups || permissions) this.plan.users.push({ line: u.line, userId: u.userId, groups, permissions });
  }
}

function label(e: DumpEntry): string {
  return e.pk === undefined || e.pk === null ? e.model : `${e.model} ${JSON.stringify(e.pk)}`;
}

function fieldsOf(e: DumpEntry): Record<string, unknown> {
  if (typeof e.fields !== 'object' || e.fields === null || Array.isArray(e.fields))
    throw new BadEntryError('fields: missing');
  return e.fields as Record<string, unknown>;
}

function id(pk: unknown): number {
  if (typeof pk !== 'number' || !Number.isInteger(pk) || pk < 1 || pk > 2_147_483_647)
    throw new BadEntryError(`pk: expected a positive integer id, got ${JSON.stringify(pk) ?? 'nothing'}`);
  return pk;
}

/** `--natural-primary` dumps leave the pk out. */
function optionalId(pk: unknown): number | undefined {
  return pk === undefined || pk === null ? undefined : id(pk);
}

function text(f: Record<string, unknown>, name: string, max: number): string {
  const v = f[name];
  if (typeof v !== 'string')
    throw new BadEntryError(`${name}: expected text, got ${JSON.stringify(v) ?? 'nothing'}`);
  if (v.includes('\0')) throw new BadEntryError(`${name}: contains a NUL character`);
  if (v.trim() === '') throw new BadEntryError(`${name}: may not be blank`);
  if ([...v].length > max) throw new BadEntryError(`${name}: longer than ${max} characters`);
  return v;
}

/** `["app_label", "model"]` (natural foreign key) or the pk of a contenttypes.contenttype entry. */
function contentTypeApp(v: unknown, appOfType: ReadonlyMap<number, string>): string {
  if (Array.isArray(v) && v.length === 2 && v.every((s) => typeof s === 'string')) {
    return naturalKeyPart(v[0], 'content_type', 100);
  }
  if (typeof v === 'number' && Number.isInteger(v)) {
    const app = appOfType.get(v);
    if (app === undefined)
      throw new BadEntryError(
        `content_type: pk ${v} names no readable contenttypes.contenttype entry of this file`,
      );
    return app;
  }
  throw new BadEntryError(
    `content_type: expected ["app_label", "model"] or a content type pk, got ${JSON.stringify(v) ?? 'nothing'}`,
  );
}

/** One text of a natural key, checked as the column it names is. */
function naturalKeyPart(v: string, name: string, max: number): string {
  return text({ [name]: v }, name, max);
}

/** A list of references, each turned into a natural key; undefined when the field is absent. */
function refs(v: unknown, field: string, resolve: (ref: unknown) => string): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw new BadEntryError(`${field}: expected a list, got ${JSON.stringify(v)}`);
  try {
    return [...new Set(v.map(resolve))];
  } catch (e) {
    if (e instanceof BadEntryError) throw new BadEntryError(`${field}: ${e.message}`);
    throw e;
  }
}

function permissionRef(ofPk: ReadonlyMap<number, string>): (ref: unknown) => string {
  return (ref) => {
    if (Array.isArray(ref) && ref.length === 3 && ref.every((s) => typeof s === 'string'))
      return `${naturalKeyPart(ref[1], 'app_label', 100)}.${naturalKeyPart(ref[0], 'codename', 100)}`;
    return byPk(ref, ofPk, 'auth.permission', '["codename", "app_label", "model"]');
  };
}

function groupRef(ofPk: ReadonlyMap<number, string>): (ref: unknown) => string {
  return (ref) => {
    if (Array.isArray(ref) && ref.length === 1 && typeof ref[0] === 'string')
      return naturalKeyPart(ref[0], 'name', 150);
    return byPk(ref, ofPk, 'auth.group', '["name"]');
  };
}

function byPk(ref: unknown, ofPk: ReadonlyMap<number, string>, model: string, natural: string): string {
  if (typeof ref !== 'number' || !Number.isInteger(ref))
    throw new BadEntryError(`expected a pk or ${natural}, got ${JSON.stringify(ref)}`);
  const key = ofPk.get(ref);
  if (key === undefined) throw new BadEntryError(`pk ${ref} names no readable ${model} entry of this file`);
  return key;
}
