/**
 * Failed-login defence (BRUTE_FORCE_*, DEVICE_TOKEN_*): per-account backoff for unknown clients, an
 * allowance of its own for each device the owner logged in from before (a signed device token).
 */
export class BruteForceConfig {
  enabled: boolean;
  /** Consecutive failures (per account for unknown clients, per device for known ones) before backoff. */
  freeFailures: number;
  /** First refusal window, doubled at each further failure, capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a device token stays valid after the login that issued it. */
  deviceLifetimeMs: number;
  /** DEVICE_TOKEN_SECRET; undefined: the HMAC key is derived from the JWT signing key. */
  deviceSecret: string | undefined;
}
