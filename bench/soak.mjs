import { setTimeout as sleep } from 'node:timers/promises';
import { createUser, ensureBuilt, Instance, memoryMb } from './lib/instance.mjs';
import { createDatabase, dropDatabase, query } from './lib/postgres.mjs';
import { OwnRedis } from './lib/redis.mjs';
import { PASSWORD, settings } from './lib/settings.mjs';
import { login } from './lib/tokens.mjs';
import bcrypt from 'bcryptjs';
import { attackPhase, DJANGO_VICTIM, VICTIM } from './soak/attack.mjs';
import { killInstance, postgresOutage, redisRestart } from './soak/faults.mjs';
import { fuzz } from './soak/fuzz.mjs';
import { soakChecks, writeSoakReport } from './soak/report.mjs';
import { TcpProxy } from './soak/tcp-proxy.mjs';
import { Recorder, runTraffic } from './soak/traffic.mjs';

/**
 * `npm run soak`: two instances on Postgres + Redis, mixed traffic, three faults, an attacker phase
 * (distributed guessing, a flood) with the traffic still going, a fuzz run, checks.
 */
const log = (line) => process.stdout.write(`soak: ${line}\n`);
const env = process.env;
const DB_TIMEOUT_MS = 2000;
const REDIS_TIMEOUT_MS = 200;
const FAIL_OPEN = env.SOAK_FAIL_OPEN !== 'false';
const WORKERS = Number(env.SOAK_WORKERS ?? 8);
const SHORT = settings.soakSeconds < 60;
const FAULT_MS = Number(env.SOAK_FAULT_SECONDS ?? (SHORT ? 2 : 5)) * 1000;
const FUZZ_RUNS = Number(env.SOAK_FUZZ_RUNS ?? (SHORT ? 300 : 2000));
const ATTACK_SECONDS = Number(env.SOAK_ATTACK_SECONDS ?? (SHORT ? 8 : 20));
const GUESSERS = Number(env.SOAK_GUESSERS ?? (SHORT ? 20 : 40));
/** Production's THROTTLE_LOGIN is 10/1m per address: a botnet staying under it guesses every 6 s from each. */
const GUESS_EVERY_MS = Number(env.SOAK_GUESS_EVERY_SECONDS ?? 6) * 1000;
const FLOOD = {
  connections: Number(env.SOAK_FLOOD_CONNECTIONS ?? (SHORT ? 200 : 500)),
  ms: (ATTACK_SECONDS * 1000) / 2,
  max: 200_000,
};
const USERS = ['soak-1', 'soak-2', 'soak-3', 'soak-4', 'soak-5', 'soak-6'];

function appEnv(url, redis) {
  const limit = '1000000/1m';
  return {
    DATABASE_URL: url,
    REDIS_URL: redis.url,
    DB_TIMEOUT: `${DB_TIMEOUT_MS / 1000}s`,
    REDIS_TIMEOUT: String(REDIS_TIMEOUT_MS),
    JWT_ROTATE_REFRESH_TOKENS: 'true',
    JWT_BLACKLIST_AFTER_ROTATION: 'true',
    THROTTLE_ENABLED: 'true',
    THROTTLE_FAIL_OPEN: String(FAIL_OPEN),
    // Limits high enough for one loopback client to soak, low enough that every hit is counted in Redis.
    THROTTLE_DEFAULT: '100000/1s',
    THROTTLE_LOGIN: limit,
    THROTTLE_LOGIN_USER: limit,
    THROTTLE_TOKEN: limit,
    BRUTE_FORCE_ENABLED: 'true',
  };
}

async function setUp(state) {
  ensureBuilt();
  state.db = await createDatabase('soak');
  const first = createUser({ DATABASE_URL: state.db.url }, 'soak-probe');
  await query(
    state.db.url,
    `INSERT INTO users (username, password_hash) SELECT u, password_hash FROM users, unnest($1::text[]) AS u WHERE id = $2`,
    [[...USERS, VICTIM, DJANGO_VICTIM], first],
  );
  // Imported from Django as its BCryptPasswordHasher writes it (cost 12), never logged in here yet.
  await query(state.db.url, 'UPDATE users SET password_hash = $1 WHERE username = $2', [
    `bcrypt$${bcrypt.hashSync(PASSWORD, 12)}`,
    DJANGO_VICTIM,
  ]);
  state.redis = new OwnRedis(settings.soakRedisPort);
  await state.redis.start();
  const pg = new URL(settings.databaseUrl);
  state.proxy = new TcpProxy(settings.portBase + 15, { host: pg.hostname, port: Number(pg.port || 5432) });
  await state.proxy.listen();
  const viaProxy = new URL(state.db.url);
  viaProxy.host = `127.0.0.1:${state.proxy.port}`;
  const e = appEnv(viaProxy.toString(), state.redis);
  // A, the flooded one, also serves /health/live from its liveness worker on HEALTH_PORT.
  state.a = new Instance('soak-a', settings.portBase + 16, {
    ...e,
    HEALTH_PORT: String(settings.portBase + 18),
  });
  state.a.healthUrl = `http://127.0.0.1:${settings.portBase + 18}`;
  state.b = new Instance('soak-b', settings.portBase + 17, e);
  for (const i of [state.a, state.b]) {
    await i.start();
    i.serving = true;
  }
}

/** RSS of each process incarnation every second; "first" is taken once the warm-up (10%) is over. */
function watchMemory(instances) {
  const series = new Map();
  const timer = setInterval(() => {
    for (const i of instances) {
      const mb = i.serving ? memoryMb(i.pid) : undefined;
      if (mb === undefined) continue;
      const key = `${i.name} (pid ${i.pid})`;
      if (!series.has(key)) series.set(key, []);
      series.get(key).push(Math.round(mb));
    }
  }, 1000);
  return () => {
    clearInterval(timer);
    return [...series].map(([name, s]) => ({
      name,
      first: s[Math.floor(s.length / 10)],
      last: s.at(-1),
      max: Math.max(...s),
      samples: s.length,
    }));
  };
}

async function soak(state) {
  const rec = new Recorder([state.a, state.b]);
  const total = settings.soakSeconds * 1000;
  const f = {
    rec,
    proxy: state.proxy,
    redis: state.redis,
    a: state.a,
    b: state.b,
    user: 'soak-probe',
    dbTimeoutMs: DB_TIMEOUT_MS,
    redisTimeoutMs: REDIS_TIMEOUT_MS,
    faultMs: FAULT_MS,
    failOpen: FAIL_OPEN,
  };
  const stopMemory = watchMemory([state.a, state.b]);
  let faultsDone = false;
  const faults = [];
  const schedule = [
    [0.25, 'postgres', postgresOutage],
    [0.5, 'redis', redisRestart],
    [0.75, 'kill', killInstance],
  ];
  const injecting = (async () => {
    try {
      for (const [at, name, inject] of schedule) {
        await sleep(Math.max(0, at * total - rec.now()));
        log(`fault: ${name} at ${(rec.now() / 1000).toFixed(1)} s`);
        faults.push(...(await inject(f)).map((c) => ({ ...c, name: `${name}: ${c.name}` })));
      }
    } catch (e) {
      faults.push({ name: 'fault injection ran to the end', ok: false, detail: e.message });
    } finally {
      faultsDone = true;
    }
  })();
  await Promise.all([runTraffic(rec, USERS, WORKERS, () => rec.now() >= total && faultsDone), injecting]);
  log(`faults done at ${(rec.now() / 1000).toFixed(1)} s; attacker phase of ${ATTACK_SECONDS} s`);
  const attack = await attackPhase({
    rec,
    a: state.a,
    b: state.b,
    users: USERS,
    workers: WORKERS,
    seconds: ATTACK_SECONDS,
    guessers: GUESSERS,
    guessEveryMs: GUESS_EVERY_MS,
    flood: FLOOD,
  });
  const seconds = rec.now() / 1000;
  const memory = stopMemory();
  log(
    `traffic done: ${rec.events.length} requests in ${seconds.toFixed(0)} s; fuzzing ${FUZZ_RUNS} requests`,
  );
  const pair = await login(state.a.url, 'soak-probe');
  const fuzzed = await fuzz(state.a.url, [pair.access, pair.refresh], FUZZ_RUNS);
  const { rows } = await query(state.db.url, 'SELECT token_sha256 FROM outstanding_token');
  const stored = new Set(rows.map((r) => r.token_sha256.trim()));
  return {
    date: new Date().toISOString(),
    settings: `DB_TIMEOUT ${DB_TIMEOUT_MS} ms, REDIS_TIMEOUT ${REDIS_TIMEOUT_MS} ms, THROTTLE_FAIL_OPEN=${FAIL_OPEN}, rotation on, faults of ${FAULT_MS / 1000} s`,
    seconds,
    workers: WORKERS,
    requests: rec.events.length,
    rps: rec.events.length / seconds,
    rec,
    checks: soakChecks(rec, stored, memory),
    faults,
    attack,
    fuzz: fuzzed,
    memory,
  };
}

async function main() {
  const state = {};
  let ok = false;
  try {
    await setUp(state);
    log(`running ${settings.soakSeconds} s against ${state.a.url} and ${state.b.url}`);
    const report = writeSoakReport(await soak(state));
    ok = report.ok;
    log(`${report.text}; wrote ${report.files.join(', ')}`);
  } finally {
    for (const i of [state.a, state.b]) await i?.stop();
    await state.redis?.stop().catch(() => undefined);
    await state.proxy?.close();
    if (state.db && !settings.keep) await dropDatabase(state.db);
  }
  process.exitCode = ok ? 0 : 1;
}

main().catch((e) => {
  process.stderr.write(`soak failed: ${e.stack ?? e}\n`);
  process.exit(1);
});
