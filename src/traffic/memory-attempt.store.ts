import { BruteForceConfig } from '../config/brute-force.config';
import { AttemptStore, backoffMs, HOUR_MS, STREAK_TTL_MS } from './attempt-store';

interface Streak {
  fails: number;
  lockedUntil: number;
  lastAt: number;
}

const MAX_ENTRIES = 100_000;

/** In-process failed-login counters (no REDIS_URL); bounded like the throttler's memory storage. */
export class MemoryAttemptStore extends AttemptStore {
  private readonly streaks = new Map<string, Streak>();
  /** Failure times per account within the last hour, at most cap + 1 of them. */
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly config: BruteForceConfig) {
    super();
  }

  isRefused(account: string, client: string, now: number): Promise<boolean> {
    const streak = this.streaks.get(`${account}|${client}`);
    if (streak && streak.lockedUntil > now) return Promise.resolve(true);
    return Promise.resolve(this.recentFailures(account, now).length >= this.config.accountHourlyCap);
  }

  recordFailure(account: string, client: string, now: number): Promise<void> {
    const key = `${account}|${client}`;
    const old = this.streaks.get(key);
    const fails = old && old.lastAt > now - STREAK_TTL_MS ? old.fails + 1 : 1;
    this.streaks.delete(key);
    this.streaks.set(key, { fails, lockedUntil: now + backoffMs(fails, this.config), lastAt: now });
    const times = this.recentFailures(account, now);
    times.push(now);
    if (times.length > this.config.accountHourlyCap + 1) times.shift();
    this.failures.delete(account);
    this.failures.set(account, times);
    this.bound(now);
    return Promise.resolve();
  }

  recordSuccess(account: string, client: string): Promise<void> {
    this.streaks.delete(`${account}|${client}`);
    return Promise.resolve();
  }

  private recentFailures(account: string, now: number): number[] {
    const times = this.failures.get(account) ?? [];
    while (times.length > 0 && times[0] <= now - HOUR_MS) times.shift();
    return times;
  }

  /** Drops stale entries, then the oldest ones past MAX_ENTRIES (Maps keep insertion order). */
  private bound(now: number): void {
    for (const map of [this.streaks, this.failures] as Map<string, unknown>[]) {
      if (map.size <= MAX_ENTRIES) continue;
      for (const [key, v] of map) {
        const stale = Array.isArray(v)
          ? (v.at(-1) ?? 0) <= now - HOUR_MS
          : (v as Streak).lastAt <= now - STREAK_TTL_MS;
        if (stale || map.size > MAX_ENTRIES) map.delete(key);
        if (map.size <= MAX_ENTRIES * 0.9) break;
      }
    }
  }
}
