import { INestApplicationContext } from '@nestjs/common';
import { Configuration } from '../config/configuration';
import { MigrationRunner } from '../database/migration-runner';
import { HousekeepingService } from '../housekeeping/housekeeping.service';
import { UserLifecycleService } from '../users/user-lifecycle.service';
import { TokenBlacklistService } from '../token-blacklist/token-blacklist.service';
import { UserManagementService } from '../users/user-management.service';
import { CliArgs, UsageError } from './cli-args';
import { DJANGO_COMMANDS } from './django-commands';
import { KEY_COMMANDS } from './key-commands';

export interface Command {
  usage: string;
  /** Options that take a value. */
  valued?: string[];
  run?(app: INestApplicationContext, args: CliArgs, io: CliIo): Promise<void>;
  /** Instead of run: a command that needs no database (key tools); `config()` loads the settings. */
  offline?(args: CliArgs, io: CliIo, config: () => Configuration): Promise<void>;
}

export interface CliIo {
  out(line: string): void;
  /** All of standard input (for --password-stdin). */
  readStdin(): Promise<string>;
}

const users = (app: INestApplicationContext) => app.get(UserManagementService);
/** User changes that end sessions and tell every running instance (Redis or Postgres NOTIFY). */
const lifecycle = (app: INestApplicationContext) => app.get(UserLifecycleService);

/** --password P, or --password-stdin (one trailing newline dropped, nothing else trimmed). */
async function password(args: CliArgs, io: CliIo): Promise<string> {
  const given = args.value('password');
  const value = args.flag('password-stdin') ? (await io.readStdin()).replace(/\r?\n$/, '') : given;
  if (value === undefined || value === '') throw new UsageError('give --password P or --password-stdin');
  return value;
}

function one(args: CliArgs, what: string): string {
  if (args.positional.length !== 1 || args.positional[0] === '') throw new UsageError(`expected ${what}`);
  return args.positional[0];
}

export const COMMANDS: Record<string, Command> = {
  ...KEY_COMMANDS,
  ...DJANGO_COMMANDS,
  createuser: {
    usage:
      'createuser USERNAME [--password P | --password-stdin] [--email E] [--staff] [--superuser] [--inactive]',
    valued: ['password', 'email'],
    async run(app, args, io) {
      args.only('password', 'password-stdin', 'email', 'staff', 'superuser', 'inactive');
      const username = one(args, 'one USERNAME');
      const user = await users(app).create({
        username,
        password: await password(args, io),
        email: args.value('email'),
        isStaff: args.flag('staff'),
        isSuperuser: args.flag('superuser'),
        isActive: !args.flag('inactive'),
      });
      io.out(`Created user ${JSON.stringify(user.username)} (id ${user.id}).`);
    },
  },
  setactive: {
    usage: 'setactive USERNAME true|false',
    async run(app, args, io) {
      args.only();
      const [username, flag] = args.positional;
      if (args.positional.length !== 2 || !['true', 'false'].includes(flag)) {
        throw new UsageError('expected USERNAME true|false');
      }
      await lifecycle(app).setActive(username, flag === 'true');
      io.out(`User ${JSON.stringify(username)} is now ${flag === 'true' ? 'active' : 'inactive'}.`);
    },
  },
  deleteuser: {
    usage: 'deleteuser USERNAME',
    async run(app, args, io) {
      args.only();
      const username = one(args, 'one USERNAME');
      if (!(await lifecycle(app).delete(username))) {
        throw new UsageError(`no user named ${JSON.stringify(username)}`);
      }
      io.out(`Deleted user ${JSON.stringify(username)}.`);
    },
  },
  changepassword: {
    usage: 'changepassword USERNAME [--password P | --password-stdin]',
    valued: ['password'],
    async run(app, args, io) {
      args.only('password', 'password-stdin');
      const username = one(args, 'one USERNAME');
      await lifecycle(app).setPassword(username, await password(args, io));
      io.out(`Password changed for ${JSON.stringify(username)}; every session of the user ended.`);
    },
  },
  flushexpiredtokens: {
    usage: 'flushexpiredtokens [--batch-size N]',
    valued: ['batch-size'],
    async run(app, args, io) {
      args.only('batch-size');
      const size = Number(args.value('batch-size') ?? 5000);
      if (!Number.isInteger(size) || size < 1 || size > 100_000)
        throw new UsageError('--batch-size: 1 to 100000');
      const tokens = app.get(TokenBlacklistService);
      io.out(`${await tokens.countExpired()} expired tokens to delete.`);
      const r = await app.get(HousekeepingService).flush(size, (n) => io.out(`deleted ${n}`));
      io.out(`Deleted ${r.tokens} expired tokens.`);
      io.out(`Deleted ${r.sessions} ended sessions and ${r.events} security events past AUDIT_RETENTION.`);
    },
  },
  migrate: {
    usage: 'migrate [--revert]',
    async run(app, args, io) {
      args.only('revert');
      const runner = app.get(MigrationRunner);
      if (args.flag('revert')) {
        await runner.revert();
        io.out('Reverted the last migration.');
        return;
      }
      const applied = await runner.run();
      io.out(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
    },
  },
  'conformance-user': {
    usage: "conformance-user USER PASS active|inactive|delete   (the conformance suite's CREATE_USER_CMD)",
    async run(app, args) {
      args.only();
      const [username, pass, mode] = args.positional;
      if (args.positional.length !== 3 || !['active', 'inactive', 'delete'].includes(mode)) {
        throw new UsageError('expected USER PASS active|inactive|delete');
      }
      await lifecycle(app).upsert(username, pass, mode as 'active' | 'inactive' | 'delete');
    },
  },
};
