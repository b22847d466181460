"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RedisConfig = void 0;
/** Redis, shared by the instances when set: throttling counters and revocation broadcasts. */
class RedisConfig {
    url;
    /** Milliseconds any Redis command may take before the caller gives up (REDIS_TIMEOUT). */
    timeoutMs;
}
exports.RedisConfig = RedisConfig;
//# sourceMappingURL=redis.config.js.map