import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DatabaseConfig } from '../config/database.config';
import { BastionMetrics } from '../metrics/bastion-metrics';
import { RedisConnection } from '../redis/redis-connection';

/**
 * What changed: sessions revoked, a user changed (active flag, deletion, password, cutoff), the
 * permissions of one user (`userId`) or of many (a group changed: no `userId`), an API key revoked
 * (`prefix`), or `resync` (a
 * subscription was re-established; messages may have been missed: drop every cache entry).
 */
export type RevocationMessage =
  | { kind: 'sessions'; sids: string[] }
  | { kind: 'user'; userId: number }
  | { kind: 'permissions'; userId?: number }
  | { kind: 'apiKey'; prefix: string }
  | { kind: 'resync' };

const CHANNEL = 'bastion_revocations';
const PG_RECONNECT_MS = 1000;
/** A fresh process (the CLI) publishes right after start: wait this long for the connection. */
const READY_WAIT_MS = 2000;

function whenReady(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    client.once('ready', done);
  });
}

/**
 * Tells every instance (and this one, at once) about revocations: Redis pub/sub when REDIS_URL is set,
 * else PostgreSQL LISTEN/NOTIFY, else (embedded database: one process) in-process only. A lost
 * broadcast is bounded by the caches' short TTLs; the database always holds the truth.
 */
@Injectable()
export class RevocationBus implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('RevocationBus');
  private readonly handlers: ((m: RevocationMessage) => void)[] = [];
  private listener: Client | null = null;
  private closed = false;

  constructor(
    private readonly redis: RedisConnection,
    private readonly db: DatabaseConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: BastionMetrics,
  ) {}

  get transport(): 'redis' | 'postgres' | 'local' {
    return this.redis.client ? 'redis' : this.db.url ? 'postgres' : 'local';
  }

  onMessage(handler: (m: RevocationMessage) => void): void {
    this.handlers.push(handler);
  }

  /** Applies the change here, then broadcasts it; a failed broadcast is logged, never thrown. */
  async publish(m: RevocationMessage): Promise<void> {
    this.deliver(m);
    const payload = JSON.stringify({ ...m, at: Date.now() }); // `at`: publish time, for the bus lag
    try {
      if (this.redis.client) {
        await whenReady(this.redis.client, READY_WAIT_MS);
        await this.redis.client.publish(CHANNEL, payload);
      } else if (this.db.url) await this.dataSource.query(`SELECT pg_notify($1, $2)`, [CHANNEL, payload]);
    } catch (e) {
      this.log.warn(`revocation broadcast failed (${this.transport}): ${(e as Error).message}`);
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.redis.client) await this.subscribeRedis();
    else if (this.db.url) await this.listenPostgres();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
  }

  private deliver(m: RevocationMessage): void {
    for (const h of this.handlers) h(m);
  }

  private receive(payload: string): void {
    try {
      const m = JSON.parse(payload) as RevocationMessage & { at?: unknown };
      this.metrics.broadcastReceived(m.at);
      if (m.kind === 'sessions' && Array.isArray(m.sids))
        this.deliver({ kind: 'sessions', sids: m.sids.map(String) });
      else if (m.kind === 'user' && Number.isInteger(m.userId))
        this.deliver({ kind: 'user', userId: m.userId });
      else if (m.kind === 'apiKey' && typeof m.prefix === 'string')
        this.deliver({ kind: 'apiKey', prefix: m.prefix });
      else if (m.kind === 'permissions')
        this.deliver(
          Number.isInteger(m.userId) ? { kind: 'permissions', userId: m.userId } : { kind: 'permissions' },
        );
    } catch {
      this.log.warn('ignored a malformed revocation message');
    }
  }

  private async subscribeRedis(): Promise<void> {
    const sub = this.redis.duplicate('revocations');
    if (!sub) return;
    sub.on('message', (_channel: string, payload: string) => this.receive(payload));
    let subscribed: Promise<void> | undefined;
    let wasReady = false;
    const attach = (): Promise<void> =>
      (subscribed ??= sub.subscribe(CHANNEL).then(
        () => undefined,
        (e: Error) => {
          subscribed = undefined;
          this.log.warn(`cannot subscribe to revocations yet: ${e.message}`);
        },
      ));
    sub.on('ready', () => {
      // ioredis re-subscribes by itself after a reconnect; what was published meanwhile is lost.
      if (wasReady) this.deliver({ kind: 'resync' });
      wasReady = true;
      void attach();
    });
    await whenReady(sub, READY_WAIT_MS);
    if (sub.status === 'ready') await attach();
  }

  private async listenPostgres(resync = false): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: this.db.url, application_name: 'bastion-revocations' });
    let gone = false;
    const lost = (why: string): void => {
      if (gone) return;
      gone = true;
      if (this.listener === client) this.listener = null;
      client.end().catch(() => undefined);
      if (this.closed) return;
      this.log.warn(`revocation listener lost (${why}); reconnecting`);
      setTimeout(() => void this.listenPostgres(true), PG_RECONNECT_MS).unref();
    };
    client.on('notification', (n) => {
      if (n.channel === CHANNEL && n.payload) this.receive(n.payload);
    });
    client.on('error', (e: Error) => lost(e.message));
    client.on('end', () => lost('connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.listener = client;
      if (resync) this.deliver({ kind: 'resync' });
    } catch (e) {
      lost((e as Error).message);
    }
  }
}
