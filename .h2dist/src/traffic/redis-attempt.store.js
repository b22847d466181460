"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RedisAttemptStore = void 0;
const node_crypto_1 = require("node:crypto");
const attempt_store_1 = require("./attempt-store");
/** KEYS: streak hash, account failure log. ARGV: now, hour, cap. 1 = refused. */
const CHECK = `
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then return 1 end
local locked = tonumber(redis.call('HGET', KEYS[1], 'locked_until') or '0')
if locked > now then return 1 end
return 0`;
/** KEYS: streak hash, account failure log. ARGV: now, free, base, max, streak ttl, hour, cap, member. */
const FAIL = `
local now = tonumber(ARGV[1])
local fails = redis.call('HINCRBY', KEYS[1], 'fails', 1)
local free = tonumber(ARGV[2])
if fails >= free then
  local delay = math.min(tonumber(ARGV[3]) * 2 ^ math.min(fails - free, 30), tonumber(ARGV[4]))
  redis.call('HSET', KEYS[1], 'locked_until', now + delay)
end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('ZADD', KEYS[2], now, ARGV[8])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[6]))
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[7]) + 2))
redis.call('PEXPIRE', KEYS[2], ARGV[6])
return fails`;
const PREFIX = 'bastion:login:';
/** Failed-login counters in Redis, shared by every instance; each operation is one atomic script. */
class RedisAttemptStore extends attempt_store_1.AttemptStore {
    config;
    redis;
    constructor(client, config) {
        super();
        this.config = config;
        if (!('bastionLoginCheck' in client)) {
            client.defineCommand('bastionLoginCheck', { numberOfKeys: 2, lua: CHECK });
            client.defineCommand('bastionLoginFail', { numberOfKeys: 2, lua: FAIL });
        }
        this.redis = client;
    }
    async isRefused(account, client, now) {
        const [streak, log] = keys(account, client);
        return ((await this.redis.bastionLoginCheck(streak, log, now, attempt_store_1.HOUR_MS, this.config.accountHourlyCap)) === 1);
    }
    async recordFailure(account, client, now) {
        const c = this.config;
        const [streak, log] = keys(account, client);
        const member = `${now}:${(0, node_crypto_1.randomBytes)(6).toString('base64url')}`;
        await this.redis.bastionLoginFail(streak, log, now, c.freeFailures, c.baseDelayMs, c.maxDelayMs, attempt_store_1.STREAK_TTL_MS, attempt_store_1.HOUR_MS, c.accountHourlyCap, member);
    }
    async recordSuccess(account, client) {
        await this.redis.del(keys(account, client)[0]);
    }
}
exports.RedisAttemptStore = RedisAttemptStore;
function keys(account, client) {
    return [`${PREFIX}streak:${account}:${client}`, `${PREFIX}failures:${account}`];
}
//# sourceMappingURL=redis-attempt.store.js.map