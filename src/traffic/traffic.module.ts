import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { Clock } from '../common/clock';
import { ThrottleConfig } from '../config/throttle.config';
import { BastionMetrics } from '../metrics/bastion-metrics';
import { RedisConnection } from '../redis/redis-connection';
import { RedisFallback } from '../redis/redis-fallback';
import { IpPolicy } from './ip-policy';
import { IpPolicyGuard } from './ip-policy.guard';
import { MemoryThrottlerStorage } from './memory-throttler.storage';
import { RateLimitGuard, throttlerOptions } from './rate-limit.guard';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/**
 * Traffic protection: @nestjs/throttler with named limits from ThrottleConfig (counters in Redis when
 * REDIS_URL is set, in memory without it or while Redis is down) and IP rules; the failed-login
 * defence is LoginAttemptsModule.
 * The guards become APP_GUARDs in AppModule (IP rules, then throttling, then the JWT guard).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ThrottleConfig, RedisConnection, RedisFallback, BastionMetrics, Clock],
      useFactory: (
        config: ThrottleConfig,
        redis: RedisConnection,
        fallback: RedisFallback,
        metrics: BastionMetrics,
        clock: Clock,
      ) => throttlerOptions(config, throttlerStorage(config, redis, fallback, metrics, clock)),
    }),
  ],
  providers: [IpPolicy, IpPolicyGuard, RateLimitGuard],
  exports: [IpPolicy, IpPolicyGuard, RateLimitGuard],
})
export class TrafficModule {}

/**
 * Counters in Redis when REDIS_URL is set, falling back to memory while it is away (/metrics samples
 * whether anything counts in memory for that reason), else in memory.
 */
function throttlerStorage(
  config: ThrottleConfig,
  redis: RedisConnection,
  fallback: RedisFallback,
  metrics: BastionMetrics,
  clock: Clock,
) {
  // windows in memory run on the injected clock (tests move it instead of sleeping through a window)
  const now = (): number => clock.now();
  if (!redis.client) return new MemoryThrottlerStorage(now);
  metrics.sample('throttle_fallback_active', () => (fallback.active().length > 0 ? 1 : 0));
  return new RedisThrottlerStorage(redis.client, config.failOpen, fallback, new MemoryThrottlerStorage(now));
}
