import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { instances } from '../scenarios.mjs';
import { buildBaseline } from './baseline.mjs';
import { DjangoInstance, prepareDjango } from './django.mjs';
import { ceiling, createUser, ensureBuilt, grantPermission, Instance } from './instance.mjs';
import { createDatabase, dropDatabase, seedTokenRows } from './postgres.mjs';
import { PASSWORD, settings } from './settings.mjs';
import { prepareTools } from './tools.mjs';
import { ChainPool, login } from './tokens.mjs';

/**
 * Everything a bench run owns: its databases (small and large token tables), temp data dirs, and the
 * server processes, started on first use and stopped by `tearDown`.
 */
const log = (line) => process.stdout.write(`${line}\n`);

function memo(map, key, make) {
  if (!map.has(key)) map.set(key, make());
  return map.get(key);
}

export async function setUp() {
  ensureBuilt();
  const tools = prepareTools();
  const tmp = mkdtempSync(join(tmpdir(), 'bastion-bench-'));
  const ctx = {
    tools,
    tmp,
    username: 'bench',
    running: new Map(),
    databases: [],
    tokens: new Map(),
    pools: new Map(),
    baselines: new Map(),
  };
  for (const [key, rows] of [
    ['small', settings.smallRows],
    ['large', settings.largeRows],
  ]) {
    const db = await newDatabase(ctx, key);
    const userId = createUser({ DATABASE_URL: db.url }, ctx.username);
    // The permission of GET /api/secure/permission/ (the @Permissions row), given through the CLI.
    if (key === 'small') grantPermission({ DATABASE_URL: db.url }, ctx.username, 'auth.view_user');
    log(`bench: database ${db.name}: seeding ${rows} token rows`);
    db.rows = await seedTokenRows(db.url, userId, rows);
  }
  ctx.embDir = (name) => join(tmp, name);
  ctx.defs = instances(ctx);
  ctx.nextPort = settings.portBase;
  ctx.instance = (name) => memo(ctx.running, name, () => startInstance(ctx, name));
  ctx.access = (name) =>
    memo(ctx.tokens, name, async () => (await login((await ctx.instance(name)).url, ctx.username)).access);
  ctx.keys = new Map();
  // An API key of the bench user (made through the API, as a client would), for the API-key rows.
  ctx.apiKey = (name) =>
    memo(ctx.keys, name, async () => {
      const inst = await ctx.instance(name);
      const res = await fetch(`${inst.url}/api/keys/`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await ctx.access(name)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'bench', password: PASSWORD }), // a key asks for the password again
      });
      if (res.status !== 201) throw new Error(`POST /api/keys/ answered ${res.status}: ${await res.text()}`);
      return (await res.json()).key;
    });
  ctx.pool = (name) =>
    memo(ctx.pools, name, async () => new ChainPool((await ctx.instance(name)).url, ctx.username));
  return ctx;
}

async function newDatabase(ctx, key) {
  const db = await createDatabase(key);
  ctx.databases.push(db);
  ctx[key] = db;
  return db;
}

/** Starts one named instance (its user first where it has its own data); resolves once it is ready. */
async function startInstance(ctx, name) {
  const { ceiling: isCeiling, baseline, django, ...env } = ctx.defs[name];
  const port = ctx.nextPort++;
  let inst;
  if (isCeiling) {
    inst = ceiling(port);
  } else if (django) {
    if (!ctx.tools.django.ready) throw new Error(ctx.tools.django.note);
    const db = await newDatabase(ctx, name.replace(/-/g, '_'));
    prepareDjango(db.url, ctx.username);
    inst = new DjangoInstance(name, port, db.url, django.rotate);
  } else if (baseline) {
    const built = memo(ctx.baselines, baseline, () => buildBaseline(baseline));
    if (built.error) throw new Error(built.error);
    env.DATABASE_URL = (await newDatabase(ctx, name)).url;
    createUser(env, ctx.username, undefined, built.dist);
    inst = new Instance(name, port, env, join(built.dist, 'src', 'main.js'));
    inst.build = baseline; // an old commit: not today's build (its memory is not today's goal)
  } else {
    if (env.DATA_DIR) createUser(env, ctx.username);
    inst = new Instance(name, port, env);
  }
  inst.pinned = ctx.tools.pinning.pinned;
  await inst.start(isCeiling ? '/' : '/health/ready');
  log(`bench: started ${name} on ${inst.url} (pid ${inst.pid})`);
  return inst;
}

/** The started instances (settled ones only: a failed start leaves nothing to stop). */
export async function runningInstances(ctx) {
  const settled = await Promise.allSettled(ctx.running.values());
  return settled.filter((s) => s.status === 'fulfilled').map((s) => s.value);
}

export async function tearDown(ctx) {
  for (const inst of await runningInstances(ctx)) await inst.stop();
  if (settings.keep) return;
  for (const db of ctx.databases) await dropDatabase(db);
  rmSync(ctx.tmp, { recursive: true, force: true });
}
