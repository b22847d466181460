#!/usr/bin/env node
// `npx bastion <command>`: the CLI (src/cli/main.ts), built first when dist/ is missing or stale, with no npm
// banner on the output.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const built = spawnSync(process.execPath, [join(root, 'scripts/ensure-build.mjs')], {
  stdio: ['ignore', process.stderr, 'inherit'],
});
if (built.status !== 0) process.exit(built.status ?? 1);
createRequire(import.meta.url)(join(root, 'dist/src/cli/main.js'));
