/** Failed-login defence (BRUTE_FORCE_ENABLED); the numbers are the issue's, fixed in code. */
export class BruteForceConfig {
  enabled: boolean;
  /** Consecutive failures for one account from one IP before the backoff starts. */
  freeFailures: number;
  /** First refusal window, doubled at each further failure, capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failed attempts one account accepts per hour from all IPs together. */
  accountHourlyCap: number;
}
