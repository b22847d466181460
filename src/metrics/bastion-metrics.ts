import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { TokenType } from '../common/token-types';
import { THROTTLE_SCOPES, ThrottleScope } from '../config/throttle.config';
import { RedisConnection } from '../redis/redis-connection';
import { RouteDurations } from './route-durations';

export type LoginOutcome = 'success' | 'failure' | 'refused' | 'mfa_required' | 'mfa_failed';
export type RefreshOutcome = 'success' | 'invalid' | 'blacklisted' | 'reuse_detected';
/** Gauges whose value only their owner can read, sampled at each scrape (see `sample`). */
export type SampledGauge = 'password_hash_queue' | 'throttle_fallback_active';

/** pg-pool's counters (PGlite's pool reports the same three for its one session). */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

const SECONDS_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Label children built once, so counting on a request path is a property read and an add. */
function children<K extends string>(
  counter: Counter<string>,
  values: readonly K[],
): Record<K, Counter.Internal> {
  return Object.fromEntries(values.map((v) => [v, counter.labels(v)])) as Record<K, Counter.Internal>;
}

/**
 * Every Prometheus metric of the service, in one registry per application (the names and labels are a
 * contract for deploy/grafana and deploy/prometheus). Counting is cheap and always on; what is read at
 * scrape time (pool, Redis, queues) is read only when /metrics is asked.
 */
@Injectable()
export class BastionMetrics {
  readonly registry = new Registry();
  readonly http = new RouteDurations(this.registry, SECONDS_BUCKETS);
  private readonly logins: Record<LoginOutcome, Counter.Internal>;
  private readonly refreshes: Record<RefreshOutcome, Counter.Internal>;
  private readonly issued: Record<TokenType, Counter.Internal>;
  private readonly throttles: Record<ThrottleScope, Counter.Internal>;
  private readonly revocations: Counter<'reason'>;
  private readonly busLag: Histogram;
  private readonly hashSeconds: Histogram;
  private readonly samplers: Record<SampledGauge, () => number> = {
    password_hash_queue: () => 0,
    throttle_fallback_active: () => 0,
  };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisConnection,
  ) {
    const registers = [this.registry];
    const counter = (name: string, help: string, label: string) =>
      new Counter({ name, help, labelNames: [label], registers });
    this.logins = children(
      counter(
        'bastion_logins_total',
        'Logins (POST /api/token/, /api/token/sliding/, /api/token/mfa/) by verdict; refused = brute-force ' +
          'defence, mfa_required = right password, second factor due, mfa_failed = a wrong second factor',
        'outcome',
      ),
      ['success', 'failure', 'refused', 'mfa_required', 'mfa_failed'],
    );
    this.refreshes = children(
      counter(
        'bastion_token_refresh_total',
        'POST /api/token/refresh/ by outcome (reuse_detected: a rotated-out token revoked its session)',
        'outcome',
      ),
      ['success', 'invalid', 'blacklisted', 'reuse_detected'],
    );
    this.issued = children(counter('bastion_tokens_issued_total', 'Tokens signed, by type', 'type'), [
      'access',
      'refresh',
      'sliding',
    ]);
    this.throttles = children(
      counter('bastion_throttled_total', '429 answers by the named limit that refused them', 'scope'),
      THROTTLE_SCOPES,
    );
    this.revocations = counter('bastion_revocations_total', 'Sessions revoked, by reason', 'reason');
    this.busLag = new Histogram({
      name: 'bastion_revocation_bus_lag_seconds',
      help: 'Publish-to-receive delay of revocation broadcasts from Redis or PostgreSQL (wall clocks)',
      buckets: SECONDS_BUCKETS,
      registers,
    });
    this.hashSeconds = new Histogram({
      name: 'bastion_password_hash_seconds',
      help: 'argon2id hash or verification time, queue wait excluded',
      buckets: SECONDS_BUCKETS,
      registers,
    });
    this.scrapeTimeGauges();
  }

  /** prom-client's default process metrics (CPU, memory, event loop lag, GC); only where /metrics is served. */
  collectProcessMetrics(): void {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The owner of a sampled gauge's state registers how to read it, once at start. */
  sample(gauge: SampledGauge, read: () => number): void {
    this.samplers[gauge] = read;
  }

  login(outcome: LoginOutcome): void {
    this.logins[outcome].inc();
  }

  refreshed(outcome: RefreshOutcome | undefined): void {
    if (outcome) this.refreshes[outcome].inc();
  }

  tokenIssued(type: TokenType): void {
    this.issued[type]?.inc();
  }

  throttled(scope: ThrottleScope): void {
    this.throttles[scope]?.inc();
  }

  revoked(reason: string, sessions = 1): void {
    if (sessions > 0) this.revocations.inc({ reason }, sessions);
  }

  /** A broadcast published at `publishedAt` (epoch ms, another process's clock) arrived now. */
  broadcastReceived(publishedAt: unknown): void {
    if (typeof publishedAt === 'number' && Number.isFinite(publishedAt))
      this.busLag.observe(Math.max(0, Date.now() - publishedAt) / 1000);
  }

  /** Times one hash or verification (called inside the hasher's concurrency slot). */
  async timeHash<T>(work: () => Promise<T>): Promise<T> {
    const start = process.hrtime.bigint();
    try {
      return await work();
    } finally {
      this.hashSeconds.observe(Number(process.hrtime.bigint() - start) / 1e9);
    }
  }

  private scrapeTimeGauges(): void {
    const registers = [this.registry];
    const samplers = this.samplers;
    new Gauge({
      name: 'bastion_password_hash_queue',
      help: 'Password hashes waiting for a PASSWORD_HASH_CONCURRENCY slot',
      registers,
      collect() {
        this.set(samplers.password_hash_queue());
      },
    });
    new Gauge({
      name: 'bastion_throttle_fallback_active',
      help: "1 while Redis is away and the throttler or the failed-login counts fall back to this instance's memory (or refuse with 503 when THROTTLE_FAIL_OPEN=false), else 0",
      registers,
      collect() {
        this.set(samplers.throttle_fallback_active());
      },
    });
    const redis = this.redis.client;
    const redisUp = new Gauge({
      name: 'bastion_redis_up',
      help: '1 while the Redis connection (REDIS_URL) is ready, else 0; no sample without REDIS_URL',
      registers,
      collect() {
        if (redis) this.set(redis.status === 'ready' ? 1 : 0);
      },
    });
    if (!redis) redisUp.remove();
    const dataSource = this.dataSource;
    new Gauge({
      name: 'bastion_db_pool_connections',
      help: 'Database pool connections: total, idle, and callers waiting for one (embedded PGlite: its one session)',
      labelNames: ['state'],
      registers,
      collect() {
        const pool = (dataSource.driver as unknown as { master?: Partial<PoolCounts> }).master;
        if (typeof pool?.totalCount !== 'number') return;
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount ?? 0);
        this.set({ state: 'waiting' }, pool.waitingCount ?? 0);
      },
    });
  }
}
