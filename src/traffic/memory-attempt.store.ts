import { BruteForceConfig } from '../config/brute-force.config';
import { AttemptStore, backoffMs, STREAK_TTL_MS } from './attempt-store';

interface Streak {
  fails: number;
  lockedUntil: number;
  lastAt: number;
}

const MAX_ENTRIES = 100_000;

/** Failure streaks in this process (no REDIS_URL, or Redis down); bounded like the throttler's memory storage. */
export class MemoryAttemptStore extends AttemptStore {
  private readonly streaks = new Map<string, Streak>();

  constructor(
    private readonly config: BruteForceConfig,
    private readonly maxEntries = MAX_ENTRIES,
  ) {
    super();
  }

  /** True while the streak's refusal window is open. */
  isLocked(key: string, now: number): Promise<boolean> {
    return Promise.resolve((this.streaks.get(key)?.lockedUntil ?? 0) > now);
  }

  /** One synchronous step: nothing can run between the check and the count. */
  begin(key: string, now: number): Promise<boolean> {
    if ((this.streaks.get(key)?.lockedUntil ?? 0) > now) return Promise.resolve(true);
    return this.recordFailure(key, now).then(() => false);
  }

  /** One more failure: past the free ones, the refusal window starts (doubling, bounded). */
  recordFailure(key: string, now: number): Promise<void> {
    const old = this.streaks.get(key);
    const fails = old && old.lastAt > now - STREAK_TTL_MS ? old.fails + 1 : 1;
    this.streaks.delete(key);
    this.streaks.set(key, { fails, lockedUntil: now + backoffMs(fails, this.config), lastAt: now });
    this.bound(now);
    return Promise.resolve();
  }

  reset(key: string): Promise<void> {
    this.streaks.delete(key);
    return Promise.resolve();
  }

  /**
   * Past `maxEntries`, down to 90%: stale and unlocked streaks go first, oldest first (a Map keeps
   * insertion order); a locked streak only when nothing else is left, so failures on made-up usernames
   * (each a fresh, unlocked streak) never evict a locked account's streak.
   */
  private bound(now: number): void {
    if (this.streaks.size <= this.maxEntries) return;
    const target = Math.floor(this.maxEntries * 0.9);
    for (const [key, streak] of this.streaks) {
      if (this.streaks.size <= target) return;
      if (streak.lastAt <= now - STREAK_TTL_MS || streak.lockedUntil <= now) this.streaks.delete(key);
    }
    for (const key of this.streaks.keys()) {
      if (this.streaks.size <= target) return;
      this.streaks.delete(key);
    }
  }
}
