import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottleConfig } from '../config/throttle.config';
import { BastionMetrics } from '../metrics/bastion-metrics';
import { RedisConnection } from '../redis/redis-connection';
import { IpPolicy } from './ip-policy';
import { IpPolicyGuard } from './ip-policy.guard';
import { LoginAttemptsService } from './login-attempts.service';
import { MemoryThrottlerStorage } from './memory-throttler.storage';
import { RateLimitGuard, throttlerOptions } from './rate-limit.guard';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/**
 * Traffic protection: @nestjs/throttler with named limits from ThrottleConfig (counters in Redis when
 * REDIS_URL is set, else in memory), IP rules, and the failed-login defence used by AuthModule.
 * The guards become APP_GUARDs in AppModule (IP rules, then throttling, then the JWT guard).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ThrottleConfig, RedisConnection, BastionMetrics],
      useFactory: (config: ThrottleConfig, redis: RedisConnection, metrics: BastionMetrics) =>
        throttlerOptions(config, throttlerStorage(config, redis, metrics)),
    }),
  ],
  providers: [IpPolicy, IpPolicyGuard, RateLimitGuard, LoginAttemptsService],
  exports: [IpPolicy, IpPolicyGuard, RateLimitGuard, LoginAttemptsService],
})
export class TrafficModule {}

/** Counters in Redis when REDIS_URL is set (its outage state sampled by /metrics), else in memory. */
function throttlerStorage(config: ThrottleConfig, redis: RedisConnection, metrics: BastionMetrics) {
  if (!redis.client) return new MemoryThrottlerStorage();
  const storage = new RedisThrottlerStorage(redis.client, config.failOpen);
  metrics.sample('throttle_fallback_active', () => (storage.inOutage ? 1 : 0));
  return storage;
}
