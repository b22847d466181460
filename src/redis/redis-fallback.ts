import { Injectable, Logger } from '@nestjs/common';

/** What falls back to per-instance counting while Redis is down: the throttler, the failed-login counts. */
export type FallbackUser = 'throttling' | 'failed logins';

/**
 * Which Redis users are counting in this process's memory right now (Redis down or slower than
 * REDIS_TIMEOUT). Each says so once when it falls back and once when it returns; readiness reports it.
 */
@Injectable()
export class RedisFallback {
  private readonly log = new Logger('Redis');
  private readonly since = new Map<FallbackUser, number>();

  /** Records that `user` counts in memory; logged on the first call of an outage only. */
  enter(user: FallbackUser, reason: string, failClosed: boolean): void {
    if (this.since.has(user)) return;
    this.since.set(user, Date.now());
    const what = failClosed
      ? 'refusing with 503 (THROTTLE_FAIL_OPEN=false)'
      : 'counting in this instance’s memory until it answers again';
    this.log.error(`Redis unavailable for ${user} (${reason}): ${what}`);
  }

  leave(user: FallbackUser): void {
    const started = this.since.get(user);
    if (started === undefined) return;
    this.since.delete(user);
    this.log.log(`Redis is back for ${user} after ${Date.now() - started} ms: counting in Redis again`);
  }

  /** The users currently off Redis, oldest first. */
  active(): FallbackUser[] {
    return [...this.since.keys()];
  }
}
