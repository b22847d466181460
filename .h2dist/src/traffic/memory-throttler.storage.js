"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MemoryThrottlerStorage = exports.DEFAULT_MAX_KEYS = void 0;
/** Default bound: ~150 bytes a key, so the counters stay under ~50 MB whatever the traffic. */
exports.DEFAULT_MAX_KEYS = 300_000;
const SWEEP_EVERY_MS = 10_000;
/**
 * Fixed-window counters in this process. Memory is bounded twice: expired windows are swept every 10 s,
 * and past `maxKeys` the oldest windows are dropped first (a Map keeps insertion order, and a key is
 * re-inserted when its window restarts), so a flood of distinct clients cannot grow the heap.
 */
class MemoryThrottlerStorage {
    now;
    maxKeys;
    windows = new Map();
    sweeper;
    constructor(now = Date.now, maxKeys = exports.DEFAULT_MAX_KEYS) {
        this.now = now;
        this.maxKeys = maxKeys;
        this.sweeper = setInterval(() => this.sweep(), SWEEP_EVERY_MS).unref();
    }
    get size() {
        return this.windows.size;
    }
    increment(key, ttl, limit) {
        const now = this.now();
        let w = this.windows.get(key);
        if (!w || w.expiresAt <= now) {
            if (w)
                this.windows.delete(key);
            w = { hits: 0, expiresAt: now + ttl };
            this.windows.set(key, w);
            if (this.windows.size > this.maxKeys)
                this.evictOldest();
        }
        w.hits += 1;
        const timeToExpire = Math.max(1, Math.ceil((w.expiresAt - now) / 1000));
        const isBlocked = w.hits > limit;
        return Promise.resolve({
            totalHits: w.hits,
            timeToExpire,
            isBlocked,
            timeToBlockExpire: isBlocked ? timeToExpire : 0,
        });
    }
    incrementAll(hits) {
        return Promise.all(hits.map((h) => this.increment(h.key, h.ttl, h.limit)));
    }
    /** Drops every expired window; called by the timer, public for tests. */
    sweep() {
        const now = this.now();
        for (const [key, w] of this.windows)
            if (w.expiresAt <= now)
                this.windows.delete(key);
    }
    onModuleDestroy() {
        clearInterval(this.sweeper);
    }
    evictOldest() {
        const excess = this.windows.size - this.maxKeys;
        let n = 0;
        for (const key of this.windows.keys()) {
            if (n++ >= excess)
                break;
            this.windows.delete(key);
        }
    }
}
exports.MemoryThrottlerStorage = MemoryThrottlerStorage;
//# sourceMappingURL=memory-throttler.storage.js.map