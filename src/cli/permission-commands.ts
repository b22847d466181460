import type { INestApplicationContext } from '@nestjs/common';
import { Command } from './command';

const USERNAME: [string, string] = ['USERNAME', 'the login name, exactly as given'];
const PERMISSIONS: [string, string] = [
  'PERMISSION…',
  '`app_label.codename` (e.g. auth.view_user; `GET /api/admin/permissions/` lists them) or an id',
];

/** A positional as a reference: digits are an id, anything else a natural key. */
const ref = (v: string): number | string => (/^\d{1,10}$/.test(v) ? Number(v) : v);

async function services(app: INestApplicationContext) {
  const { GroupAccessService } = await import('../permissions/group-access.service');
  const { UserAccessService } = await import('../permissions/user-access.service');
  const { UsersService } = await import('../users/users.service');
  const { UnknownUserError } = await import('../users/user-management.service');
  const users = app.get(UsersService);
  return {
    groups: app.get(GroupAccessService),
    access: app.get(UserAccessService),
    /** The user's id; UnknownUserError when there is none. */
    userId: async (username: string): Promise<number> => {
      const user = await users.findByUsername(username);
      if (!user) throw new UnknownUserError(username);
      return user.id;
    },
  };
}

/** Django's permissions and groups; running instances apply each change at once (the revocation bus). */
export const PERMISSION_COMMANDS: Record<string, Command> = {
  grant: {
    summary: 'give a user permissions directly (not through a group); superusers hold every one anyway',
    positionals: [USERNAME, PERMISSIONS],
    variadic: { min: 1 },
    notes: ['Example: grant alice auth.view_user auth.change_user'],
    async run(app, args, io) {
      const [username, ...refs] = args.positional;
      const s = await services(app);
      const userId = await s.userId(username);
      const permissions = await s.groups.resolvePermissions(refs.map(ref));
      const n = await s.access.grant(userId, permissions);
      io.out(
        `Granted ${n} permission(s) to ${JSON.stringify(username)} (${permissions.length - n} held already).`,
      );
    },
  },
  revoke: {
    summary: "take permissions given directly from a user (their groups' permissions stay)",
    positionals: [USERNAME, PERMISSIONS],
    variadic: { min: 1 },
    async run(app, args, io) {
      const [username, ...refs] = args.positional;
      const s = await services(app);
      const userId = await s.userId(username);
      const permissions = await s.groups.resolvePermissions(refs.map(ref));
      const n = await s.access.grant(userId, permissions, true);
      io.out(
        `Revoked ${n} permission(s) from ${JSON.stringify(username)} (${permissions.length - n} not held directly).`,
      );
    },
  },
  addgroup: {
    summary: 'create a group with permissions (none: add them later through the admin API)',
    positionals: [['NAME', 'the group name (unique, up to 150 characters)'], PERMISSIONS],
    variadic: { min: 0 },
    notes: ['Example: addgroup support auth.view_user auth.change_user security.view_securityevent'],
    async run(app, args, io) {
      const [name, ...refs] = args.positional;
      if ([...name].length > 150) throw new Error('the group name has more than 150 characters');
      const { groups } = await services(app);
      const permissions = await groups.resolvePermissions(refs.map(ref));
      const id = await groups.create(name, permissions);
      io.out(`Created group ${JSON.stringify(name)} (id ${id}) with ${permissions.length} permission(s).`);
    },
  },
  'adduser-to-group': {
    summary: "add a user to a group: they hold the group's permissions from their next request on",
    positionals: [USERNAME, ['GROUP', 'the group name, or its id']],
    async run(app, args, io) {
      const [username, groupRef] = args.positional;
      const s = await services(app);
      const userId = await s.userId(username);
      const [group] = await s.groups.resolveGroups([ref(groupRef)], 'group');
      const added = await s.access.addToGroup(userId, group.id);
      io.out(
        added
          ? `Added ${JSON.stringify(username)} to group ${JSON.stringify(group.name)}.`
          : `${JSON.stringify(username)} is in group ${JSON.stringify(group.name)} already.`,
      );
    },
  },
};
