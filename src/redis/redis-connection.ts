import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { RedisConfig } from '../config/redis.config';

/**
 * The shared Redis connection when REDIS_URL is set (`client` is null otherwise). Commands fail fast
 * (REDIS_TIMEOUT) instead of queueing while Redis is down, and ioredis reconnects by itself, so callers
 * decide what an outage means (fail open or closed) and recover without a restart.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  readonly client: Redis | null;
  private readonly log = new Logger('Redis');
  private readonly extra: Redis[] = [];

  constructor(private readonly config: RedisConfig) {
    this.client = config.url ? this.connect('main') : null;
  }

  /** A separate connection (pub/sub subscribers need their own); closed with the app. */
  duplicate(name: string): Redis | null {
    if (!this.config.url) return null;
    const conn = this.connect(name);
    this.extra.push(conn);
    return conn;
  }

  async onApplicationShutdown(): Promise<void> {
    const open = [this.client, ...this.extra].filter((c): c is Redis => c !== null);
    await Promise.all(open.map((c) => c.quit().catch(() => c.disconnect())));
  }

  private connect(name: string): Redis {
    let down = false;
    const conn = new Redis(this.config.url!, {
      connectionName: `bastion-${name}`,
      commandTimeout: this.config.timeoutMs,
      connectTimeout: Math.max(this.config.timeoutMs, 1000),
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    });
    conn.on('error', (e: Error) => {
      if (!down) this.log.warn(`Redis (${name}) unavailable: ${e.message}`);
      down = true;
    });
    conn.on('ready', () => {
      if (down) this.log.log(`Redis (${name}) is back`);
      down = false;
    });
    return conn;
  }
}
