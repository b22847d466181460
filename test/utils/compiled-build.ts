import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Builds of other sources than the current ones are swept once this old (a run still using one is done). */
const STALE_MS = 30 * 60_000;
const PREFIX = 'bastion-e2e-build-';

/**
 * One compile of src/ (tsc, ~4 s) under node_modules/.cache, shared by every process-level test (the CLI,
 * the server's start-up) that runs real `node …/main.js` processes, on a fresh clone without `npm run
 * build`, never touching dist/ that other people may be running. It is keyed by a fingerprint of the
 * sources: the first spec to need it compiles into a scratch directory and renames it into place (whole or
 * absent), later specs and workers reuse it; a change to src/ makes a new one. node_modules resolves by
 * walking up from there.
 */
export class CompiledBuild {
  private constructor(readonly dir: string) {}

  static create(): CompiledBuild {
    const cache = join(ROOT, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    const dir = join(cache, `${PREFIX}${fingerprint()}`);
    if (!existsSync(dir)) compileInto(cache, dir);
    sweepStale(cache, dir);
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
}

function compileInto(cache: string, dir: string): void {
  const scratch = mkdtempSync(join(cache, 'building-'));
  const tsc = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/typescript/bin/tsc'),
      '-p',
      'tsconfig.build.json',
      '--outDir',
      scratch,
      '--sourceMap',
      'false',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  // tsc emits even with type errors elsewhere; what matters is that the entry points exist.
  for (const entry of ['src/main.js', 'src/cli/main.js']) {
    if (!existsSync(join(scratch, entry))) {
      rmSync(scratch, { recursive: true, force: true });
      throw new Error(`compiling src/ failed (${entry} missing):\n${tsc.stdout}${tsc.stderr}`);
    }
  }
  try {
    renameSync(scratch, dir);
  } catch (err) {
    rmSync(scratch, { recursive: true, force: true }); // a concurrent worker's compile of the same sources won
    if (!existsSync(dir)) throw err;
  }
}

/** What the compile reads: every file of src/ and the tsconfigs, by path, size and modification time. */
function fingerprint(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else {
        const st = statSync(path);
        hash.update(`${path}\0${st.size}\0${st.mtimeMs}\n`);
      }
    }
  };
  walk(join(ROOT, 'src'));
  for (const f of ['tsconfig.json', 'tsconfig.build.json']) hash.update(readFileSync(join(ROOT, f)));
  return hash.digest('hex').slice(0, 16);
}

function sweepStale(cache: string, keep: string): void {
  for (const name of readdirSync(cache)) {
    const path = join(cache, name);
    if (path === keep || !(name.startsWith(PREFIX) || name.startsWith('building-'))) continue;
    if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
  }
}
