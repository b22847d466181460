import Redis from 'ioredis';
import { Errors } from '../common/errors';
import { RedisFallback } from '../redis/redis-fallback';
import { BatchThrottlerStorage, Hit, HitRecord } from './hit-record';
import { MemoryThrottlerStorage, record } from './memory-throttler.storage';

/**
 * One atomic round trip per request, fair counting: KEYS are the request's limits, ARGV their window
 * lengths then their limits. When any key is at its limit nothing is counted (reply starts with 1);
 * else every key is counted, its window started on the first hit (reply starts with 0). Then
 * {hits1, ttl1, hits2, ttl2, ...}.
 */
const HIT_SCRIPT = `
local n = #KEYS
local refused = 0
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[n + i]) then refused = 1 end
end
local out = {refused}
for i, key in ipairs(KEYS) do
  local hits
  if refused == 1 then hits = tonumber(redis.call('GET', key) or '0') else hits = redis.call('INCR', key) end
  local ttl = redis.call('PTTL', key)
  if ttl < 0 and hits > 0 then
    redis.call('PEXPIRE', key, ARGV[i])
    ttl = tonumber(ARGV[i])
  end
  if ttl < 0 then ttl = tonumber(ARGV[i]) end
  out[#out + 1] = hits
  out[#out + 1] = ttl
end
return out`;

/** After a failed command, Redis is not asked again for this long (no request waits on a dead server twice). */
const RETRY_AFTER_FAILURE_MS = 500;
const KEY_PREFIX = 'bastion:throttle:';

type ScriptedRedis = Redis & {
  bastionFairHits(keyCount: number, ...keysThenArgs: (string | number)[]): Promise<number[]>;
};

/**
 * Fixed-window counters in Redis, shared by every instance. When Redis is down or slower than
 * REDIS_TIMEOUT, a request is never let through uncounted: with `failOpen` this instance counts in
 * its own memory (RedisFallback logs it once and readiness shows it) and returns to Redis as soon as
 * Redis answers again; without it the request is refused with 503.
 */
export class RedisThrottlerStorage implements BatchThrottlerStorage {
  private readonly redis: ScriptedRedis;
  private skipUntil = 0;

  constructor(
    client: Redis,
    private readonly failOpen: boolean,
    private readonly fallback: RedisFallback,
    private readonly memory: MemoryThrottlerStorage,
    private readonly now: () => number = Date.now,
  ) {
    if (!('bastionFairHits' in client)) client.defineCommand('bastionFairHits', { lua: HIT_SCRIPT });
    this.redis = client as ScriptedRedis;
  }

  async increment(key: string, ttl: number, limit: number): Promise<HitRecord> {
    return (await this.incrementAll([{ key, ttl, limit }]))[0];
  }

  async incrementAll(hits: Hit[]): Promise<HitRecord[]> {
    if (this.now() < this.skipUntil) return this.unavailable(hits, 'down');
    let reply: number[];
    try {
      const keys = hits.map((h) => KEY_PREFIX + h.key);
      const args = [...hits.map((h) => h.ttl), ...hits.map((h) => h.limit)];
      reply = await this.redis.bastionFairHits(hits.length, ...keys, ...args);
    } catch (e) {
      this.skipUntil = this.now() + RETRY_AFTER_FAILURE_MS;
      return this.unavailable(hits, (e as Error).message);
    }
    this.fallback.leave('throttling');
    const refused = reply[0] === 1;
    return hits.map((h, i) => {
      const count = reply[1 + 2 * i];
      return record(count, reply[2 + 2 * i], refused && count >= h.limit);
    });
  }

  private unavailable(hits: Hit[], reason: string): Promise<HitRecord[]> {
    this.fallback.enter('throttling', reason, !this.failOpen);
    if (!this.failOpen) throw Errors.serviceUnavailable();
    return this.memory.incrementAll(hits);
  }
}
