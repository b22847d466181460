import { ConfigError, loadConfiguration } from '../config/configuration';
import { Env } from '../config/env.parsers';
import { CliArgs, UsageError } from './cli-args';
import { commandHelp, overview, PROGRAM } from './cli-help';
import { CliIo, Command } from './command';
import { COMMANDS } from './commands';

const HELP = new Set(['help', '--help', '-h']);

/**
 * manage.py for Bastion: runs one command line and returns the exit status (0 done, 1 failed, 2 bad
 * usage), every message through `io`. main.ts binds it to the process; tests call it in-process.
 */
export async function runCli(argv: string[], io: CliIo, env: Env): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) return usage(io, overview(COMMANDS));
  if (HELP.has(name)) {
    const topic = rest[0];
    if (topic === undefined) return help(io, overview(COMMANDS));
    return Object.hasOwn(COMMANDS, topic)
      ? help(io, commandHelp(topic, COMMANDS[topic]))
      : usage(io, `unknown command: ${topic}\n\n${overview(COMMANDS)}`);
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) return usage(io, `unknown command: ${name}\n\n${overview(COMMANDS)}`);
  const beforeDashes = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (beforeDashes.some((a) => HELP.has(a) && a !== 'help')) return help(io, commandHelp(name, command));
  try {
    await execute(name, command, parse(command, rest), io, env);
    return 0;
  } catch (e) {
    return failure(io, name, e);
  }
}

function parse(command: Command, argv: string[]): CliArgs {
  const args = CliArgs.parse(argv, command);
  const expected = (command.positionals ?? []).map(([p]) => p);
  const count = args.positional.length;
  const fits = command.variadic
    ? count >= expected.length - 1 + command.variadic.min
    : count === expected.length;
  if (!fits || args.positional.some((p) => p === '')) {
    throw new UsageError(expected.length ? `expected ${expected.join(' ')}` : 'expected no arguments');
  }
  return args;
}

async function execute(name: string, command: Command, given: CliArgs, io: CliIo, env: Env): Promise<void> {
  const config = () => loadConfiguration(env);
  if (command.offline) return command.offline(given, io, config, env);
  const settings = config();
  const args = command.prepare ? await command.prepare(given, io) : given;
  if (command.managesMigrations) settings.db.migrateOnStart = false;
  const { openCliContext, knownFailure } = await import('./cli-context');
  try {
    const app = await openCliContext(settings, name);
    try {
      await command.run!(app, args, io);
    } finally {
      await app.close();
    }
  } catch (e) {
    const message = knownFailure(e);
    throw message === undefined ? e : new Error(message, { cause: e });
  }
}

function failure(io: CliIo, name: string, e: unknown): number {
  if (e instanceof UsageError) {
    io.err(`error: ${e.message}\n(${PROGRAM} ${name} --help for usage)`);
    return 2;
  }
  if (e instanceof ConfigError) {
    io.err(e.message);
    return 1;
  }
  io.err(`error: ${e instanceof Error ? e.message : String(e)}`);
  return 1;
}

function help(io: CliIo, text: string): number {
  io.out(text);
  return 0;
}

function usage(io: CliIo, text: string): number {
  io.err(text);
  return 2;
}
