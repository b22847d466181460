'use strict';
/**
 * One argon2id worker process of HashWorkerPool (src/users/hash-worker-pool.ts). Plain JavaScript, so the
 * same file runs from src/ (ts-jest) and from dist/ (tsconfig.build.json copies it with allowJs).
 *
 * It lowers its own CPU priority first (argv[2] is the nice value), before anything else starts a thread,
 * so the operating system runs the event loop of the parent ahead of it. Then it answers one job at a time:
 * { id, op: 'hash', password, options } -> { id, value: hash }
 * { id, op: 'verify', password, hash }  -> { id, value: true | false } (an unreadable hash is false)
 * `hash` is Bastion's argon2id or one of Django's formats (django-hashes.js): every password check of the
 * application runs here, in the same pool, queue and nice level.
 */
const { setPriority } = require('node:os');

try {
  setPriority(Number(process.argv[2] ?? 10));
} catch {
  // no permission to change priority (some containers): run at the parent's priority
}

const { hashSync, verifySync } = require('@node-rs/argon2');
const { isDjangoHash, verifyDjangoHash } = require('./django-hashes.js');

function run(job) {
  if (job.op === 'hash') return hashSync(job.password, job.options);
  if (isDjangoHash(job.hash)) return verifyDjangoHash(job.hash, job.password);
  try {
    return verifySync(job.hash, job.password);
  } catch {
    return false;
  }
}

process.on('message', (job) => {
  try {
    process.send({ id: job.id, value: run(job) });
  } catch (e) {
    process.send({ id: job.id, error: String(e && e.message ? e.message : e) });
  }
});
process.on('disconnect', () => process.exit(0));
