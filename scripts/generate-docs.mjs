#!/usr/bin/env node
// `npm run docs`: writes docs/configuration.md and .env.example from the configuration's own definitions
// (src/config/setting-descriptions.ts plus the defaults and bounds of the code that reads each setting).
// src/config/settings-docs.spec.ts fails while either file differs from what this writes.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const built = spawnSync(process.execPath, [join(root, 'scripts/ensure-build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const require = createRequire(import.meta.url);
const { settingsCatalog } = require(join(root, 'dist/src/config/settings-reference.js'));
const { GENERATED_FILES } = require(join(root, 'dist/src/config/settings-docs.js'));

const { entries, undescribed, unread } = settingsCatalog();
for (const name of undescribed)
  process.stderr.write(`${name}: no description in src/config/setting-descriptions.ts\n`);
for (const name of unread)
  process.stderr.write(`${name}: described but read by no code (remove its description)\n`);
for (const [file, render] of Object.entries(GENERATED_FILES)) {
  writeFileSync(join(root, file), render(entries));
  process.stdout.write(`wrote ${file} (${entries.length} settings)\n`);
}
if (undescribed.length > 0 || unread.length > 0) process.exit(1);
