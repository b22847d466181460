import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { ThrottleConfig } from '../config/throttle.config';
import { RedisConnection } from '../redis/redis-connection';
import { RedisFallback } from '../redis/redis-fallback';

/**
 * Redis in readiness, only when it matters: with THROTTLE_FAIL_OPEN=false Redis is required (down:
 * the instance refuses with 503, so it is not ready); with the fallback active the instance is ready
 * but says which counts are per-instance right now. Without REDIS_URL: nothing to report.
 */
@Injectable()
export class RedisHealth {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly redis: RedisConnection,
    private readonly fallback: RedisFallback,
    private readonly throttle: ThrottleConfig,
  ) {}

  /** Null when readiness has nothing to say about Redis. */
  async check(): Promise<HealthIndicatorResult | null> {
    const client = this.redis.client;
    const inMemory = this.fallback.active();
    if (!client || (this.throttle.failOpen && inMemory.length === 0)) return null;
    const session = this.indicator.check('redis');
    const counting = inMemory.length === 0 ? 'redis' : `memory fallback: ${inMemory.join(', ')}`;
    try {
      await client.ping(); // bounded by REDIS_TIMEOUT; fails at once while disconnected
      return session.up({ counting });
    } catch (e) {
      const data = { message: (e as Error).message, counting };
      return this.throttle.failOpen ? session.up(data) : session.down(data);
    }
  }
}
