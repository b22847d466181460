import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, settings } from './settings.mjs';

const git = (args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' }).trim();

/** The parent of the oldest commit that `args` (a `git log` filter) finds; undefined when none does. */
function parentOfFirst(args) {
  const first = git(['log', '--format=%h', ...args]).split('\n').filter(Boolean).at(-1);
  return first ? `${first}^` : undefined;
}

/**
 * Earlier builds the bench compares against, each found in git history (or given by a variable):
 * - core: the core's guard, for the revocation check, which has no setting to switch it off: the last commit
 *   before src/sessions/ arrived (BENCH_BASELINE_REF);
 * - prestack: the last commit before the card's stack (@nestjs/jwt + Passport, issue 9): its hand-written JWS
 *   codec and guard (BENCH_STACK_BASELINE_REF).
 */
const BASELINES = {
  core: {
    variable: 'BENCH_BASELINE_REF',
    find: () => parentOfFirst(['--diff-filter=A', '--', 'src/sessions']),
    check: (commit) =>
      git(['ls-tree', '-d', '--name-only', commit, 'src/sessions'])
        ? `baseline ${commit} already contains src/sessions/; set BENCH_BASELINE_REF to a core-only commit`
        : undefined,
  },
  prestack: {
    variable: 'BENCH_STACK_BASELINE_REF',
    find: () => parentOfFirst(['-S', '"@nestjs/passport"', '--', 'package.json']),
    check: (commit) =>
      git(['show', `${commit}:package.json`]).includes('"@nestjs/passport"')
        ? `baseline ${commit} already depends on @nestjs/passport; set BENCH_STACK_BASELINE_REF`
        : undefined,
  },
};

/**
 * Exports the baseline `name` with `git archive` (read-only), installs its own production dependencies and
 * compiles it into bench/results/tmp/baseline-<commit>/. Returns {ref, dist} or {error} when it cannot be built.
 */
export function buildBaseline(name) {
  const spec = BASELINES[name];
  try {
    const ref = process.env[spec.variable] ?? spec.find() ?? 'HEAD';
    const commit = git(['rev-parse', '--short', ref]);
    const problem = spec.check(commit);
    if (problem) return { error: problem };
    const dir = join(settings.results, 'tmp', `baseline-${commit}`);
    const dist = join(dir, 'dist');
    if (!existsSync(join(dist, 'src', 'main.js')) || !existsSync(join(dir, 'node_modules'))) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      execSync(
        `git archive ${commit} src migrations tsconfig.json tsconfig.build.json package.json package-lock.json | tar -x -C "${dir}"`,
        { cwd: ROOT, stdio: 'pipe' },
      );
      // The baseline runs on its own production dependencies (they differ from today's).
      process.stdout.write(`bench: installing the ${name} baseline's dependencies (${commit})\n`);
      execSync('npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error', {
        cwd: dir,
        stdio: 'pipe',
      });
      process.stdout.write(`bench: compiling the ${name} baseline ${commit} into ${dist}\n`);
      try {
        execFileSync('npx', ['tsc', '-p', join(dir, 'tsconfig.build.json'), '--outDir', dist], {
          cwd: ROOT,
          stdio: 'pipe',
        });
      } catch {
        // type errors do not stop tsc from emitting; a missing main.js does
      }
      if (!existsSync(join(dist, 'src', 'main.js'))) return { error: `baseline ${commit} did not compile` };
    }
    return { ref: commit, dist };
  } catch (e) {
    return { error: `no git baseline: ${e.message.split('\n')[0]}` };
  }
}
