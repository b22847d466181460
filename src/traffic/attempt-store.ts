import { createHash } from 'node:crypto';
import { BruteForceConfig } from '../config/brute-force.config';

/**
 * Failure streaks of failed password checks. A key is one account as seen by unknown clients
 * (`<account>`) or by one known device (`<account>:<device id>`); each streak has its own backoff.
 */
export abstract class AttemptStore {
  /**
   * A password check starts: refused (true) while the streak's window is open; otherwise counted as a
   * failure at once, in the same atomic step, so that checks already in flight cannot all slip past the
   * free failures (a success then forgets the streak). False: go ahead.
   */
  abstract begin(key: string, now: number): Promise<boolean>;
  /** A success forgets the streak. */
  abstract reset(key: string): Promise<void>;
}

/** A streak is forgotten a day after its last failure. */
export const STREAK_TTL_MS = 24 * 3_600_000;

/** The refusal window after the `fails`-th consecutive failure: 0 before the free ones are used up. */
export function backoffMs(fails: number, c: BruteForceConfig): number {
  if (fails < c.freeFailures) return 0;
  return Math.min(c.baseDelayMs * 2 ** Math.min(fails - c.freeFailures, 30), c.maxDelayMs);
}

/** The account as the stores and device tokens see it: a digest, so keys hold no username. */
export function accountKey(username: string): string {
  return createHash('sha256').update(username).digest('base64url').slice(0, 22);
}
