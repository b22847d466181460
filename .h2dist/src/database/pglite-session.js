"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PgliteSession = void 0;
const node_events_1 = require("node:events");
/**
 * One exclusive lease on the embedded database: what TypeORM holds as its "pg client" from `pool.connect()`
 * until `release()`. Queries go straight to the single pg client over PGlite while the lease is held and are
 * refused afterwards, so a holder that outlives its release cannot write into the next holder's transaction.
 * Emits what a pg client emits ('notice', 'notification', 'error') while it holds the session.
 */
class PgliteSession extends node_events_1.EventEmitter {
    client;
    onRelease;
    released = false;
    markReleased = () => undefined;
    /** Resolves when the holder calls `release()`. */
    whenReleased = new Promise((resolve) => (this.markReleased = resolve));
    /** The last query sent: the pg client runs them in order, so once it settles they all have. */
    lastQuery = Promise.resolve();
    constructor(client, onRelease) {
        super();
        this.client = client;
        this.onRelease = onRelease;
    }
    /** pg's `Client#query(textOrConfig, values?, callback?)`: returns a promise unless a callback is given. */
    query(textOrConfig, valuesOrCallback, callback) {
        const done = typeof valuesOrCallback === 'function' ? valuesOrCallback : callback;
        const values = typeof valuesOrCallback === 'function' ? undefined : valuesOrCallback;
        const result = this.send(textOrConfig, values);
        this.lastQuery = result.then(() => undefined, () => undefined);
        if (!done)
            return result;
        void result.then((rows) => done(null, rows), (err) => done(err));
        return undefined;
    }
    /**
     * Hands the session back; pg-pool's contract, called unbound by TypeORM. An error (or `true`) says the
     * holder crashed: the queue then rolls back whatever it left behind before lending the session again.
     */
    release = (err) => {
        if (this.released) {
            throw new Error('Release called on client which has already been released to the pool.');
        }
        this.released = true;
        this.markReleased();
        this.onRelease(this, err);
    };
    /** Resolves once every query this holder sent has finished, successfully or not. */
    settled() {
        return this.lastQuery;
    }
    /** Passes a pg client event on to this holder; an unheard 'error' is dropped rather than thrown. */
    relay(event, payload) {
        if (event !== 'error' || this.listenerCount('error') > 0)
            this.emit(event, payload);
    }
    send(textOrConfig, values) {
        if (this.released) {
            return Promise.reject(new Error('This PGlite session was released; the client can no longer query.'));
        }
        if (typeof textOrConfig === 'object' && 'submit' in textOrConfig) {
            return Promise.reject(new Error('Streaming queries are not supported by the embedded PGlite driver.'));
        }
        return this.client.query(textOrConfig, values);
    }
}
exports.PgliteSession = PgliteSession;
//# sourceMappingURL=pglite-session.js.map