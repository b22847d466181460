import { progressLines } from '../../src/cli/progress';
import { runCli } from '../../src/cli/run-cli';
import { RunResult } from './compiled-build';

export interface CliInput {
  /** What standard input holds (`--password-stdin`). */
  stdin?: string;
  /** What the terminal answers when asked (none: standard input is not a terminal). */
  answers?: string[];
}

/**
 * A CLI command through runCli in-process (what main.ts calls), its output captured: progress lines go to
 * standard output as a terminal-less run prints them.
 */
export async function cliInProcess(
  args: string[],
  env: Record<string, string>,
  { stdin = '', answers = [] }: CliInput = {},
): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  const queue = [...answers];
  const code = await runCli(
    args,
    {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readStdin: () => Promise.resolve(stdin),
      askSecret: () => Promise.resolve(queue.shift()),
      progress: (label, total) => progressLines((l) => out.push(l), label, total),
    },
    env,
  );
  const text = (lines: string[]) => lines.map((l) => `${l}\n`).join('');
  return { code, stdout: text(out), stderr: text(err) };
}
