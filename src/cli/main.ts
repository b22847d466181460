import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { ConfigError, loadConfiguration } from '../config/configuration';
import { UnknownUserError } from '../users/user-management.service';
import { UsernameTakenError } from '../users/users.repository';
import { CliArgs, UsageError } from './cli-args';
import { CliModule } from './cli.module';
import { COMMANDS, CliIo } from './commands';

const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

function usage(): string {
  return [
    'usage: npm run cli -- <command> [arguments]',
    '',
    ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
  ].join('\n');
}

/** manage.py for Bastion: `npm run cli -- <command>`. Exit 0 on success, 1 on failure, 2 on bad usage. */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    process.stderr.write(`${name ? `unknown command: ${name}\n\n` : ''}${usage()}\n`);
    return 2;
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  if (command.offline) {
    await command.offline(new CliArgs(rest, command.valued ?? []), io, () => loadConfiguration(process.env));
    return 0;
  }
  const config = loadConfiguration(process.env);
  if (name === 'migrate') config.db.migrateOnStart = false;
  const args = new CliArgs(rest, command.valued ?? []);
  const app = await NestFactory.createApplicationContext(CliModule.register(config, name), {
    logger: false,
    abortOnError: false,
  });
  try {
    await command.run!(app, args, io);
    return 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) process.stderr.write(`error: ${e.message}\n`);
    else if (e instanceof ConfigError) process.stderr.write(`${e.message}\n`);
    else if (e instanceof UnknownUserError) process.stderr.write(`error: ${e.message}\n`);
    else if (e instanceof UsernameTakenError)
      process.stderr.write(
        `error: the username ${e.message} is taken. A user with that username already exists ` +
          '(names that differ only by case or NFKC form are the same).\n',
      );
    else process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
