import type { INestApplicationContext } from '@nestjs/common';
import { Configuration } from '../config/configuration';
import { Env } from '../config/env.parsers';
import { CliArgs, CommandSpec } from './cli-args';

/** Progress of a long command: a bar on a terminal, periodic lines otherwise. */
export interface Progress {
  update(done: number): void;
  /** Ends the bar (or prints the last line). */
  stop(): void;
}

/** Where a command writes and reads; main.ts binds it to the process, tests to arrays. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** All of standard input (for --password-stdin). */
  readStdin(): Promise<string>;
  /** Asks on the terminal without echo; undefined when standard input is not a terminal. */
  askSecret(question: string): Promise<string | undefined>;
  progress(label: string, total: number): Progress;
}

/**
 * A manage.py-style command: its spec (summary, positionals, options — parsed and shown by `--help`) and
 * either `run` (needs the database: runs in a booted application context) or `offline` (no database; `config()`
 * loads the settings, `env` is what they are read from). Commands import Nest, TypeORM and services lazily, inside `run`.
 */
export interface Command extends CommandSpec {
  /** Before the database opens (no needless boot): reads stdin, checks values; returns what `run` gets. */
  prepare?(args: CliArgs, io: CliIo): Promise<CliArgs>;
  run?(app: INestApplicationContext, args: CliArgs, io: CliIo): Promise<void>;
  offline?(args: CliArgs, io: CliIo, config: () => Configuration, env: Env): Promise<void>;
  /** `migrate` manages migrations itself: the context must not apply them at start. */
  managesMigrations?: boolean;
}
