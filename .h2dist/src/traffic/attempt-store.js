"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STREAK_TTL_MS = exports.HOUR_MS = exports.AttemptStore = void 0;
exports.backoffMs = backoffMs;
/** Failed-login bookkeeping; `account` and `client` are opaque keys (digest, normalised IP). */
class AttemptStore {
}
exports.AttemptStore = AttemptStore;
exports.HOUR_MS = 3_600_000;
/** A client's consecutive-failure count is forgotten a day after its last failure. */
exports.STREAK_TTL_MS = 24 * exports.HOUR_MS;
/** The refusal window after the `fails`-th consecutive failure: 0 before the free ones are used up. */
function backoffMs(fails, c) {
    if (fails < c.freeFailures)
        return 0;
    return Math.min(c.baseDelayMs * 2 ** Math.min(fails - c.freeFailures, 30), c.maxDelayMs);
}
//# sourceMappingURL=attempt-store.js.map