import { Command } from './command';

export const PROGRAM = 'npx bastion';
const COLUMN = 28;
const row = (left: string, right: string): string =>
  left.length < COLUMN - 2
    ? `  ${left.padEnd(COLUMN - 2)}${right}`
    : `  ${left}\n${' '.repeat(COLUMN)}${right}`;

/** `help`: every command with its one-line summary. */
export function overview(commands: Record<string, Command>): string {
  return [
    `usage: ${PROGRAM} <command> [arguments] [options]`,
    '       npm run --silent cli -- <command> ...   (the same through npm)',
    '       node dist/src/cli/main.js <command> ...  (in a container)',
    '',
    'commands:',
    ...Object.entries(commands).map(([name, c]) => row(name, c.summary)),
    '',
    `"${PROGRAM} <command> --help" describes a command and its options.`,
    'Exit status: 0 done, 1 failed (the message says why), 2 bad usage.',
    '"--" ends the options: what follows it is an argument even when it starts with "-"',
    '(npm run cli needs one "--" of its own first, so that npm passes the options on).',
  ].join('\n');
}

/** `<command> --help`: synopsis, summary, arguments and options. */
export function commandHelp(name: string, c: Command): string {
  const positionals = c.positionals ?? [];
  const options = Object.entries(c.options ?? {});
  const synopsis = [name, ...positionals.map(([p]) => p), ...(options.length ? ['[options]'] : [])].join(' ');
  const lines = [`usage: ${PROGRAM} ${synopsis}`, '', `${c.summary[0].toUpperCase()}${c.summary.slice(1)}.`];
  if (positionals.length) {
    lines.push('', 'arguments:', ...positionals.map(([p, h]) => row(p, h)));
    lines.push(
      `  An argument that starts with "-" goes after "--": ${name} [options] -- ${positionals[0][0]}`,
    );
  }
  lines.push('', 'options:');
  for (const [option, o] of options) lines.push(row(`--${option}${o.value ? ` ${o.value}` : ''}`, o.help));
  lines.push(row('-h, --help', 'show this help'));
  if (c.notes?.length) lines.push('', ...c.notes);
  if (c.run) lines.push('', 'Needs the database: on the embedded one, stop the server first.');
  return lines.join('\n');
}
