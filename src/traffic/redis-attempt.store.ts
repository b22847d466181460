import Redis from 'ioredis';
import { BruteForceConfig } from '../config/brute-force.config';
import { AttemptStore, STREAK_TTL_MS } from './attempt-store';

/** One failure more; past the free ones the refusal window starts (doubling, bounded). ARGV as below. */
const COUNT_FAILURE = `
local fails = redis.call('HINCRBY', KEYS[1], 'fails', 1)
local free = tonumber(ARGV[2])
if fails >= free then
  local delay = math.min(tonumber(ARGV[3]) * 2 ^ math.min(fails - free, 30), tonumber(ARGV[4]))
  redis.call('HSET', KEYS[1], 'locked_until', now + delay)
end
redis.call('PEXPIRE', KEYS[1], ARGV[5])`;

/** KEYS: streak hash. ARGV: now, free, base, max, streak ttl. One atomic step per failure. */
const FAIL = `local now = tonumber(ARGV[1])${COUNT_FAILURE}
return fails`;

/** As FAIL, but refused (1) while the window is open; otherwise counted in the same step (0). */
const BEGIN = `local now = tonumber(ARGV[1])
if tonumber(redis.call('HGET', KEYS[1], 'locked_until') or '0') > now then return 1 end${COUNT_FAILURE}
return 0`;

type ScriptedRedis = Redis & {
  bastionAttemptFail(streak: string, ...args: (string | number)[]): Promise<number>;
  bastionAttemptBegin(streak: string, ...args: (string | number)[]): Promise<number>;
};

const PREFIX = 'bastion:attempts:';

/** Failure streaks in Redis, shared by every instance; each failure is one atomic script. */
export class RedisAttemptStore extends AttemptStore {
  private readonly redis: ScriptedRedis;

  constructor(
    client: Redis,
    private readonly config: BruteForceConfig,
  ) {
    super();
    if (!('bastionAttemptFail' in client)) {
      client.defineCommand('bastionAttemptFail', { numberOfKeys: 1, lua: FAIL });
      client.defineCommand('bastionAttemptBegin', { numberOfKeys: 1, lua: BEGIN });
    }
    this.redis = client as ScriptedRedis;
  }

  async isLocked(key: string, now: number): Promise<boolean> {
    return Number((await this.redis.hget(PREFIX + key, 'locked_until')) ?? 0) > now;
  }

  async begin(key: string, now: number): Promise<boolean> {
    return (await this.redis.bastionAttemptBegin(PREFIX + key, ...this.args(now))) === 1;
  }

  async recordFailure(key: string, now: number): Promise<void> {
    await this.redis.bastionAttemptFail(PREFIX + key, ...this.args(now));
  }

  private args(now: number): number[] {
    const c = this.config;
    return [now, c.freeFailures, c.baseDelayMs, c.maxDelayMs, STREAK_TTL_MS];
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(PREFIX + key);
  }
}
