/** Load shedding (OVERLOAD_*): past these, requests get a cheap 503 before any work is done. */
export class OverloadConfig {
  /** Mean event-loop delay (ms) above which requests are shed; 0 turns shedding off. */
  maxEventLoopDelayMs: number;
  /** Retry-After (seconds) of a shed request. */
  retryAfterSeconds: number;
}
