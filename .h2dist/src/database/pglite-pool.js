"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PglitePool = void 0;
const node_events_1 = require("node:events");
/**
 * What TypeORM's PostgresDriver creates with `new driver.Pool(options)`: pg-pool's surface (`connect`,
 * `query`, `end`, 'error' events) over the one shared PGlite session. Every pool of a driver shares its queue,
 * so a second DataSource on the same driver waits its turn too. `connectionTimeoutMillis` bounds the wait.
 */
class PglitePool extends node_events_1.EventEmitter {
    sessions;
    timeoutMs;
    outstanding = new Set();
    ended = false;
    constructor(sessions, options = {}) {
        super();
        this.sessions = sessions;
        this.timeoutMs = options.connectionTimeoutMillis ?? 0;
    }
    /** A pool class bound to `sessions`, constructible the way TypeORM does it: `new Pool(options)`. */
    static boundTo(sessions) {
        return class extends PglitePool {
            constructor(options) {
                super(sessions, options);
            }
        };
    }
    connect(callback) {
        const leased = this.lease();
        if (!callback)
            return leased;
        void leased.then((session) => callback(undefined, session, session.release), (err) => callback(err));
    }
    query(text, values, callback) {
        const result = this.queryAlone(text, values);
        if (!callback)
            return result;
        void result.then((rows) => callback(null, rows), (err) => callback(err));
    }
    /** Stops lending; resolves once every session this pool lent is back. The database itself stays open. */
    async end(callback) {
        this.ended = true;
        await Promise.all(this.outstanding);
        callback?.();
    }
    async queryAlone(text, values) {
        const session = await this.lease();
        try {
            return (await session.query(text, values));
        }
        finally {
            session.release();
        }
    }
    async lease() {
        if (this.ended)
            throw new Error('Cannot use a pool after calling end on the pool');
        const session = await this.sessions.acquire(this.timeoutMs);
        const back = session.whenReleased.then(() => void this.outstanding.delete(back));
        this.outstanding.add(back);
        return session;
    }
}
exports.PglitePool = PglitePool;
//# sourceMappingURL=pglite-pool.js.map