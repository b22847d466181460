import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { Errors } from '../common/errors';
import { BatchThrottlerStorage, Hit, HitRecord } from './hit-record';

/**
 * One atomic round trip per request: for each key (window length in ARGV), count, start the window on
 * the first hit, report the time left: {hits1, ttl1, hits2, ttl2, ...}.
 */
const HIT_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  local hits = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[i])
    ttl = tonumber(ARGV[i])
  end
  out[#out + 1] = hits
  out[#out + 1] = ttl
end
return out`;

/** After a failed command, Redis is not asked again for this long (no request waits on a dead server twice). */
const RETRY_AFTER_FAILURE_MS = 500;
const KEY_PREFIX = 'bastion:throttle:';

type ScriptedRedis = Redis & {
  bastionThrottleHits(keyCount: number, ...keysThenTtls: (string | number)[]): Promise<number[]>;
};

/**
 * Fixed-window counters in Redis, shared by every instance. When Redis is down or slow (commands fail
 * after REDIS_TIMEOUT), `failOpen` lets the request through uncounted (logged once per outage and
 * counted) or refuses it with 503; ioredis reconnects by itself and counting resumes.
 */
export class RedisThrottlerStorage implements BatchThrottlerStorage {
  private readonly log = new Logger('Throttling');
  private readonly redis: ScriptedRedis;
  private skipUntil = 0;
  private outage = false;
  /** Requests let through uncounted since the start (fail-open). */
  unthrottled = 0;

  /** True while Redis is failing (until a command succeeds again). */
  get inOutage(): boolean {
    return this.outage;
  }

  constructor(
    client: Redis,
    private readonly failOpen: boolean,
    private readonly now: () => number = Date.now,
  ) {
    if (!('bastionThrottleHits' in client)) client.defineCommand('bastionThrottleHits', { lua: HIT_SCRIPT });
    this.redis = client as ScriptedRedis;
  }

  async increment(key: string, ttl: number, limit: number): Promise<HitRecord> {
    return (await this.incrementAll([{ key, ttl, limit }]))[0];
  }

  async incrementAll(hits: Hit[]): Promise<HitRecord[]> {
    if (this.now() < this.skipUntil) return hits.map(() => this.unavailable(undefined));
    let reply: number[];
    try {
      const keys = hits.map((h) => KEY_PREFIX + h.key);
      reply = await this.redis.bastionThrottleHits(hits.length, ...keys, ...hits.map((h) => h.ttl));
    } catch (e) {
      this.skipUntil = this.now() + RETRY_AFTER_FAILURE_MS;
      const record = this.unavailable(e as Error);
      return hits.map(() => record);
    }
    if (this.outage) {
      this.outage = false;
      this.log.log(
        `Redis is back: throttling counts again (${this.unthrottled} requests let through so far)`,
      );
    }
    return hits.map((h, i) => {
      const count = reply[2 * i];
      const timeToExpire = Math.max(1, Math.ceil(reply[2 * i + 1] / 1000));
      const isBlocked = count > h.limit;
      return { totalHits: count, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
    });
  }

  private unavailable(e: Error | undefined): HitRecord {
    if (!this.outage) {
      this.outage = true;
      const policy = this.failOpen ? 'letting requests through unthrottled' : 'refusing requests with 503';
      this.log.error(
        `Redis unavailable for throttling (${e?.message ?? 'down'}): ${policy} until it is back`,
      );
    }
    if (!this.failOpen) throw Errors.serviceUnavailable();
    this.unthrottled += 1;
    return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0, degraded: true };
  }
}
