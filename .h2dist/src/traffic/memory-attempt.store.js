"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MemoryAttemptStore = void 0;
const attempt_store_1 = require("./attempt-store");
const MAX_ENTRIES = 100_000;
/** In-process failed-login counters (no REDIS_URL); bounded like the throttler's memory storage. */
class MemoryAttemptStore extends attempt_store_1.AttemptStore {
    config;
    streaks = new Map();
    /** Failure times per account within the last hour, at most cap + 1 of them. */
    failures = new Map();
    constructor(config) {
        super();
        this.config = config;
    }
    isRefused(account, client, now) {
        const streak = this.streaks.get(`${account}|${client}`);
        if (streak && streak.lockedUntil > now)
            return Promise.resolve(true);
        return Promise.resolve(this.recentFailures(account, now).length >= this.config.accountHourlyCap);
    }
    recordFailure(account, client, now) {
        const key = `${account}|${client}`;
        const old = this.streaks.get(key);
        const fails = old && old.lastAt > now - attempt_store_1.STREAK_TTL_MS ? old.fails + 1 : 1;
        this.streaks.delete(key);
        this.streaks.set(key, { fails, lockedUntil: now + (0, attempt_store_1.backoffMs)(fails, this.config), lastAt: now });
        const times = this.recentFailures(account, now);
        times.push(now);
        if (times.length > this.config.accountHourlyCap + 1)
            times.shift();
        this.failures.delete(account);
        this.failures.set(account, times);
        this.bound(now);
        return Promise.resolve();
    }
    recordSuccess(account, client) {
        this.streaks.delete(`${account}|${client}`);
        return Promise.resolve();
    }
    recentFailures(account, now) {
        const times = this.failures.get(account) ?? [];
        while (times.length > 0 && times[0] <= now - attempt_store_1.HOUR_MS)
            times.shift();
        return times;
    }
    /** Drops stale entries, then the oldest ones past MAX_ENTRIES (Maps keep insertion order). */
    bound(now) {
        for (const map of [this.streaks, this.failures]) {
            if (map.size <= MAX_ENTRIES)
                continue;
            for (const [key, v] of map) {
                const stale = Array.isArray(v)
                    ? (v.at(-1) ?? 0) <= now - attempt_store_1.HOUR_MS
                    : v.lastAt <= now - attempt_store_1.STREAK_TTL_MS;
                if (stale || map.size > MAX_ENTRIES)
                    map.delete(key);
                if (map.size <= MAX_ENTRIES * 0.9)
                    break;
            }
        }
    }
}
exports.MemoryAttemptStore = MemoryAttemptStore;
//# sourceMappingURL=memory-attempt.store.js.map