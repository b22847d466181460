import { EventEmitter } from 'node:events';
import type { QueryResult } from 'pg';
import type { PgliteSession } from './pglite-session';
import type { PgliteSessionQueue } from './pglite-session-queue';

type QueryCallback = (err: Error | null, result?: QueryResult) => void;
type ConnectCallback = (
  err: Error | undefined,
  client?: PgliteSession,
  release?: (err?: unknown) => void,
) => void;

/**
 * The one pg pool option honoured here. The per-client ones TypeORM passes along (statement_timeout,
 * query_timeout, idle_in_transaction_session_timeout, ...) do not apply: PGlite runs each statement
 * synchronously in this process, and a server-side timeout would end the only backend there is.
 */
interface PglitePoolOptions {
  connectionTimeoutMillis?: number;
}

/**
 * What TypeORM's PostgresDriver creates with `new driver.Pool(options)`: pg-pool's surface (`connect`,
 * `query`, `end`, 'error' events) over the one shared PGlite session. Every pool of a driver shares its queue,
 * so a second DataSource on the same driver waits its turn too. `connectionTimeoutMillis` bounds the wait.
 */
export class PglitePool extends EventEmitter {
  private readonly timeoutMs: number;
  private readonly outstanding = new Set<Promise<void>>();
  private ended = false;

  constructor(
    private readonly sessions: PgliteSessionQueue,
    options: PglitePoolOptions = {},
  ) {
    super();
    this.timeoutMs = options.connectionTimeoutMillis ?? 0;
  }

  /** A pool class bound to `sessions`, constructible the way TypeORM does it: `new Pool(options)`. */
  static boundTo(sessions: PgliteSessionQueue): new (options?: PglitePoolOptions) => PglitePool {
    return class extends PglitePool {
      constructor(options?: PglitePoolOptions) {
        super(sessions, options);
      }
    };
  }

  /** pg-pool's counters, for /metrics: the one session, idle unless lent, and who waits for it. */
  readonly totalCount = 1;

  get idleCount(): number {
    return this.sessions.lent ? 0 : 1;
  }

  get waitingCount(): number {
    return this.sessions.waitingCount;
  }

  /** pg-pool's `connect()`: the session, exclusively, until `client.release()` (or the callback's release). */
  connect(): Promise<PgliteSession>;
  connect(callback: ConnectCallback): void;
  connect(callback?: ConnectCallback): Promise<PgliteSession> | void {
    const leased = this.lease();
    if (!callback) return leased;
    void leased.then(
      (session) => callback(undefined, session, session.release),
      (err: Error) => callback(err),
    );
  }

  /** A one-off query without a dedicated client (pg-pool's `pool.query`): it queues like everyone else. */
  query(text: string, values?: unknown[]): Promise<QueryResult>;
  query(text: string, values: unknown[] | undefined, callback: QueryCallback): void;
  query(text: string, values?: unknown[], callback?: QueryCallback): Promise<QueryResult> | void {
    const result = this.queryAlone(text, values);
    if (!callback) return result;
    void result.then(
      (rows) => callback(null, rows),
      (err: Error) => callback(err),
    );
  }

  /** Stops lending; resolves once every session this pool lent is back. The database itself stays open. */
  async end(callback?: (err?: Error) => void): Promise<void> {
    this.ended = true;
    await Promise.all(this.outstanding);
    callback?.();
  }

  private async queryAlone(text: string, values: unknown[] | undefined): Promise<QueryResult> {
    const session = await this.lease();
    try {
      return (await session.query(text, values)) as QueryResult;
    } finally {
      session.release();
    }
  }

  private async lease(): Promise<PgliteSession> {
    if (this.ended) throw new Error('Cannot use a pool after calling end on the pool');
    const session = await this.sessions.acquire(this.timeoutMs);
    const back = session.whenReleased.then(() => void this.outstanding.delete(back));
    this.outstanding.add(back);
    return session;
  }
}
