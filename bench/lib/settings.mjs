import { resolve } from 'node:path';

/** The harness's own settings, all from BENCH_* / SOAK_* environment variables. */
const env = process.env;
const num = (name, fallback) => {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(`${name}: expected a non-negative number, got ${JSON.stringify(v)}`);
  return n;
};

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const QUICK = env.BENCH_QUICK === '1';

export const settings = {
  quick: QUICK,
  /** Seconds of load per round, rounds per scenario, seconds of warm-up before the rounds. */
  roundSeconds: num('BENCH_ROUND_SECONDS', QUICK ? 1 : 5),
  rounds: num('BENCH_ROUNDS', QUICK ? 1 : 5),
  warmupSeconds: num('BENCH_WARMUP_SECONDS', QUICK ? 0.5 : 2),
  connections: num('BENCH_CONNECTIONS', 10),
  /** Pause after each run, so work queued by the previous run does not leak into the next. */
  pauseMs: num('BENCH_PAUSE_MS', QUICK ? 300 : 1000),
  /** Token rows for the "small" and "large" tables of scenario 6. */
  smallRows: num('BENCH_SMALL_ROWS', QUICK ? 1_000 : 10_000),
  largeRows: num('BENCH_LARGE_ROWS', QUICK ? 20_000 : 1_000_000),
  /** Admin connection: the harness creates (and drops) its own databases through it. */
  databaseUrl: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  dbPrefix: env.BENCH_DB_PREFIX ?? 'bastion_bench',
  redisUrl: env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/7',
  /** Ports portBase .. portBase+18 (the soak's own redis-server takes SOAK_REDIS_PORT). */
  portBase: num('BENCH_PORT_BASE', 3150),
  /** The compiled app (copy dist/ elsewhere and point here to keep a run stable while others rebuild). */
  dist: resolve(ROOT, env.BENCH_DIST ?? 'dist'),
  results: resolve(ROOT, 'bench', 'results'),
  /** Where the reports go: a smoke run (BENCH_QUICK=1) writes under tmp/, never over the committed results. */
  reports: resolve(ROOT, 'bench', 'results', ...(QUICK ? ['tmp', 'smoke'] : [])),
  logLevel: env.BENCH_LOG_LEVEL ?? 'warn',
  keep: env.BENCH_KEEP === '1',
  soakSeconds: num('SOAK_SECONDS', QUICK ? 20 : 300),
  soakRedisPort: num('SOAK_REDIS_PORT', 3169),
  /**
   * Servers run on BENCH_SERVER_CPUS and the load generator (this process, its wrk children) on
   * BENCH_LOAD_CPUS (`taskset` lists), so they never share a core; BENCH_PIN=0 turns pinning off.
   */
  pin: env.BENCH_PIN !== '0',
  serverCpus: env.BENCH_SERVER_CPUS ?? '0',
  loadCpus: env.BENCH_LOAD_CPUS ?? '1',
  /** `wrk` (default when installed) or `autocannon` (in this process). */
  generator: env.BENCH_GENERATOR,
  /** The Django reference (scenario 0): BENCH_DJANGO=0 skips it; a smoke run uses it only if installed. */
  django: env.BENCH_DJANGO !== '0',
};

export const PASSWORD = 'Bench-Passw0rd-2026!';
