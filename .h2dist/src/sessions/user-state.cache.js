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
exports.UserStateCache = void 0;
const common_1 = require("@nestjs/common");
const user_claim_1 = require("../auth/user-claim");
const clock_1 = require("../common/clock");
const jwt_config_1 = require("../config/jwt.config");
const users_service_1 = require("../users/users.service");
const revocation_bus_1 = require("./revocation-bus");
const session_repository_1 = require("./session.repository");
const ttl_cache_1 = require("./ttl-cache");
/** Re-read at most this often even if a broadcast were lost; a change through the bus applies at once. */
const TTL_MS = 5_000;
const MAX_ENTRIES = 50_000;
const NO_USER = { user: null, cutoff: null };
/** The short-lived user cache of the guard (active flag, deletion, staff flag, cutoff). */
let UserStateCache = class UserStateCache {
    config;
    users;
    sessions;
    cache;
    constructor(config, users, sessions, clock, bus) {
        this.config = config;
        this.users = users;
        this.sessions = sessions;
        this.cache = new ttl_cache_1.TtlCache(MAX_ENTRIES, () => clock.now());
        bus.onMessage((m) => {
            if (m.kind === 'user')
                this.cache.invalidate((key, v) => key === `i:${m.userId}` || v.user?.id === m.userId);
            else if (m.kind === 'resync')
                this.cache.invalidate();
        });
    }
    /** The cached state without waiting; undefined when it must be loaded. Throws like forClaims. */
    peek(claims) {
        const ref = (0, user_claim_1.readUserClaim)(claims, this.config);
        if (ref.by === 'none')
            return NO_USER;
        return this.cache.peek(ref.by === 'id' ? `i:${ref.id}` : `u:${ref.username}`);
    }
    /** The state of the user the token names; throws token_not_valid when the claim cannot name a user. */
    forClaims(claims) {
        const ref = (0, user_claim_1.readUserClaim)(claims, this.config);
        if (ref.by === 'none')
            return Promise.resolve(NO_USER);
        const key = ref.by === 'id' ? `i:${ref.id}` : `u:${ref.username}`;
        return this.cache.get(key, async () => {
            const user = ref.by === 'id' ? await this.users.findById(ref.id) : await this.users.findByUsername(ref.username);
            const cutoff = user ? await this.sessions.findCutoff(user.id) : null;
            return { user, cutoff: cutoff ? Math.floor(cutoff.getTime() / 1000) : null };
        }, () => TTL_MS);
    }
};
exports.UserStateCache = UserStateCache;
exports.UserStateCache = UserStateCache = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [jwt_config_1.JwtConfig,
        users_service_1.UsersService,
        session_repository_1.SessionRepository,
        clock_1.Clock,
        revocation_bus_1.RevocationBus])
], UserStateCache);
//# sourceMappingURL=user-state.cache.js.map