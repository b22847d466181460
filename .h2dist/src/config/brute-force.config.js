"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BruteForceConfig = void 0;
/** Failed-login defence (BRUTE_FORCE_ENABLED); the numbers are the issue's, fixed in code. */
class BruteForceConfig {
    enabled;
    /** Consecutive failures for one account from one IP before the backoff starts. */
    freeFailures;
    /** First refusal window, doubled at each further failure, capped at maxDelayMs. */
    baseDelayMs;
    maxDelayMs;
    /** Failed attempts one account accepts per hour from all IPs together. */
    accountHourlyCap;
}
exports.BruteForceConfig = BruteForceConfig;
//# sourceMappingURL=brute-force.config.js.map