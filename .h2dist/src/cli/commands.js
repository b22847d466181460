"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.COMMANDS = void 0;
const migration_runner_1 = require("../database/migration-runner");
const housekeeping_service_1 = require("../housekeeping/housekeeping.service");
const user_lifecycle_service_1 = require("../sessions/user-lifecycle.service");
const token_blacklist_service_1 = require("../token-blacklist/token-blacklist.service");
const user_management_service_1 = require("../users/user-management.service");
const cli_args_1 = require("./cli-args");
const django_commands_1 = require("./django-commands");
const key_commands_1 = require("./key-commands");
const users = (app) => app.get(user_management_service_1.UserManagementService);
/** User changes that end sessions and tell every running instance (Redis or Postgres NOTIFY). */
const lifecycle = (app) => app.get(user_lifecycle_service_1.UserLifecycleService);
/** --password P, or --password-stdin (one trailing newline dropped, nothing else trimmed). */
async function password(args, io) {
    const given = args.value('password');
    const value = args.flag('password-stdin') ? (await io.readStdin()).replace(/\r?\n$/, '') : given;
    if (value === undefined || value === '')
        throw new cli_args_1.UsageError('give --password P or --password-stdin');
    return value;
}
function one(args, what) {
    if (args.positional.length !== 1 || args.positional[0] === '')
        throw new cli_args_1.UsageError(`expected ${what}`);
    return args.positional[0];
}
exports.COMMANDS = {
    ...key_commands_1.KEY_COMMANDS,
    ...django_commands_1.DJANGO_COMMANDS,
    createuser: {
        usage: 'createuser USERNAME [--password P | --password-stdin] [--email E] [--staff] [--superuser] [--inactive]',
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
                throw new cli_args_1.UsageError('expected USERNAME true|false');
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
            if (!(await lifecycle(app).delete(username)))
                throw new cli_args_1.UsageError(`no user named ${JSON.stringify(username)}`);
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
                throw new cli_args_1.UsageError('--batch-size: 1 to 100000');
            const tokens = app.get(token_blacklist_service_1.TokenBlacklistService);
            io.out(`${await tokens.countExpired()} expired tokens to delete.`);
            const r = await app.get(housekeeping_service_1.HousekeepingService).flush(size, (n) => io.out(`deleted ${n}`));
            io.out(`Deleted ${r.tokens} expired tokens.`);
            io.out(`Deleted ${r.sessions} ended sessions and ${r.events} security events past AUDIT_RETENTION.`);
        },
    },
    migrate: {
        usage: 'migrate [--revert]',
        async run(app, args, io) {
            args.only('revert');
            const runner = app.get(migration_runner_1.MigrationRunner);
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
        usage: 'conformance-user USER PASS active|inactive|delete   (the conformance suite\'s CREATE_USER_CMD)',
        async run(app, args) {
            args.only();
            const [username, pass, mode] = args.positional;
            if (args.positional.length !== 3 || !['active', 'inactive', 'delete'].includes(mode)) {
                throw new cli_args_1.UsageError('expected USER PASS active|inactive|delete');
            }
            await lifecycle(app).upsert(username, pass, mode);
        },
    },
};
//# sourceMappingURL=commands.js.map