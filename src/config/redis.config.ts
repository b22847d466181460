/** Redis, shared by the instances when set: throttling counters and revocation broadcasts. */
export class RedisConfig {
  url: string | undefined;
  /** Milliseconds any Redis command may take before the caller gives up (REDIS_TIMEOUT). */
  timeoutMs: number;
}
