"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.LoginAttemptsService = void 0;
const common_1 = require("@nestjs/common");
const throttler_1 = require("@nestjs/throttler");
const node_crypto_1 = require("node:crypto");
const clock_1 = require("../common/clock");
const errors_1 = require("../common/errors");
const brute_force_config_1 = require("../config/brute-force.config");
const throttle_config_1 = require("../config/throttle.config");
const redis_connection_1 = require("../redis/redis-connection");
const memory_attempt_store_1 = require("./memory-attempt.store");
const redis_attempt_store_1 = require("./redis-attempt.store");
/**
 * Brute-force defence on login, beyond the throttler. Failures are counted per account + client IP
 * (after BruteForceConfig.freeFailures consecutive ones that IP is refused for 1 s, doubling to 15 min;
 * a success resets it) and per account (at most accountHourlyCap an hour from all IPs). A refusal is
 * answered by the caller exactly as a wrong password, and unknown usernames are counted the same way.
 * Redis (when set) shares the counts between instances; an outage follows THROTTLE_FAIL_OPEN.
 */
let LoginAttemptsService = class LoginAttemptsService {
    config;
    throttle;
    clock;
    log = new common_1.Logger('BruteForce');
    store;
    outage = false;
    constructor(config, throttle, clock, redis) {
        this.config = config;
        this.throttle = throttle;
        this.clock = clock;
        this.store = redis.client ? new redis_attempt_store_1.RedisAttemptStore(redis.client, config) : new memory_attempt_store_1.MemoryAttemptStore(config);
    }
    onModuleInit() {
        if (!this.config.enabled)
            this.log.warn('BRUTE_FORCE_ENABLED=false: failed logins are not counted');
    }
    /** True when this login must be refused without looking at the password's verdict. */
    async isRefused(username, ip) {
        if (!this.config.enabled)
            return false;
        return this.guarded(() => this.store.isRefused(accountKey(username), (0, throttler_1.normalizeIp)(ip), this.clock.now()), false);
    }
    async recordFailure(username, ip) {
        if (!this.config.enabled)
            return;
        await this.guarded(() => this.store.recordFailure(accountKey(username), (0, throttler_1.normalizeIp)(ip), this.clock.now()), undefined);
    }
    async recordSuccess(username, ip) {
        if (!this.config.enabled)
            return;
        await this.guarded(() => this.store.recordSuccess(accountKey(username), (0, throttler_1.normalizeIp)(ip)), undefined);
    }
    async guarded(op, whenOpen) {
        try {
            const result = await op();
            if (this.outage)
                this.log.log('Redis is back: failed logins are counted again');
            this.outage = false;
            return result;
        }
        catch (e) {
            if (!this.outage)
                this.log.error(`Redis unavailable for failed-login counts: ${e.message}`);
            this.outage = true;
            if (!this.throttle.failOpen)
                throw errors_1.Errors.serviceUnavailable();
            return whenOpen;
        }
    }
};
exports.LoginAttemptsService = LoginAttemptsService;
exports.LoginAttemptsService = LoginAttemptsService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [brute_force_config_1.BruteForceConfig,
        throttle_config_1.ThrottleConfig,
        clock_1.Clock,
        redis_connection_1.RedisConnection])
], LoginAttemptsService);
function accountKey(username) {
    return (0, node_crypto_1.createHash)('sha256').update(username).digest('base64url').slice(0, 22);
}
//# sourceMappingURL=login-attempts.service.js.map