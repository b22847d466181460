import type { PGlite } from '@electric-sql/pglite';
import { PglitePgConnection } from '@electric-sql/pglite/node-postgres';
import { Client, type ClientConfig } from 'pg';
import { PgliteSession } from './pglite-session';

interface Waiter {
  grant(session: PgliteSession): void;
  fail(err: Error): void;
}

/**
 * PGlite is ONE Postgres backend, so it is lent to one holder at a time, first come first served. A holder
 * runs its whole transaction undisturbed; when it gives the session back, anything it left open or broken is
 * rolled back before the next waiter gets it. Without this, two TypeORM query runners share one session:
 * one runner's ROLLBACK undoes the other's rows and read-modify-write updates get lost.
 *
 * The wire protocol is spoken by a real `pg` Client over PGlite's own node-postgres connection, so rows,
 * type parsing (int8 as string, timestamptz as Date, json, arrays), `command`/`rowCount` and errors (with
 * their SQLSTATE `code`) are exactly what TypeORM gets from PostgreSQL through `pg`.
 */
export class PgliteSessionQueue {
  private client: Promise<Client> | undefined;
  /** Clients whose connection failed: replaced before the session is lent again. */
  private readonly broken = new WeakSet<Client>();
  private readonly waiters: Waiter[] = [];
  private holder: PgliteSession | undefined;
  private busy = false;
  private closed = false;

  constructor(private readonly pglite: PGlite) {}

  /** Callers waiting for the session, and whether it is lent (for the pool's pg-pool-style counts). */
  get waitingCount(): number {
    return this.waiters.length;
  }

  get lent(): boolean {
    return this.busy;
  }

  /** Waits for PGlite to start and the client to connect, so a broken data directory fails early. */
  async ready(): Promise<void> {
    await this.healthyClient();
  }

  /**
   * Resolves with the session once every earlier caller has released it. With `timeoutMs` > 0, gives up
   * after that long with pg-pool's own message, so a stuck holder turns into errors instead of a hang.
   */
  acquire(timeoutMs = 0): Promise<PgliteSession> {
    if (this.closed) return Promise.reject(closedError());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { grant: resolve, fail: reject };
      if (timeoutMs > 0) {
        const timer = setTimeout(() => this.giveUp(waiter), timeoutMs);
        waiter.grant = (session) => {
          clearTimeout(timer);
          resolve(session);
        };
      }
      this.waiters.push(waiter);
      this.lendNext();
    });
  }

  /** Refuses new callers, lets the current holder's queries finish, and disconnects from PGlite. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) {
      waiter.fail(closedError());
    }
    await this.holder?.settled();
    const client = await this.client?.catch(() => undefined);
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private giveUp(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter);
    if (index === -1) return; // already being served
    this.waiters.splice(index, 1);
    waiter.fail(new Error('timeout exceeded when trying to connect'));
  }

  private lendNext(): void {
    if (this.busy || this.closed) return;
    const waiter = this.waiters.shift();
    if (!waiter) return;
    this.busy = true;
    void this.healthyClient().then(
      (client) => {
        if (this.closed) return this.refuse(waiter, closedError());
        const session = new PgliteSession(client, (lent, err) => void this.takeBack(lent, client, err));
        this.holder = session;
        waiter.grant(session);
      },
      (err: Error) => this.refuse(waiter, err),
    );
  }

  private refuse(waiter: Waiter, err: Error): void {
    this.busy = false;
    waiter.fail(err);
    this.lendNext();
  }

  private async takeBack(session: PgliteSession, client: Client, err: unknown): Promise<void> {
    try {
      await session.settled();
      this.holder = undefined;
      if (!this.closed) await this.rollBackLeftovers(client, Boolean(err));
    } catch {
      // Nothing left to undo with: PGlite itself failed, and the next holder's first query will say so.
    } finally {
      this.busy = false;
      this.lendNext();
    }
  }

  /** A holder that crashed or left a transaction open must not pass it on (TypeORM would just COMMIT it). */
  private async rollBackLeftovers(client: Client, crashed: boolean): Promise<void> {
    const status = client.getTransactionStatus();
    const idle = status === 'I' || status === null;
    if (idle && !crashed && !this.broken.has(client)) return;
    if (!this.broken.has(client)) {
      try {
        await client.query('ROLLBACK'); // outside a transaction this is a harmless warning
        return;
      } catch {
        this.broken.add(client); // the client, not the backend, failed: roll back through a fresh one
      }
    }
    const fresh = await this.healthyClient();
    await fresh.query('ROLLBACK');
  }

  /** The connected client, replacing one whose connection failed (PGlite's backend outlives it). */
  private async healthyClient(): Promise<Client> {
    this.client ??= this.connect();
    const client = await this.client;
    if (!this.broken.has(client)) return client;
    this.client = undefined;
    void client.end().catch(() => undefined);
    return this.healthyClient();
  }

  private async connect(): Promise<Client> {
    try {
      // Awaited first: PGlite's adapter would turn a failed start into an unhandled rejection and a hung client.
      await this.pglite.waitReady;
      const client = new Client({
        connection: new PglitePgConnection({ pglite: this.pglite }),
      } as ClientConfig);
      client.on('notice', (msg) => this.holder?.relay('notice', msg));
      client.on('notification', (msg) => this.holder?.relay('notification', msg));
      client.on('error', (err) => {
        this.broken.add(client);
        this.holder?.relay('error', err);
      });
      await client.connect();
      return client;
    } catch (err) {
      this.client = undefined; // the next caller tries again instead of replaying this failure forever
      throw err;
    }
  }
}

/** Reported as PostgreSQL reports a server shutting down (admin_shutdown), so callers map it the same way. */
function closedError(): Error {
  return Object.assign(new Error('The embedded PGlite database is closed.'), { code: '57P01' });
}
