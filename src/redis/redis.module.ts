import { Global, Module } from '@nestjs/common';
import { RedisConnection } from './redis-connection';
import { RedisFallback } from './redis-fallback';

/** One Redis connection for the app (null client without REDIS_URL), and who is off it right now. */
@Global()
@Module({ providers: [RedisConnection, RedisFallback], exports: [RedisConnection, RedisFallback] })
export class RedisModule {}
