"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const core_1 = require("@nestjs/core");
const node_fs_1 = require("node:fs");
const configuration_1 = require("../config/configuration");
const user_management_service_1 = require("../users/user-management.service");
const users_repository_1 = require("../users/users.repository");
const cli_args_1 = require("./cli-args");
const cli_module_1 = require("./cli.module");
const commands_1 = require("./commands");
const io = {
    out: (line) => process.stdout.write(`${line}\n`),
    readStdin: async () => {
        const chunks = [];
        for await (const chunk of process.stdin)
            chunks.push(chunk);
        return Buffer.concat(chunks).toString('utf8');
    },
};
function usage() {
    return ['usage: npm run cli -- <command> [arguments]', '', ...Object.values(commands_1.COMMANDS).map((c) => `  ${c.usage}`)].join('\n');
}
/** manage.py for Bastion: `npm run cli -- <command>`. Exit 0 on success, 1 on failure, 2 on bad usage. */
async function main(argv) {
    const [name, ...rest] = argv;
    const command = name === undefined ? undefined : commands_1.COMMANDS[name];
    if (!command) {
        process.stderr.write(`${name ? `unknown command: ${name}\n\n` : ''}${usage()}\n`);
        return 2;
    }
    if ((0, node_fs_1.existsSync)('.env'))
        process.loadEnvFile('.env');
    if (command.offline) {
        await command.offline(new cli_args_1.CliArgs(rest, command.valued ?? []), io, () => (0, configuration_1.loadConfiguration)(process.env));
        return 0;
    }
    const config = (0, configuration_1.loadConfiguration)(process.env);
    if (name === 'migrate')
        config.db.migrateOnStart = false;
    const args = new cli_args_1.CliArgs(rest, command.valued ?? []);
    const app = await core_1.NestFactory.createApplicationContext(cli_module_1.CliModule.register(config, name), {
        logger: false,
        abortOnError: false,
    });
    try {
        await command.run(app, args, io);
        return 0;
    }
    finally {
        await app.close();
    }
}
main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
    if (e instanceof cli_args_1.UsageError)
        process.stderr.write(`error: ${e.message}\n`);
    else if (e instanceof configuration_1.ConfigError)
        process.stderr.write(`${e.message}\n`);
    else if (e instanceof user_management_service_1.UnknownUserError)
        process.stderr.write(`error: ${e.message}\n`);
    else if (e instanceof users_repository_1.UsernameTakenError)
        process.stderr.write(`error: the username ${e.message} is taken\n`);
    else
        process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(e instanceof cli_args_1.UsageError ? 2 : 1);
});
//# sourceMappingURL=main.js.map