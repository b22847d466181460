// Overhead on GET /api/secure/, the same build started once per variant and measured in interleaved
// rounds with autocannon in one run, the first variant the baseline:
//   throttle (issue 3): throttling off, in memory and in Redis (needs Redis at BENCH_REDIS_URL)
//   metrics (issue 13): METRICS_ENABLED=false vs true (throttling off in both)
// Usage: npx nest build && node bench/throttle-overhead.mjs [throttle|metrics]
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { NODE_FLAGS } from './lib/instance.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SECONDS = Number(process.env.SECONDS_PER_ROUND ?? 5);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);
const BASE_PORT = Number(process.env.BENCH_BASE_PORT ?? 3131);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/5';
const KEY = 'bench-signing-key-0123456789abcdef0123456789abcdef';

const SETS = {
  throttle: [
    { name: 'off', env: { THROTTLE_ENABLED: 'false' } },
    { name: 'memory', env: { THROTTLE_ENABLED: 'true' } },
    { name: 'redis', env: { THROTTLE_ENABLED: 'true', REDIS_URL } },
  ],
  metrics: [
    { name: 'metrics-off', env: { THROTTLE_ENABLED: 'false', METRICS_ENABLED: 'false' } },
    { name: 'metrics-on', env: { THROTTLE_ENABLED: 'false', METRICS_ENABLED: 'true' } },
  ],
};
const SET = process.argv[2] ?? 'throttle';
const variants = SETS[SET];
if (!variants) throw new Error(`unknown variant set "${SET}" (expected ${Object.keys(SETS).join(' or ')})`);

async function start(v, port) {
  const dataDir = mkdtempSync(join(tmpdir(), `bastion-bench-${v.name}-`));
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    JWT_SIGNING_KEY: KEY,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    BRUTE_FORCE_ENABLED: 'false',
    // limits far above the load: we measure the cost of counting, not of refusing
    THROTTLE_DEFAULT: '100000000/1s,100000000/1m',
    ...v.env,
  };
  const child = spawn(process.execPath, [...NODE_FLAGS, 'dist/src/main.js'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  // a fresh embedded database migrates first: on a loaded machine that can take a minute
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/health/live`)).ok) break;
    } catch {
      /* starting */
    }
    if (i === 1200) {
      child.kill('SIGKILL');
      throw new Error(`${v.name}: not up on ${url} after 2 minutes`);
    }
    await sleep(100);
  }
  const user = { username: `bench_${v.name}`, password: 'bench-Password-123!' };
  const post = (path, body) =>
    fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  await post('/api/users/', user);
  const { access } = await (await post('/api/token/', user)).json();
  if (!access) throw new Error(`${v.name}: could not log in`);
  return { ...v, url, access, child, dataDir };
}

function load(inst, seconds) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${inst.url}/api/secure/`,
        connections: CONNECTIONS,
        duration: seconds,
        headers: { authorization: `Bearer ${inst.access}` },
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const instances = [];
try {
  for (const [i, v] of variants.entries()) instances.push(await start(v, BASE_PORT + i));
  for (const inst of instances) await load(inst, 2); // warm-up
  const results = new Map(instances.map((i) => [i.name, []]));
  for (let r = 0; r < ROUNDS; r++) {
    const order = instances.map((_, i) => instances[(i + r) % instances.length]);
    for (const inst of order) {
      const res = await load(inst, SECONDS);
      if (res.non2xx > 0) throw new Error(`${inst.name}: ${res.non2xx} non-2xx responses`);
      results.get(inst.name).push({ rps: res.requests.average, p50: res.latency.p50, p99: res.latency.p99 });
    }
  }
  const baseline = instances[0].name;
  const off = median(results.get(baseline).map((x) => x.rps));
  process.stdout.write(
    `GET /api/secure/, ${CONNECTIONS} connections, ${ROUNDS} rounds x ${SECONDS}s (median of rounds)\n`,
  );
  process.stdout.write(
    `| ${SET} | req/s | vs ${baseline} | per-round ratio (median) | p50 ms | p99 ms | req/s per round |\n|---|---|---|---|---|---|---|\n`,
  );
  for (const [name, xs] of results) {
    const rps = median(xs.map((x) => x.rps));
    const delta = name === baseline ? '—' : `${(((rps - off) / off) * 100).toFixed(1)}%`;
    // each round's variant against the baseline measured next to it: robust to the machine's drift
    const base = results.get(baseline);
    const ratio = median(xs.map((x, r) => x.rps / base[r].rps));
    const paired = name === baseline ? '—' : `${((ratio - 1) * 100).toFixed(1)}%`;
    process.stdout.write(
      `| ${name} | ${rps.toFixed(0)} | ${delta} | ${paired} | ${median(xs.map((x) => x.p50))} | ${median(xs.map((x) => x.p99))} | ${xs.map((x) => x.rps.toFixed(0)).join(', ')} |\n`,
    );
  }
  if (SET === 'metrics') {
    // the "on" instance really timed every request; the "off" one serves no /metrics
    const text = await (await fetch(`${instances[1].url}/metrics`)).text();
    const counted = /route="\/api\/secure",status_code="200"\} (\d+)/.exec(text)?.[1];
    const offStatus = (await fetch(`${instances[0].url}/metrics`)).status;
    process.stdout.write(
      `metrics-on timed ${counted} GET /api/secure/; metrics-off /metrics -> ${offStatus}\n`,
    );
  }
} finally {
  for (const inst of instances) {
    inst.child.kill('SIGTERM');
    rmSync(inst.dataDir, { recursive: true, force: true });
  }
}
