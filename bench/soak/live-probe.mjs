// /health/live under a connection storm, on the API port and on HEALTH_PORT, A/B in the same run:
// `node bench/soak/live-probe.mjs` (needs the machine's Postgres and redis-server, like the soak).
// One instance on Postgres + its own Redis, production-like limits and shedding; per round and per variant
// (interleaved, so a noisy machine hits every variant alike) the soak's flood (bad bearer tokens from
// LIVE_FLOOD_CONNECTIONS connections over 50 loopback addresses, its own process) hits /api/secure/ for
// LIVE_FLOOD_SECONDS, while this process opens a fresh connection to each liveness URL every 100 ms.
// Variants: `LIVE_VARIANTS` is a JSON object {name: {env, dist?}} (dist: another compiled tree, e.g. the
// commit before, to compare builds); default: the API port alone, and HEALTH_PORT beside it.
// Prints per-round figures and, per variant and port, the median over rounds of p50/p95/max.
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureBuilt, Instance } from '../lib/instance.mjs';
import { createDatabase, dropDatabase } from '../lib/postgres.mjs';
import { OwnRedis } from '../lib/redis.mjs';
import { ROOT, settings } from '../lib/settings.mjs';

const env = process.env;
const ROUNDS = Number(env.LIVE_ROUNDS ?? 3);
const FLOOD = {
  connections: Number(env.LIVE_FLOOD_CONNECTIONS ?? 2000),
  ms: Number(env.LIVE_FLOOD_SECONDS ?? 8) * 1000,
  max: 1_000_000,
  addresses: 50,
};
const PROBE_EVERY_MS = 100;
const PORT = settings.portBase + 16;
const HEALTH_PORT = settings.portBase + 18;
const VARIANTS = env.LIVE_VARIANTS
  ? JSON.parse(env.LIVE_VARIANTS)
  : { 'api port only': { env: {} }, 'with HEALTH_PORT': { env: { HEALTH_PORT: String(HEALTH_PORT) } } };
const log = (line) => process.stdout.write(`live-probe: ${line}\n`);

/** One GET on a fresh connection (no agent): {status, ms}; never throws. */
function probe(url) {
  const started = performance.now();
  return new Promise((done) => {
    const req = request(url, { agent: false, timeout: 15_000 });
    const end = (status) => done({ status, ms: performance.now() - started });
    req.on('response', (res) => res.resume().on('end', () => end(res.statusCode)));
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => end(e.code ?? e.message));
    req.end();
  });
}

/** Probes `url` every PROBE_EVERY_MS until `stop()`, each probe in flight on its own (a slow one does not delay the next). */
async function probeEvery(url, stop) {
  const inFlight = [];
  while (!stop()) {
    inFlight.push(probe(url));
    await sleep(PROBE_EVERY_MS);
  }
  return Promise.all(inFlight);
}

function flood(url) {
  const args = [FLOOD.connections, FLOOD.ms, FLOOD.max, FLOOD.addresses].map(String);
  return new Promise((done) =>
    execFile(
      process.execPath,
      [join(import.meta.dirname, 'flood.mjs'), url, ...args],
      { timeout: FLOOD.ms + 60_000, maxBuffer: 1 << 20 },
      (e, out) => done(e ? { error: e.message } : JSON.parse(out)),
    ),
  );
}

function figures(results) {
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const q = (p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
  const statuses = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  return { probes: ms.length, p50: q(0.5), p95: q(0.95), max: ms.at(-1), statuses };
}

/** One variant, one round: a fresh process, the flood, the probes; the figures of each liveness URL. */
async function round(name, variant, appEnv) {
  const dist = variant.dist ? resolve(ROOT, variant.dist) : settings.dist;
  const inst = new Instance('live-probe', PORT, { ...appEnv, ...variant.env }, join(dist, 'src', 'main.js'));
  await inst.start();
  try {
    const urls = { api: `${inst.url}/health/live` };
    if (variant.env.HEALTH_PORT) urls.health = `http://127.0.0.1:${variant.env.HEALTH_PORT}/health/live`;
    await sleep(500);
    let flooding = true;
    const flooded = flood(`${inst.url}/api/secure/`).finally(() => (flooding = false));
    const probes = await Promise.all(Object.values(urls).map((u) => probeEvery(u, () => !flooding)));
    const floodResult = await flooded;
    const out = Object.fromEntries(Object.keys(urls).map((k, i) => [k, figures(probes[i])]));
    const rps = floodResult.requests / (floodResult.ms / 1000);
    log(
      `${name}: ${Object.entries(out)
        .map(
          ([k, f]) =>
            `${k} p50/p95/max ${f.p50.toFixed(1)}/${f.p95.toFixed(1)}/${f.max.toFixed(1)} ms ${JSON.stringify(f.statuses)}`,
        )
        .join(
          '; ',
        )}; flood ${floodResult.error ?? `${rps.toFixed(0)} req/s ${JSON.stringify(floodResult.statuses)}`}`,
    );
    return out;
  } finally {
    await inst.stop();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main() {
  ensureBuilt();
  const db = await createDatabase('live');
  const redis = new OwnRedis(settings.soakRedisPort);
  await redis.start();
  const appEnv = {
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    THROTTLE_ENABLED: 'true',
    THROTTLE_DEFAULT: '100000/1s',
    BRUTE_FORCE_ENABLED: 'true',
  };
  const all = Object.fromEntries(Object.keys(VARIANTS).map((n) => [n, []]));
  try {
    log(
      `${ROUNDS} rounds of ${Object.keys(VARIANTS).join(' / ')}; flood ${FLOOD.connections} connections for ${FLOOD.ms / 1000} s`,
    );
    const variants = Object.entries(VARIANTS);
    for (let r = 0; r < ROUNDS; r++) {
      // The order rotates each round: on a quiet machine the variant measured right after another's flood
      // had the slower API port, whichever variant it was (2026-12-02, both orders tried).
      for (const [name, variant] of [
        ...variants.slice(r % variants.length),
        ...variants.slice(0, r % variants.length),
      ]) {
        all[name].push(await round(`round ${r + 1} ${name}`, variant, appEnv));
        await sleep(1000);
      }
    }
  } finally {
    await redis.stop().catch(() => undefined);
    await dropDatabase(db);
  }
  for (const [name, rounds] of Object.entries(all)) {
    for (const port of Object.keys(rounds[0])) {
      const m = (k) => median(rounds.map((x) => x[port][k])).toFixed(1);
      const worst = Math.max(...rounds.map((x) => x[port].max)).toFixed(1);
      log(
        `median of ${rounds.length} rounds, ${name}, ${port}: p50 ${m('p50')} / p95 ${m('p95')} / max ${m('max')} ms (worst max ${worst} ms)`,
      );
    }
  }
}

main().catch((e) => {
  process.stderr.write(`live-probe failed: ${e.stack ?? e}\n`);
  process.exit(1);
});
