import Redis from 'ioredis';
import { BruteForceConfig } from '../config/brute-force.config';
import { AttemptStore, STREAK_TTL_MS } from './attempt-store';

/**
 * KEYS: streak hash. ARGV: now, free, base, max, streak ttl. Refused (1) while the refusal window is open;
 * otherwise one failure more, in the same atomic step (0): past the free ones the window starts (doubling,
 * bounded).
 */
const BEGIN = `
local now = tonumber(ARGV[1])
if tonumber(redis.call('HGET', KEYS[1], 'locked_until') or '0') > now then return 1 end
local fails = redis.call('HINCRBY', KEYS[1], 'fails', 1)
local free = tonumber(ARGV[2])
if fails >= free then
  local delay = math.min(tonumber(ARGV[3]) * 2 ^ math.min(fails - free, 30), tonumber(ARGV[4]))
  redis.call('HSET', KEYS[1], 'locked_until', now + delay)
end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 0`;

type ScriptedRedis = Redis & {
  bastionAttemptBegin(streak: string, ...args: (string | number)[]): Promise<number>;
};

const PREFIX = 'bastion:attempts:';

/** Failure streaks in Redis, shared by every instance; each check's start is one atomic script. */
export class RedisAttemptStore extends AttemptStore {
  private readonly redis: ScriptedRedis;

  constructor(
    client: Redis,
    private readonly config: BruteForceConfig,
  ) {
    super();
    if (!('bastionAttemptBegin' in client)) {
      client.defineCommand('bastionAttemptBegin', { numberOfKeys: 1, lua: BEGIN });
    }
    this.redis = client as ScriptedRedis;
  }

  async begin(key: string, now: number): Promise<boolean> {
    const c = this.config;
    const args = [now, c.freeFailures, c.baseDelayMs, c.maxDelayMs, STREAK_TTL_MS];
    return (await this.redis.bastionAttemptBegin(PREFIX + key, ...args)) === 1;
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(PREFIX + key);
  }
}
