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
    return Promise.resolve(this.countAll([{ key, ttl, limit }])[0]);
  }

  /**
   * Fair counting: the hit is counted against every limit only when none refuses it; a refused
   * request uses up nothing (a per-second refusal leaves the hourly allowance alone).
   */
  incrementAll(hits: Hit[]): Promise<HitRecord[]> {
    return Promise.resolve(this.countAll(hits));
  }

  /** Drops every expired window; called by the timer, public for tests. */
  sweep(): void {
    const now = this.now();
    for (const [key, w] of this.windows) if (w.expiresAt <= now) this.windows.delete(key);
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private countAll(hits: Hit[]): HitRecord[] {
    const now = this.now();
    const windows = hits.map((h) => this.window(h.key, h.ttl, now));
    const refused = hits.some((h, i) => windows[i].hits >= h.limit);
    return hits.map((h, i) => {
      const w = windows[i];
      if (!refused) w.hits += 1;
      return record(w.hits, w.expiresAt - now, refused && w.hits >= h.limit);
    });
  }

  /** The key's current window, a new empty one when it has none or it expired. */
  private window(key: string, ttl: number, now: number): Window {
    let w = this.windows.get(key);
    if (!w || w.expiresAt <= now) {
      if (w) this.windows.delete(key);
      w = { hits: 0, expiresAt: now + ttl };
      this.windows.set(key, w);
      if (this.windows.size > this.maxKeys) this.evictOldest();
    }
    return w;
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

/** A storage answer; `leftMs` is the time until the window resets. */
export function record(totalHits: number, leftMs: number, isBlocked: boolean): HitRecord {
  const timeToExpire = Math.max(1, Math.ceil(leftMs / 1000));
  return { totalHits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
}
