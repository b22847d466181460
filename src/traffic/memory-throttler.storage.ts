import { OnModuleDestroy } from '@nestjs/common';
import { BatchThrottlerStorage, Hit, HitRecord } from './hit-record';

interface Window {
  hits: number;
  expiresAt: number;
}

/** Default bound: ~150 bytes a key, so the counters stay under ~50 MB whatever the traffic. */
export const DEFAULT_MAX_KEYS = 300_000;
const SWEEP_EVERY_MS = 10_000;

/**
 * Fixed-window counters in this process. Memory is bounded twice: expired windows are swept every 10 s,
 * and past `maxKeys` the oldest windows are dropped first (a Map keeps insertion order, and a key is
 * re-inserted when its window restarts), so a flood of distinct clients cannot grow the heap.
 */
export class MemoryThrottlerStorage implements BatchThrottlerStorage, OnModuleDestroy {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {
    this.sweeper = setInterval(() => this.sweep(), SWEEP_EVERY_MS).unref();
  }

  get size(): number {
    return this.windows.size;
  }

  increment(key: string, ttl: number, limit: number): Promise<HitRecord> {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || w.expiresAt <= now) {
      if (w) this.windows.delete(key);
      w = { hits: 0, expiresAt: now + ttl };
      this.windows.set(key, w);
      if (this.windows.size > this.maxKeys) this.evictOldest();
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

  incrementAll(hits: Hit[]): Promise<HitRecord[]> {
    return Promise.all(hits.map((h) => this.increment(h.key, h.ttl, h.limit)));
  }

  /** Drops every expired window; called by the timer, public for tests. */
  sweep(): void {
    const now = this.now();
    for (const [key, w] of this.windows) if (w.expiresAt <= now) this.windows.delete(key);
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private evictOldest(): void {
    const excess = this.windows.size - this.maxKeys;
    let n = 0;
    for (const key of this.windows.keys()) {
      if (n++ >= excess) break;
      this.windows.delete(key);
    }
  }
}
