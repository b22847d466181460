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
Object.defineProperty(exports, "__esModule", { value: true });
exports.SessionStateCache = void 0;
const common_1 = require("@nestjs/common");
const clock_1 = require("../common/clock");
const jwt_config_1 = require("../config/jwt.config");
const revocation_bus_1 = require("./revocation-bus");
const session_repository_1 = require("./session.repository");
const ttl_cache_1 = require("./ttl-cache");
/** A live session is re-read at most this often even if a broadcast were lost. */
const LIVE_TTL_MS = 10_000;
const MAX_ENTRIES = 100_000;
/**
 * sid -> state, in memory. Hot sessions cost no database round trip; revocations arrive through the
 * RevocationBus and apply at once. Revoked entries live as long as an access token can (ACCESS
 * lifetime), so the cache stays bounded by the access lifetime.
 */
let SessionStateCache = class SessionStateCache {
    sessions;
    jwt;
    cache;
    constructor(sessions, jwt, clock, bus) {
        this.sessions = sessions;
        this.jwt = jwt;
        this.cache = new ttl_cache_1.TtlCache(MAX_ENTRIES, () => clock.now());
        bus.onMessage((m) => {
            if (m.kind === 'sessions')
                for (const sid of m.sids)
                    this.markRevoked(sid);
            else if (m.kind === 'user')
                this.cache.invalidate((_, v) => v.userId === m.userId);
            else
                this.cache.invalidate();
        });
    }
    /** The cached state without waiting; undefined when it must be loaded. */
    peek(sid) {
        return this.cache.peek(sid);
    }
    get(sid) {
        return this.cache.get(sid, () => this.load(sid), (s) => this.ttl(s));
    }
    markRevoked(sid) {
        this.cache.invalidate((key) => key === sid);
        this.cache.set(sid, { userId: null, revoked: true }, this.ttl({ userId: null, revoked: true }));
    }
    async load(sid) {
        const row = await this.sessions.findSession(sid);
        return row ? { userId: row.user_id, revoked: row.revoked_at !== null } : { userId: null, revoked: true };
    }
    ttl(s) {
        return s.revoked ? (this.jwt.accessLifetime + this.jwt.leeway) * 1000 : LIVE_TTL_MS;
    }
};
exports.SessionStateCache = SessionStateCache;
exports.SessionStateCache = SessionStateCache = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [session_repository_1.SessionRepository,
        jwt_config_1.JwtConfig,
        clock_1.Clock,
        revocation_bus_1.RevocationBus])
], SessionStateCache);
//# sourceMappingURL=session-state.cache.js.map