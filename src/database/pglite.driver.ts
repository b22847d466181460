import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { defaults, types } from 'pg';
import { PglitePool } from './pglite-pool';
import { PgliteSessionQueue } from './pglite-session-queue';

/** The members of the `pg` module that TypeORM's PostgresDriver uses when given `{ driver: ... }`. */
interface PgModuleLike {
  Pool: new (options?: { connectionTimeoutMillis?: number }) => PglitePool;
  defaults: typeof defaults;
  types: typeof types;
}

/**
 * Embedded PostgreSQL (PGlite, in process) behind TypeORM's ordinary postgres driver:
 * `new DataSource({ type: 'postgres', driver: embedded.pg, ... })`.
 *
 * PGlite has a single backend session. Each pool.connect() (each TypeORM query runner) gets it exclusively
 * until release, and everyone else waits in a FIFO queue (see PgliteSessionQueue), so transactions behave as
 * they do on a real server with serialized clients: no lost updates, no rollback of somebody else's rows.
 *
 * The pgcrypto extension is loaded so migrations written for PostgreSQL (`CREATE EXTENSION pgcrypto`) run
 * unchanged; uuid-ossp does not exist in PGlite (gen_random_uuid() is built in).
 * One process per data directory: take a DataDirLock before opening one.
 */
export class PgliteDriver {
  /** The pg-module look-alike to pass as TypeORM's `driver` option. `defaults`/`types` are pg's own. */
  readonly pg: PgModuleLike;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly pglite: PGlite,
    private readonly sessions: PgliteSessionQueue,
    private readonly location: string,
  ) {
    this.pg = { Pool: PglitePool.boundTo(sessions), defaults, types };
    // A failed start surfaces through ready() and every query, not as an unhandled rejection.
    void pglite.waitReady.catch(() => undefined);
  }

  /** Opens PGlite on `dataDir` (created by initdb when empty), or in memory when `dataDir` is undefined. */
  static open(dataDir: string | undefined): PgliteDriver {
    const pglite = new PGlite({ dataDir, extensions: { pgcrypto } });
    return new PgliteDriver(pglite, new PgliteSessionQueue(pglite), dataDir ?? 'memory');
  }

  /** Resolves once the database has started (initdb included on a new directory); rejects if it cannot. */
  async ready(): Promise<void> {
    try {
      await this.sessions.ready();
    } catch (err) {
      throw new Error(`Embedded PostgreSQL (PGlite) could not start in ${this.location}: ${describe(err)}`, {
        cause: err,
      });
    }
  }

  /**
   * Lets the query in flight finish, refuses further ones, and shuts PGlite down cleanly, leaving the data
   * directory consistent on disk. Destroy the DataSources on this driver first. Safe to call twice.
   */
  close(): Promise<void> {
    this.closing ??= this.sessions.close().then(() =>
      this.pglite.waitReady.then(
        () => this.pglite.close(),
        () => undefined, // never started: nothing to shut down
      ),
    );
    return this.closing;
  }
}

/** PGlite's start-up failures are often Emscripten errors with an errno and no message. */
function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  const { name, errno } = (err ?? {}) as { name?: string; errno?: number };
  return errno === undefined ? String(name ?? err) : `${name ?? 'error'} (errno ${errno})`;
}
