import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { Errors } from '../common/errors';
import { BruteForceConfig } from '../config/brute-force.config';
import { ThrottleConfig } from '../config/throttle.config';
import { RedisConnection } from '../redis/redis-connection';
import { RedisFallback } from '../redis/redis-fallback';
import { accountKey, AttemptStore } from './attempt-store';
import { DeviceChannel } from './device-channel';
import { DeviceTokens } from './device-tokens';
import { MemoryAttemptStore } from './memory-attempt.store';
import { RedisAttemptStore } from './redis-attempt.store';

/** One password check under way: whose streak it counts against, and whether it is refused. */
export interface PasswordAttempt {
  username: string;
  /** `<account>` for unknown clients, `<account>:<device id>` for a device the owner logged in from. */
  streak: string;
  deviceId: string | undefined;
  refused: boolean;
}

/** After a failed Redis command, Redis is not asked again for this long. */
const RETRY_AFTER_FAILURE_MS = 500;

/**
 * Brute-force defence on password checks (login and password change), beyond the throttler, without
 * victim lockout. Unknown clients share one failure streak per account: after freeFailures they are
 * refused for baseDelay, doubling up to maxDelay (a success from an unknown client resets it). A
 * client holding a valid device token for the account (given at its last successful login) has a
 * streak of its own, so guessing from any number of addresses never locks the owner's devices out.
 * A refusal is answered by the caller exactly as a wrong password. Counts live in Redis when set; when
 * Redis is down or slow they fall back to this process's memory (THROTTLE_FAIL_OPEN=false: 503).
 */
@Injectable()
export class LoginAttemptsService implements OnModuleInit {
  private readonly log = new Logger('BruteForce');
  private readonly memory: MemoryAttemptStore;
  private readonly redis: RedisAttemptStore | null;
  private skipUntil = 0;

  constructor(
    private readonly config: BruteForceConfig,
    private readonly throttle: ThrottleConfig,
    private readonly clock: Clock,
    private readonly devices: DeviceTokens,
    private readonly fallback: RedisFallback,
    redis: RedisConnection,
  ) {
    this.memory = new MemoryAttemptStore(config);
    this.redis = redis.client ? new RedisAttemptStore(redis.client, config) : null;
  }

  onModuleInit(): void {
    if (!this.config.enabled) this.log.warn('BRUTE_FORCE_ENABLED=false: failed logins are not counted');
  }

  /**
   * Starts a password check for `username` from the client behind `device`: refused while its streak is
   * backed off; otherwise already counted as a failure, which `succeeded` forgets.
   */
  async begin(username: string, device: DeviceChannel): Promise<PasswordAttempt> {
    const deviceId = this.devices.verify(username, device.presented(this.devices.cookieName(username)));
    const account = accountKey(username);
    const streak = deviceId === undefined ? account : `${account}:${deviceId}`;
    const now = this.clock.now();
    // Counted as a failure as it starts (AttemptStore.begin): checks in flight cannot slip past the limit.
    const refused = this.config.enabled && (await this.counted((s) => s.begin(streak, now)));
    return { username, streak, deviceId, refused };
  }

  /** Forgets the attempt's streak and, for a login, hands the client its (renewed) device token. */
  async succeeded(a: PasswordAttempt, device?: DeviceChannel): Promise<void> {
    if (!this.config.enabled) return;
    await this.counted((s) => s.reset(a.streak));
    device?.issue(
      this.devices.cookieName(a.username),
      this.devices.issue(a.username, a.deviceId),
      Math.floor(this.config.deviceLifetimeMs / 1000),
    );
  }

  /** Runs `op` on Redis, or on this process's memory while Redis is unset, down or slow. */
  private async counted<T>(op: (store: AttemptStore) => Promise<T>): Promise<T> {
    if (!this.redis) return op(this.memory);
    let reason = 'down';
    if (this.clock.now() >= this.skipUntil) {
      try {
        const result = await op(this.redis);
        this.fallback.leave('failed logins');
        return result;
      } catch (e) {
        this.skipUntil = this.clock.now() + RETRY_AFTER_FAILURE_MS;
        reason = (e as Error).message;
      }
    }
    this.fallback.enter('failed logins', reason, !this.throttle.failOpen);
    if (!this.throttle.failOpen) throw Errors.serviceUnavailable();
    return op(this.memory);
  }
}
