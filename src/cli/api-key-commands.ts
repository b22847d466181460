import { Command } from './command';

/** Operators' view of API keys (users manage their own through /api/keys/). */
export const API_KEY_COMMANDS: Record<string, Command> = {
  apikeys: {
    summary: "list a user's live API keys (never the keys: prefix, name, dates, permissions)",
    positionals: [['USERNAME', 'the login name, exactly as given']],
    async run(app, args, io) {
      const { ApiKeysService } = await import('../api-keys/api-keys.service');
      const { UsersService } = await import('../users/users.service');
      const { UnknownUserError } = await import('../users/user-management.service');
      const [username] = args.positional;
      const user = await app.get(UsersService).findByUsername(username);
      if (!user) throw new UnknownUserError(username);
      const keys = await app.get(ApiKeysService).list(user.id);
      if (keys.length === 0) io.out(`${JSON.stringify(username)} has no live API keys.`);
      for (const k of keys) {
        const when = (d: Date | null) => (d ? d.toISOString() : 'never');
        io.out(
          `${k.id}\t${k.prefix}\t${JSON.stringify(k.name)}\tcreated ${k.created.toISOString()}\t` +
            `last used ${when(k.lastUsed)}\texpires ${when(k.expires)}\t` +
            `permissions ${k.permissions ? `[${k.permissions.join(',')}]` : "the owner's"}`,
        );
      }
    },
  },
  revokeapikey: {
    summary: "revoke any user's API key at once, on every running instance (a leaked key)",
    positionals: [['KEY', "the key's prefix (the text before the dot) or its id"]],
    notes: [
      'Example: revokeapikey Xk3v9QmT0bZa',
      'A prefix that starts with "-" (older keys may have one) goes after "--": revokeapikey -- -k3v9QmT0bZa',
    ],
    async run(app, args, io) {
      const { ApiKeysService } = await import('../api-keys/api-keys.service');
      const [ref] = args.positional;
      if (!(await app.get(ApiKeysService).revokeAny(ref)))
        throw new Error(`no live API key ${JSON.stringify(ref)}`);
      io.out(`Revoked API key ${ref}.`);
    },
  },
};
