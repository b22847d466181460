import type { INestApplicationContext } from '@nestjs/common';
import { passwordProblems } from '../users/password-policy';
import { CliArgs, OptionSpec, UsageError } from './cli-args';
import { CliIo, Command } from './command';

/** Never an argument (it would show in `ps` and the shell's history): standard input or a prompt. */
const PASSWORD_OPTIONS: Record<string, OptionSpec> = {
  'password-stdin': {
    type: 'boolean',
    help: 'read the password from standard input; one trailing newline is dropped, nothing else is trimmed',
  },
  'skip-password-validation': {
    type: 'boolean',
    help: "store the password even if the API's password policy refuses it (Django's bypass)",
  },
};
const USERNAME: [string, string] = ['USERNAME', 'the login name, exactly as stored (case kept)'];
/** createuser stores the name NFKC-normalised, as Django does, and refuses one that differs from a user's only by case. */
const NEW_USERNAME: [string, string] = [
  'USERNAME',
  "the login name, stored NFKC-normalised as Django does (case kept); refused when it equals a user's but for case",
];

/** User changes that end sessions and tell every running instance (Redis or Postgres NOTIFY). */
async function lifecycle(app: INestApplicationContext) {
  const { UserLifecycleService } = await import('../users/user-lifecycle.service');
  return app.get(UserLifecycleService);
}

const NO_PASSWORD =
  'give the password on standard input with --password-stdin, or run on a terminal to be asked';

/**
 * The password from standard input (--password-stdin) or asked twice on the terminal, checked against
 * the API's password policy unless told not to; `run` then reads it from `args.value('password')`.
 */
async function readPassword(args: CliArgs, io: CliIo): Promise<CliArgs> {
  const username = args.positional[0];
  const value = args.flag('password-stdin')
    ? (await io.readStdin()).replace(/\r?\n$/, '')
    : await askTwice(io);
  if (value === undefined || value === '') throw new UsageError(NO_PASSWORD);
  const problems = args.flag('skip-password-validation') ? [] : passwordProblems(value, username);
  if (problems.length > 0) {
    throw new Error(`password refused: ${problems.join(' ')} (--skip-password-validation stores it anyway)`);
  }
  return args.with('password', value);
}

/** Django's createsuperuser: asked twice, the two must match. */
async function askTwice(io: CliIo): Promise<string | undefined> {
  const first = await io.askSecret('Password:');
  if (first === undefined || first === '') return first;
  if ((await io.askSecret('Password (again):')) !== first) throw new Error("the two passwords didn't match");
  return first;
}

export const USER_COMMANDS: Record<string, Command> = {
  createuser: {
    summary: 'create a user',
    positionals: [NEW_USERNAME],
    options: {
      ...PASSWORD_OPTIONS,
      email: { type: 'string', value: 'E', help: 'the e-mail address (default: empty)' },
      staff: { type: 'boolean', help: 'may use the admin API (is_staff)' },
      superuser: { type: 'boolean', help: 'is_superuser' },
      inactive: {
        type: 'boolean',
        help: 'create the user inactive: it cannot log in until `setactive USERNAME true`',
      },
    },
    notes: ["The password must pass the API's policy (8+ characters, not all digits, not the username)."],
    prepare: readPassword,
    async run(app, args, io) {
      const [username] = args.positional;
      const { UserManagementService } = await import('../users/user-management.service');
      const user = await app.get(UserManagementService).create({
        username,
        password: args.value('password')!,
        email: args.value('email'),
        isStaff: args.flag('staff'),
        isSuperuser: args.flag('superuser'),
        isActive: !args.flag('inactive'),
      });
      io.out(`Created user ${JSON.stringify(user.username)} (id ${user.id}).`);
    },
  },
  setactive: {
    summary: 'allow or forbid a user to log in; false also ends every session of the user',
    positionals: [USERNAME, ['true|false', 'true: may log in; false: refused, every session ended for good']],
    prepare(args) {
      if (!['true', 'false'].includes(args.positional[1]))
        throw new UsageError('expected USERNAME true|false');
      return Promise.resolve(args);
    },
    async run(app, args, io) {
      const [username, flag] = args.positional;
      await (await lifecycle(app)).setActive(username, flag === 'true');
      io.out(`User ${JSON.stringify(username)} is now ${flag === 'true' ? 'active' : 'inactive'}.`);
    },
  },
  deleteuser: {
    summary: 'delete a user; running instances refuse their tokens at once',
    positionals: [USERNAME],
    options: { 'if-exists': { type: 'boolean', help: 'succeed (and say so) when there is no such user' } },
    async run(app, args, io) {
      const [username] = args.positional;
      if (await (await lifecycle(app)).delete(username)) io.out(`Deleted user ${JSON.stringify(username)}.`);
      else if (args.flag('if-exists'))
        io.out(`No user named ${JSON.stringify(username)}: nothing to delete.`);
      else throw new Error(`No user named ${JSON.stringify(username)}`);
    },
  },
  changepassword: {
    summary: 'set a new password and end every session of the user',
    positionals: [USERNAME],
    options: PASSWORD_OPTIONS,
    prepare: readPassword,
    async run(app, args, io) {
      const [username] = args.positional;
      await (await lifecycle(app)).setPassword(username, args.value('password')!);
      io.out(`Password changed for ${JSON.stringify(username)}; every session of the user ended.`);
    },
  },
};
