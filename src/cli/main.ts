import { existsSync } from 'node:fs';
import { CliIo } from './command';
import { progressBar, progressLines } from './progress';
import { runCli } from './run-cli';

const write = (stream: NodeJS.WriteStream) => (line: string) => stream.write(`${line}\n`);

const io: CliIo = {
  out: write(process.stdout),
  err: write(process.stderr),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  askSecret: async (question) => {
    if (!process.stdin.isTTY) return undefined;
    const { default: password } = await import('@inquirer/password');
    return password({ message: question }, { output: process.stderr });
  },
  progress: (label, total) =>
    process.stderr.isTTY
      ? progressBar(process.stderr, label, total)
      : progressLines(write(process.stdout), label, total),
};

if (existsSync('.env')) process.loadEnvFile('.env');
runCli(process.argv.slice(2), io, process.env).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
