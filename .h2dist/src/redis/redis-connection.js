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
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RedisConnection = void 0;
const common_1 = require("@nestjs/common");
const ioredis_1 = __importDefault(require("ioredis"));
const redis_config_1 = require("../config/redis.config");
/**
 * The shared Redis connection when REDIS_URL is set (`client` is null otherwise). Commands fail fast
 * (REDIS_TIMEOUT) instead of queueing while Redis is down, and ioredis reconnects by itself, so callers
 * decide what an outage means (fail open or closed) and recover without a restart.
 */
let RedisConnection = class RedisConnection {
    config;
    client;
    log = new common_1.Logger('Redis');
    extra = [];
    constructor(config) {
        this.config = config;
        this.client = config.url ? this.connect('main') : null;
    }
    /** A separate connection (pub/sub subscribers need their own); closed with the app. */
    duplicate(name) {
        if (!this.config.url)
            return null;
        const conn = this.connect(name);
        this.extra.push(conn);
        return conn;
    }
    async onApplicationShutdown() {
        await Promise.all([this.client, ...this.extra].map((c) => c?.quit().catch(() => c.disconnect())));
    }
    connect(name) {
        let down = false;
        const conn = new ioredis_1.default(this.config.url, {
            connectionName: `bastion-${name}`,
            commandTimeout: this.config.timeoutMs,
            connectTimeout: Math.max(this.config.timeoutMs, 1000),
            maxRetriesPerRequest: 0,
            enableOfflineQueue: false,
            retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
        });
        conn.on('error', (e) => {
            if (!down)
                this.log.warn(`Redis (${name}) unavailable: ${e.message}`);
            down = true;
        });
        conn.on('ready', () => {
            if (down)
                this.log.log(`Redis (${name}) is back`);
            down = false;
        });
        return conn;
    }
};
exports.RedisConnection = RedisConnection;
exports.RedisConnection = RedisConnection = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [redis_config_1.RedisConfig])
], RedisConnection);
//# sourceMappingURL=redis-connection.js.map