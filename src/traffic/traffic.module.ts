import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottleConfig } from '../config/throttle.config';
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
      inject: [ThrottleConfig, RedisConnection, RedisFallback],
      useFactory: (config: ThrottleConfig, redis: RedisConnection, fallback: RedisFallback) =>
        throttlerOptions(
          config,
          redis.client
            ? new RedisThrottlerStorage(redis.client, config.failOpen, fallback, new MemoryThrottlerStorage())
            : new MemoryThrottlerStorage(),
        ),
    }),
  ],
  providers: [IpPolicy, IpPolicyGuard, RateLimitGuard],
  exports: [IpPolicy, IpPolicyGuard, RateLimitGuard],
})
export class TrafficModule {}
