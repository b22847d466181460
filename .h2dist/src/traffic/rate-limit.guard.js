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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RateLimitGuard = void 0;
exports.throttlerOptions = throttlerOptions;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const throttler_1 = require("@nestjs/throttler");
const node_crypto_1 = require("node:crypto");
const throttle_config_1 = require("../config/throttle.config");
const rate_limit_decision_1 = require("./rate-limit-decision");
const throttle_decorators_1 = require("./throttle.decorators");
/** `login-60s` -> `login`: every named throttler is `<scope>-<window>s` (see throttlerOptions). */
const scopeOf = (name) => name.slice(0, name.lastIndexOf('-'));
/** The named throttlers from ThrottleConfig, for ThrottlerModule.forRootAsync. */
function throttlerOptions(config, storage) {
    const throttlers = Object.entries(config.rules).flatMap(([scope, rules]) => rules.map((r) => ({ name: `${scope}-${r.ttlMs / 1000}s`, limit: r.limit, ttl: r.ttlMs })));
    return { throttlers, storage, setHeaders: config.headers };
}
/**
 * @nestjs/throttler's guard, counting every named throttler that applies to the route at once: the
 * default ones everywhere (per client IP, all routes together), plus the route's @ThrottledAs scopes
 * (login: both login routes share a bucket; login_user: IP + username as login trims it, whether or
 * not the account exists; token: one bucket per route; register). Health routes @SkipThrottling.
 */
let RateLimitGuard = class RateLimitGuard extends throttler_1.ThrottlerGuard {
    config;
    constructor(options, storage, reflector, config) {
        super(options, storage, reflector);
        this.config = config;
    }
    async onModuleInit() {
        await super.onModuleInit();
        if (!this.config.enabled)
            this.logger.warn('THROTTLE_ENABLED=false: requests are not rate limited');
    }
    async canActivate(context) {
        if (!this.config.enabled)
            return true;
        const targets = [context.getHandler(), context.getClass()];
        if (this.reflector.getAllAndOverride(throttle_decorators_1.SKIP_THROTTLING_KEY, targets))
            return true;
        const scopes = this.reflector.getAllAndOverride(throttle_decorators_1.THROTTLE_SCOPES_KEY, targets) ?? [];
        const { req, res } = this.getRequestResponse(context);
        const route = `${context.getClass().name}.${context.getHandler().name}`;
        await this.apply(req, res, ['default', ...scopes], route);
        return true;
    }
    /** The default limits for what is not a Nest route (the Swagger UI under /docs). */
    async limitPlainRoute(req, reply) {
        if (this.config.enabled)
            await this.apply(req, reply, ['default'], 'plain');
    }
    async apply(req, reply, scopes, route) {
        const client = (0, throttler_1.normalizeIp)(req.ip);
        const applicable = this.throttlers.filter((t) => scopes.includes(scopeOf(t.name)));
        const hits = applicable.map((t) => ({
            key: `${t.name}:${this.subject(scopeOf(t.name), client, req, route)}`,
            ttl: t.ttl,
            limit: t.limit,
        }));
        const records = await this.count(hits);
        const counted = applicable.map((t, i) => ({
            name: t.name,
            limit: hits[i].limit,
            ttlMs: hits[i].ttl,
            record: records[i],
        }));
        const decision = new rate_limit_decision_1.RateLimitDecision(counted);
        if (decision.refused)
            throw decision.error(this.config.headers);
        if (this.config.headers)
            void reply.headers(decision.headers());
    }
    /** One storage call for all the request's limits when the storage can (ours can), else one per limit. */
    count(hits) {
        const storage = this.storageService;
        if (storage.incrementAll)
            return storage.incrementAll(hits);
        return Promise.all(hits.map((h) => storage.increment(h.key, h.ttl, h.limit, h.ttl, h.key)));
    }
    subject(scope, client, req, route) {
        if (scope === 'token')
            return `${route}:${client}`;
        if (scope === 'login_user')
            return `${client}:${usernameDigest(req.body)}`;
        return client;
    }
};
exports.RateLimitGuard = RateLimitGuard;
exports.RateLimitGuard = RateLimitGuard = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)((0, throttler_1.getOptionsToken)())),
    __param(1, (0, common_1.Inject)((0, throttler_1.getStorageToken)())),
    __metadata("design:paramtypes", [Object, Object, core_1.Reflector,
        throttle_config_1.ThrottleConfig])
], RateLimitGuard);
/** The username as login reads it (trimmed, case kept), hashed so keys stay short and hold no PII. */
function usernameDigest(body) {
    const raw = body !== null && typeof body === 'object' ? body.username : undefined;
    const name = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
    return (0, node_crypto_1.createHash)('sha256').update(name).digest('base64url').slice(0, 22);
}
//# sourceMappingURL=rate-limit.guard.js.map