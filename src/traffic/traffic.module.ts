import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottleConfig } from '../config/throttle.config';
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
      inject: [ThrottleConfig, RedisConnection],
      useFactory: (config: ThrottleConfig, redis: RedisConnection) =>
        throttlerOptions(
          config,
          redis.client
            ? new RedisThrottlerStorage(redis.client, config.failOpen)
            : new MemoryThrottlerStorage(),
        ),
    }),
  ],
  providers: [IpPolicy, IpPolicyGuard, RateLimitGuard, LoginAttemptsService],
  exports: [IpPolicy, IpPolicyGuard, RateLimitGuard, LoginAttemptsService],
})
export class TrafficModule {}
