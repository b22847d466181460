import { Global, Module } from '@nestjs/common';
import { RedisConnection } from './redis-connection';

/** One Redis connection for the app (null client without REDIS_URL). */
@Global()
@Module({ providers: [RedisConnection], exports: [RedisConnection] })
export class RedisModule {}
