import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { Clock } from '../common/clock';
import { Errors } from '../common/errors';
import { BruteForceConfig } from '../config/brute-force.config';
import { ThrottleConfig } from '../config/throttle.config';
import { RedisConnection } from '../redis/redis-connection';
import { AttemptStore } from './attempt-store';
import { MemoryAttemptStore } from './memory-attempt.store';
import { RedisAttemptStore } from './redis-attempt.store';

/**
 * Brute-force defence on login, beyond the throttler. Failures are counted per account + client IP
 * (after BruteForceConfig.freeFailures consecutive ones that IP is refused for 1 s, doubling to 15 min;
 * a success resets it) and per account (at most accountHourlyCap an hour from all IPs). A refusal is
 * answered by the caller exactly as a wrong password, and unknown usernames are counted the same way.
 * Redis (when set) shares the counts between instances; an outage follows THROTTLE_FAIL_OPEN.
 */
@Injectable()
export class LoginAttemptsService implements OnModuleInit {
  private readonly log = new Logger('BruteForce');
  private readonly store: AttemptStore;
  private outage = false;

  constructor(
    private readonly config: BruteForceConfig,
    private readonly throttle: ThrottleConfig,
    private readonly clock: Clock,
    redis: RedisConnection,
  ) {
    this.store = redis.client ? new RedisAttemptStore(redis.client, config) : new MemoryAttemptStore(config);
  }

  onModuleInit(): void {
    if (!this.config.enabled) this.log.warn('BRUTE_FORCE_ENABLED=false: failed logins are not counted');
  }

  /** True when this login must be refused without looking at the password's verdict. */
  async isRefused(username: string, ip: string): Promise<boolean> {
    if (!this.config.enabled) return false;
    return this.guarded(
      () => this.store.isRefused(accountKey(username), normalizeIp(ip), this.clock.now()),
      false,
    );
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    if (!this.config.enabled) return;
    await this.guarded(
      () => this.store.recordFailure(accountKey(username), normalizeIp(ip), this.clock.now()),
      undefined,
    );
  }

  async recordSuccess(username: string, ip: string): Promise<void> {
    if (!this.config.enabled) return;
    await this.guarded(() => this.store.recordSuccess(accountKey(username), normalizeIp(ip)), undefined);
  }

  private async guarded<T>(op: () => Promise<T>, whenOpen: T): Promise<T> {
    try {
      const result = await op();
      if (this.outage) this.log.log('Redis is back: failed logins are counted again');
      this.outage = false;
      return result;
    } catch (e) {
      if (!this.outage) this.log.error(`Redis unavailable for failed-login counts: ${(e as Error).message}`);
      this.outage = true;
      if (!this.throttle.failOpen) throw Errors.serviceUnavailable();
      return whenOpen;
    }
  }
}

function accountKey(username: string): string {
  return createHash('sha256').update(username).digest('base64url').slice(0, 22);
}
