import { parseArgs } from 'node:util';

/** One option of a command: `--name VALUE` (string) or `--name` (boolean), described in its help. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Shown in the help: `--email E`. */
  value?: string;
  help: string;
}

/** What a command accepts, for parsing and for `<command> --help`. */
export interface CommandSpec {
  /** One line, shown in the command list. */
  summary: string;
  /** Positional arguments in order, e.g. `[['USERNAME', 'the login name, exactly as given']]`. */
  positionals?: [name: string, help: string][];
  options?: Record<string, OptionSpec>;
  /** The last positional repeats (`PERMISSION…`), at least `min` times. */
  variadic?: { min: number };
  /** Extra lines after the options (examples, notes). */
  notes?: string[];
}

/** A parsed command line: positional arguments and option values. */
export class CliArgs {
  private constructor(
    readonly positional: string[],
    private readonly values: Record<string, string | boolean | undefined>,
  ) {}

  /** Parses with node:util.parseArgs (strict): unknown options and missing values are usage errors. */
  static parse(argv: string[], spec: CommandSpec): CliArgs {
    const options = Object.fromEntries(
      Object.entries(spec.options ?? {}).map(([name, o]) => [name, { type: o.type }]),
    );
    try {
      const { values, positionals } = parseArgs({
        args: argv,
        options,
        allowPositionals: true,
        strict: true,
      });
      return new CliArgs(positionals, values);
    } catch (e) {
      throw new UsageError(usageMessage(e));
    }
  }

  /** A copy with `name` set (a value read from stdin, say). */
  with(name: string, value: string): CliArgs {
    return new CliArgs(this.positional, { ...this.values, [name]: value });
  }

  flag(name: string): boolean {
    return this.values[name] === true;
  }

  value(name: string): string | undefined {
    const v = this.values[name];
    return typeof v === 'string' ? v : undefined;
  }
}

/** parseArgs's messages are long and mention `parseArgs`; ours name the option like the rest of the CLI. */
function usageMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const option = /'(-[^'\s]*?)(?: <value>)?'/.exec(text)?.[1];
  const code = (e as { code?: string }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return /argument missing/.test(text) ? `${option} needs a value` : `${option} takes no value`;
  }
  return text.split('\n')[0];
}

/** Bad arguments: the message is printed with a pointer to the help, exit status 2. */
export class UsageError extends Error {}
