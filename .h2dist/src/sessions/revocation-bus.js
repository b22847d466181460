"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RevocationBus = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const pg_1 = require("pg");
const typeorm_2 = require("typeorm");
const database_config_1 = require("../config/database.config");
const redis_connection_1 = require("../redis/redis-connection");
const CHANNEL = 'bastion_revocations';
const PG_RECONNECT_MS = 1000;
/** A fresh process (the CLI) publishes right after start: wait this long for the connection. */
const READY_WAIT_MS = 2000;
function whenReady(client, timeoutMs) {
    if (client.status === 'ready')
        return Promise.resolve();
    return new Promise((resolve) => {
        const done = () => {
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
let RevocationBus = class RevocationBus {
    redis;
    db;
    dataSource;
    log = new common_1.Logger('RevocationBus');
    handlers = [];
    listener = null;
    closed = false;
    constructor(redis, db, dataSource) {
        this.redis = redis;
        this.db = db;
        this.dataSource = dataSource;
    }
    get transport() {
        return this.redis.client ? 'redis' : this.db.url ? 'postgres' : 'local';
    }
    onMessage(handler) {
        this.handlers.push(handler);
    }
    /** Applies the change here, then broadcasts it; a failed broadcast is logged, never thrown. */
    async publish(m) {
        this.deliver(m);
        const payload = JSON.stringify(m);
        try {
            if (this.redis.client) {
                await whenReady(this.redis.client, READY_WAIT_MS);
                await this.redis.client.publish(CHANNEL, payload);
            }
            else if (this.db.url)
                await this.dataSource.query(`SELECT pg_notify($1, $2)`, [CHANNEL, payload]);
        }
        catch (e) {
            this.log.warn(`revocation broadcast failed (${this.transport}): ${e.message}`);
        }
    }
    async onApplicationBootstrap() {
        if (this.redis.client)
            await this.subscribeRedis();
        else if (this.db.url)
            await this.listenPostgres();
    }
    async onApplicationShutdown() {
        this.closed = true;
        await this.listener?.end().catch(() => undefined);
    }
    deliver(m) {
        for (const h of this.handlers)
            h(m);
    }
    receive(payload) {
        try {
            const m = JSON.parse(payload);
            if (m.kind === 'sessions' && Array.isArray(m.sids))
                this.deliver({ kind: 'sessions', sids: m.sids.map(String) });
            else if (m.kind === 'user' && Number.isInteger(m.userId))
                this.deliver({ kind: 'user', userId: m.userId });
        }
        catch {
            this.log.warn('ignored a malformed revocation message');
        }
    }
    async subscribeRedis() {
        const sub = this.redis.duplicate('revocations');
        if (!sub)
            return;
        sub.on('message', (_channel, payload) => this.receive(payload));
        let subscribed;
        let wasReady = false;
        const attach = () => (subscribed ??= sub.subscribe(CHANNEL).then(() => undefined, (e) => {
            subscribed = undefined;
            this.log.warn(`cannot subscribe to revocations yet: ${e.message}`);
        }));
        sub.on('ready', () => {
            // ioredis re-subscribes by itself after a reconnect; what was published meanwhile is lost.
            if (wasReady)
                this.deliver({ kind: 'resync' });
            wasReady = true;
            void attach();
        });
        await whenReady(sub, READY_WAIT_MS);
        if (sub.status === 'ready')
            await attach();
    }
    async listenPostgres(resync = false) {
        if (this.closed)
            return;
        const client = new pg_1.Client({ connectionString: this.db.url, application_name: 'bastion-revocations' });
        let gone = false;
        const lost = (why) => {
            if (gone)
                return;
            gone = true;
            if (this.listener === client)
                this.listener = null;
            client.end().catch(() => undefined);
            if (this.closed)
                return;
            this.log.warn(`revocation listener lost (${why}); reconnecting`);
            setTimeout(() => void this.listenPostgres(true), PG_RECONNECT_MS).unref();
        };
        client.on('notification', (n) => {
            if (n.channel === CHANNEL && n.payload)
                this.receive(n.payload);
        });
        client.on('error', (e) => lost(e.message));
        client.on('end', () => lost('connection ended'));
        try {
            await client.connect();
            await client.query(`LISTEN ${CHANNEL}`);
            this.listener = client;
            if (resync)
                this.deliver({ kind: 'resync' });
        }
        catch (e) {
            lost(e.message);
        }
    }
};
exports.RevocationBus = RevocationBus;
exports.RevocationBus = RevocationBus = __decorate([
    (0, common_1.Injectable)(),
    __param(2, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [redis_connection_1.RedisConnection,
        database_config_1.DatabaseConfig,
        typeorm_2.DataSource])
], RevocationBus);
//# sourceMappingURL=revocation-bus.js.map