"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PgliteDriver = void 0;
const pglite_1 = require("@electric-sql/pglite");
const pgcrypto_1 = require("@electric-sql/pglite/contrib/pgcrypto");
const pg_1 = require("pg");
const pglite_pool_1 = require("./pglite-pool");
const pglite_session_queue_1 = require("./pglite-session-queue");
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
class PgliteDriver {
    pglite;
    sessions;
    location;
    /** The pg-module look-alike to pass as TypeORM's `driver` option. `defaults`/`types` are pg's own. */
    pg;
    closing;
    constructor(pglite, sessions, location) {
        this.pglite = pglite;
        this.sessions = sessions;
        this.location = location;
        this.pg = { Pool: pglite_pool_1.PglitePool.boundTo(sessions), defaults: pg_1.defaults, types: pg_1.types };
        // A failed start surfaces through ready() and every query, not as an unhandled rejection.
        void pglite.waitReady.catch(() => undefined);
    }
    /** Opens PGlite on `dataDir` (created by initdb when empty), or in memory when `dataDir` is undefined. */
    static open(dataDir) {
        const pglite = new pglite_1.PGlite({ dataDir, extensions: { pgcrypto: pgcrypto_1.pgcrypto } });
        return new PgliteDriver(pglite, new pglite_session_queue_1.PgliteSessionQueue(pglite), dataDir ?? 'memory');
    }
    /** Resolves once the database has started (initdb included on a new directory); rejects if it cannot. */
    async ready() {
        try {
            await this.sessions.ready();
        }
        catch (err) {
            throw new Error(`Embedded PostgreSQL (PGlite) could not start in ${this.location}: ${describe(err)}`, {
                cause: err,
            });
        }
    }
    /**
     * Lets the query in flight finish, refuses further ones, and shuts PGlite down cleanly, leaving the data
     * directory consistent on disk. Destroy the DataSources on this driver first. Safe to call twice.
     */
    close() {
        this.closing ??= this.sessions.close().then(() => this.pglite.waitReady.then(() => this.pglite.close(), () => undefined));
        return this.closing;
    }
}
exports.PgliteDriver = PgliteDriver;
/** PGlite's start-up failures are often Emscripten errors with an errno and no message. */
function describe(err) {
    if (err instanceof Error)
        return err.message;
    const { name, errno } = (err ?? {});
    return errno === undefined ? String(name ?? err) : `${name ?? 'error'} (errno ${errno})`;
}
//# sourceMappingURL=pglite.driver.js.map