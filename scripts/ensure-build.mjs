#!/usr/bin/env node
// `npm start` / `npm run cli` run this first: builds (nest build) only when dist/ is missing or older than
// the sources (src/, migrations/, tsconfig*.json, package.json; directories count too, so a deleted file
// triggers a build). `npm run build` always builds.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const ENTRIES = ['dist/src/main.js', 'dist/src/cli/main.js'];

function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(path)) latest = Math.max(latest, newest(join(path, name)));
  return latest;
}

function builtAt() {
  try {
    return Math.min(...ENTRIES.map((e) => statSync(join(root, e)).mtimeMs));
  } catch {
    return undefined; // an entry point is missing
  }
}

const configs = readdirSync(root).filter((n) => /^tsconfig.*\.json$/.test(n) || n === 'package.json');
const sources = Math.max(...['src', 'migrations', ...configs].map((p) => newest(join(root, p))));
const built = builtAt();
if (built !== undefined && built >= sources) process.exit(0);

process.stderr.write(`${built === undefined ? 'No build yet' : 'Sources changed since the last build'}: nest build ...\n`);
const started = Date.now();
const nest = join(root, 'node_modules/@nestjs/cli/bin/nest.js');
const r = spawnSync(process.execPath, [nest, 'build'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
process.stderr.write(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
