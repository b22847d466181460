"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TrafficModule = void 0;
const common_1 = require("@nestjs/common");
const throttler_1 = require("@nestjs/throttler");
const throttle_config_1 = require("../config/throttle.config");
const redis_connection_1 = require("../redis/redis-connection");
const ip_policy_1 = require("./ip-policy");
const ip_policy_guard_1 = require("./ip-policy.guard");
const login_attempts_service_1 = require("./login-attempts.service");
const memory_throttler_storage_1 = require("./memory-throttler.storage");
const rate_limit_guard_1 = require("./rate-limit.guard");
const redis_throttler_storage_1 = require("./redis-throttler.storage");
/**
 * Traffic protection: @nestjs/throttler with named limits from ThrottleConfig (counters in Redis when
 * REDIS_URL is set, else in memory), IP rules, and the failed-login defence used by AuthModule.
 * The guards become APP_GUARDs in AppModule (IP rules, then throttling, then the JWT guard).
 */
let TrafficModule = class TrafficModule {
};
exports.TrafficModule = TrafficModule;
exports.TrafficModule = TrafficModule = __decorate([
    (0, common_1.Module)({
        imports: [
            throttler_1.ThrottlerModule.forRootAsync({
                inject: [throttle_config_1.ThrottleConfig, redis_connection_1.RedisConnection],
                useFactory: (config, redis) => (0, rate_limit_guard_1.throttlerOptions)(config, redis.client
                    ? new redis_throttler_storage_1.RedisThrottlerStorage(redis.client, config.failOpen)
                    : new memory_throttler_storage_1.MemoryThrottlerStorage()),
            }),
        ],
        providers: [ip_policy_1.IpPolicy, ip_policy_guard_1.IpPolicyGuard, rate_limit_guard_1.RateLimitGuard, login_attempts_service_1.LoginAttemptsService],
        exports: [ip_policy_1.IpPolicy, ip_policy_guard_1.IpPolicyGuard, rate_limit_guard_1.RateLimitGuard, login_attempts_service_1.LoginAttemptsService],
    })
], TrafficModule);
//# sourceMappingURL=traffic.module.js.map