import { COMMANDS } from './commands';
import { runCli } from './run-cli';

/** runCli in-process on commands that need no database: help, usage errors, exit statuses. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return cliWith({}, ...argv);
}

async function cliWith(
  env: Record<string, string>,
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  return cliReading('', env, ...argv);
}

/** As cliWith, with `input` on standard input (not a terminal: nothing is asked). */
async function cliReading(
  input: string,
  env: Record<string, string>,
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readStdin: () => Promise.resolve(input),
      askSecret: () => Promise.resolve(undefined),
      progress: () => ({ update: () => undefined, stop: () => undefined }),
    },
    env,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('runCli', () => {
  it.each([['help'], ['--help'], ['-h']])('%s lists every command with its summary, exit 0', async (arg) => {
    const r = await cli(arg);
    expect(r).toMatchObject({ code: 0, err: '' });
    for (const [name, c] of Object.entries(COMMANDS))
      expect(r.out).toContain(`  ${name}`.padEnd(28) + c.summary);
  });

  it.each([
    ['createuser', '--help'],
    ['createuser', 'alice', '-h'],
    ['help', 'createuser'],
  ])('%s %s describes the command and every option, exit 0', async (...argv) => {
    const r = await cli(...argv);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('usage: npx bastion createuser USERNAME [options]');
    for (const option of ['--password-stdin', '--skip-password-validation', '--email E', '--inactive']) {
      expect(r.out).toContain(option);
    }
  });

  it('every command has a summary and help for each option', () => {
    for (const c of Object.values(COMMANDS)) {
      expect(c.summary).toMatch(/^[a-z].{10,}[^.]$/);
      for (const o of Object.values(c.options ?? {})) expect(o.help.length).toBeGreaterThan(5);
    }
  });

  it.each([
    [['frobnicate'], 'unknown command: frobnicate\n\nusage: npx bastion <command>'],
    [['help', 'frobnicate'], 'unknown command: frobnicate'],
    [['help', 'constructor'], 'unknown command: constructor'],
    [['toString'], 'unknown command: toString'],
    [[], 'commands:\n  createuser'],
    [
      ['createuser', 'x', '--bogus'],
      'error: unknown option --bogus\n(npx bastion createuser --help for usage)',
    ],
    [['createuser', 'x', '--password', 'p1234567'], 'error: unknown option --password'],
    [
      ['createuser', 'x'],
      'error: give the password on standard input with --password-stdin, or run on a terminal',
    ],
    [['createuser', 'x', '--staff=yes'], 'error: --staff takes no value'],
    [['createuser', 'a', 'b'], 'error: expected USERNAME'],
    [['createuser', ''], 'error: expected USERNAME'],
    [['setactive', 'someone'], 'error: expected USERNAME true|false'],
    [['setactive', 'someone', 'maybe'], 'error: expected USERNAME true|false'],
    [['flushexpiredtokens', '--batch-size', '0'], 'error: --batch-size: 1 to 100000'],
    [['migrate', 'now'], 'error: expected no arguments'],
    [['genkey', '--alg', 'HS256'], 'error: --alg: one of'],
  ])('%j exits 2 with a clear message', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('refuses a password the policy refuses before opening the database, exit 1', async () => {
    const r = await cliReading('123\n', {}, 'createuser', 'gina', '--password-stdin');
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'error: password refused: This password is too short. It must contain at least 8 characters. ' +
        'This password is entirely numeric. (--skip-password-validation stores it anyway)',
    );
  });

  it('a configuration error exits 1 with the message naming the variable', async () => {
    const r = await cliWith({ JWT_ACCESS_TOKEN_LIFETIME: 'soon' }, 'kong-config');
    expect(r.code).toBe(1);
    expect(r.err).toContain('JWT_ACCESS_TOKEN_LIFETIME');
  });
});
