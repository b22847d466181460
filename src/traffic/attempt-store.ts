import { BruteForceConfig } from '../config/brute-force.config';

/** Failed-login bookkeeping; `account` and `client` are opaque keys (digest, normalised IP). */
export abstract class AttemptStore {
  /** True while the client is backed off for this account, or the account is at its hourly cap. */
  abstract isRefused(account: string, client: string, now: number): Promise<boolean>;
  abstract recordFailure(account: string, client: string, now: number): Promise<void>;
  /** A success forgets the client's consecutive failures for the account. */
  abstract recordSuccess(account: string, client: string): Promise<void>;
}

export const HOUR_MS = 3_600_000;
/** A client's consecutive-failure count is forgotten a day after its last failure. */
export const STREAK_TTL_MS = 24 * HOUR_MS;

/** The refusal window after the `fails`-th consecutive failure: 0 before the free ones are used up. */
export function backoffMs(fails: number, c: BruteForceConfig): number {
  if (fails < c.freeFailures) return 0;
  return Math.min(c.baseDelayMs * 2 ** Math.min(fails - c.freeFailures, 30), c.maxDelayMs);
}
