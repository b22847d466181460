import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, settings } from './settings.mjs';

/**
 * The core's guard as a baseline for the revocation check, which has no setting to switch it off: the last
 * commit before src/sessions/ arrived (or BENCH_BASELINE_REF), exported with `git archive` (read-only) and
 * compiled into bench/results/tmp/baseline/. Returns {ref, dist} or {error} when it cannot be built.
 */
export function buildBaseline() {
  const git = (args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' }).trim();
  try {
    const added = git(['log', '--diff-filter=A', '--format=%h', '--', 'src/sessions'])
      .split('\n')
      .filter(Boolean)
      .at(-1);
    const ref = process.env.BENCH_BASELINE_REF ?? (added ? `${added}^` : 'HEAD');
    const commit = git(['rev-parse', '--short', ref]);
    if (git(['ls-tree', '-d', '--name-only', commit, 'src/sessions'])) {
      return {
        error: `baseline ${commit} already contains src/sessions/; set BENCH_BASELINE_REF to a core-only commit`,
      };
    }
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
      process.stdout.write(`bench: installing the baseline core's dependencies (${commit})\n`);
      execSync('npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error', {
        cwd: dir,
        stdio: 'pipe',
      });
      process.stdout.write(`bench: compiling the baseline core ${commit} into ${dist}\n`);
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
