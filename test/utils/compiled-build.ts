import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A private compile of src/ (tsc, ~4 s) under node_modules/.cache, so process-level tests (the CLI, the
 * server's start-up) run real `node …/main.js` processes on a fresh clone without `npm run build`, and never
 * touch dist/ that other people may be running. node_modules resolves by walking up from there.
 */
export class CompiledBuild {
  private constructor(readonly dir: string) {}

  static create(): CompiledBuild {
    const cache = join(ROOT, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    const dir = mkdtempSync(join(cache, 'bastion-e2e-build-'));
    const tsc = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/typescript/bin/tsc'),
        '-p',
        'tsconfig.build.json',
        '--outDir',
        dir,
        '--sourceMap',
        'false',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    // tsc emits even with type errors elsewhere; what matters is that the entry points exist.
    for (const entry of ['src/main.js', 'src/cli/main.js']) {
      if (!existsSync(join(dir, entry))) {
        throw new Error(`compiling src/ failed (${entry} missing):\n${tsc.stdout}${tsc.stderr}`);
      }
    }
    return new CompiledBuild(dir);
  }

  get cliMain(): string {
    return join(this.dir, 'src/cli/main.js');
  }

  get serverMain(): string {
    return join(this.dir, 'src/main.js');
  }

  /** Runs a script to completion with `env` only (plus PATH), `input` on stdin, in `cwd`. */
  run(
    script: string,
    args: string[],
    opts: { env: Record<string, string>; cwd: string; input?: string },
  ): Promise<RunResult> {
    return new Promise((done, fail) => {
      const child = spawn(process.execPath, [script, ...args], {
        cwd: opts.cwd,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...opts.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
      child.on('error', fail);
      child.on('close', (code) => done({ code, stdout, stderr }));
      child.stdin.end(opts.input ?? '');
    });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
