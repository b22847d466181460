"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RateLimitDecision = void 0;
const domain_error_1 = require("../common/domain-error");
/**
 * The response headers for the limits a request was counted against: every policy in RateLimit-Policy
 * (IETF draft), the most restrictive one in RateLimit and X-RateLimit-* (least remaining; when
 * refused, the one that clears last), and on refusal a 429 with DRF's wording and a plain Retry-After.
 */
class RateLimitDecision {
    counted;
    constructor(counted) {
        this.counted = counted;
    }
    get degraded() {
        return this.counted.some((c) => c.record.degraded);
    }
    get refused() {
        return this.counted.some((c) => c.record.isBlocked);
    }
    headers() {
        if (this.counted.length === 0 || this.degraded)
            return {};
        const worst = this.mostRestrictive();
        const remaining = Math.max(0, worst.limit - worst.record.totalHits);
        const reset = String(worst.record.timeToExpire);
        return {
            'RateLimit-Policy': this.counted.map((c) => `"${c.name}";q=${c.limit};w=${c.ttlMs / 1000}`).join(', '),
            RateLimit: `"${worst.name}";r=${remaining};t=${reset}`,
            'X-RateLimit-Limit': String(worst.limit),
            'X-RateLimit-Remaining': String(remaining),
            'X-RateLimit-Reset': reset,
        };
    }
    /** The 429 to throw; `withHeaders` adds the RateLimit headers (THROTTLE_HEADERS). */
    error(withHeaders) {
        const wait = Math.max(1, ...this.counted.filter((c) => c.record.isBlocked).map((c) => c.record.timeToBlockExpire));
        const unit = wait === 1 ? 'second' : 'seconds';
        const headers = { ...(withHeaders ? this.headers() : {}), 'Retry-After': String(wait) };
        return domain_error_1.DomainError.coded('throttled', `Request was throttled. Expected available in ${wait} ${unit}.`, headers);
    }
    mostRestrictive() {
        const blocked = this.counted.filter((c) => c.record.isBlocked);
        if (blocked.length > 0)
            return blocked.reduce((a, b) => (b.record.timeToBlockExpire > a.record.timeToBlockExpire ? b : a));
        const left = (c) => c.limit - c.record.totalHits;
        return this.counted.reduce((a, b) => left(b) < left(a) || (left(b) === left(a) && b.record.timeToExpire > a.record.timeToExpire) ? b : a);
    }
}
exports.RateLimitDecision = RateLimitDecision;
//# sourceMappingURL=rate-limit-decision.js.map