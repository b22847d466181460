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
exports.SessionService = exports.SID_CLAIM = void 0;
exports.sidOf = sidOf;
const common_1 = require("@nestjs/common");
const node_crypto_1 = require("node:crypto");
const clock_1 = require("../common/clock");
const errors_1 = require("../common/errors");
const sessions_config_1 = require("../config/sessions.config");
const security_events_service_1 = require("../security-events/security-events.service");
const revocation_service_1 = require("./revocation.service");
const session_repository_1 = require("./session.repository");
const session_state_cache_1 = require("./session-state.cache");
/** The claim that names a token's session. */
exports.SID_CLAIM = 'sid';
const SID = /^[0-9a-f]{32}$/;
/** A token's session id: the string, undefined when the token has none, null when the claim is malformed. */
function sidOf(claims) {
    if (!Object.hasOwn(claims, exports.SID_CLAIM))
        return undefined;
    const sid = claims[exports.SID_CLAIM];
    return typeof sid === 'string' && SID.test(sid) ? sid : null;
}
/**
 * Sessions as the token endpoints use them: a login starts one, a refresh finds (or, for a token minted
 * without a session, creates) it and enforces revocation and the absolute cap, a rotation records the
 * successor, and a rotated-out token presented again revokes the family (outside JWT_REUSE_GRACE).
 */
let SessionService = class SessionService {
    sessions;
    revocation;
    states;
    events;
    config;
    clock;
    constructor(sessions, revocation, states, events, config, clock) {
        this.sessions = sessions;
        this.revocation = revocation;
        this.states = states;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }
    newSid() {
        return (0, node_crypto_1.randomBytes)(16).toString('hex');
    }
    /** A login: the session and its first token (refresh or sliding), usable until `usableUntil` (epoch s). */
    async start(sid, user, jti, usableUntil, client) {
        const now = this.clock.now();
        await this.sessions.insertSession({
            id: sid,
            userId: user.id,
            createdAt: new Date(now),
            expiresAt: new Date(now + this.config.maxLifetime * 1000),
            refreshExpiresAt: new Date(usableUntil * 1000),
            ip: client?.ip ?? null,
            userAgent: client?.userAgent ?? null,
        });
        await this.sessions.insertToken(jti, sid);
        await this.events.record({ type: 'login_succeeded', userId: user.id, username: user.username, sessionId: sid, ...client });
    }
    /**
     * The session a refresh (or sliding) token belongs to, ready to be used: revoked -> 401 blacklisted,
     * past JWT_SESSION_MAX_LIFETIME -> 401 token_not_valid. A token without `sid` (minted by simplejwt or
     * forged with the key) joins a session derived from its jti on its first refresh, capped from its `iat`.
     */
    async forRefresh(token, user, client) {
        let family = await this.sessions.findByJti(token.jti);
        if (!family) {
            const sid = await this.join(token, user, client);
            family = await this.sessions.findByJti(token.jti);
            if (!family)
                throw errors_1.Errors.tokenNotValid(`Session ${sid} is gone`);
        }
        if (family.userId !== user.id || family.revokedAt !== null)
            throw errors_1.Errors.tokenNotValid(errors_1.MSG.blacklisted);
        if (this.clock.now() >= family.expiresAt.getTime())
            throw errors_1.Errors.tokenNotValid();
        return family.sessionId;
    }
    /** A refresh that did not rotate (rotation off; sliding refresh, whose token now lasts until `usableUntil`). */
    async used(sid, user, client, usableUntil) {
        await this.sessions.touch(sid, new Date(this.clock.now()), usableUntil === undefined ? null : new Date(usableUntil * 1000));
        await this.events.record({ type: 'refresh', userId: user.id, sessionId: sid, ...client });
    }
    loginFailed(username, client) {
        return this.events.record({ type: 'login_failed', username, ...client });
    }
    /** Inside the rotation transaction, after the presented token was blacklisted by this request. */
    recordRotation(m, sid, oldJti, successorJti, successorExp) {
        const r = { sessionId: sid, oldJti, successorJti, successorExp: new Date(successorExp * 1000), at: new Date(this.clock.now()) };
        return this.sessions.recordRotation(r, m);
    }
    rotated(sid, user, client) {
        return this.events.record({ type: 'refresh', userId: user.id, sessionId: sid, detail: 'rotated', ...client });
    }
    /**
     * A blacklisted refresh token was presented. If it was rotated out (not logged out), that is reuse:
     * the whole family is revoked, unless it was rotated less than JWT_REUSE_GRACE ago.
     */
    async rejectedReuse(token, client) {
        const family = await this.sessions.findByJti(token.jti);
        if (!family || family.rotatedAt === null || family.revokedAt !== null)
            return;
        if (this.clock.now() - family.rotatedAt.getTime() < this.config.reuseGrace * 1000)
            return;
        await this.revocation.revokeSession(family.sessionId, family.userId, 'reuse', { client }, 'reuse_detected');
    }
    /** Logout: the token's session ends (all its tokens, access tokens included). */
    async logout(token, userId, client) {
        const family = await this.sessions.findByJti(token.jti);
        if (!family) {
            await this.events.record({ type: 'logout', userId, detail: 'session-less token', ...client });
            return;
        }
        await this.revocation.revokeSession(family.sessionId, family.userId, 'logout', { client }, 'logout');
    }
    /** Verify: a token of a revoked or unknown session is blacklisted. */
    async isRevoked(token) {
        const sid = sidOf(token.claims);
        if (sid === undefined)
            return false;
        return sid === null || (await this.states.get(sid)).revoked;
    }
    /** A session-less token of this user issued at or before the user's cutoff is dead. */
    async sessionlessRevoked(token, userId) {
        const cutoff = await this.sessions.findCutoff(userId);
        if (!cutoff)
            return false;
        const iat = token.claims.iat;
        return !(typeof iat === 'number' && iat > Math.floor(cutoff.getTime() / 1000));
    }
    async join(token, user, client) {
        const claimed = sidOf(token.claims);
        if (claimed === null)
            throw errors_1.Errors.tokenNotValid();
        if (claimed !== undefined) {
            const row = await this.sessions.findSession(claimed);
            if (!row || row.user_id !== user.id)
                throw errors_1.Errors.tokenNotValid();
            await this.sessions.insertToken(token.jti, claimed);
            return claimed;
        }
        if (await this.sessionlessRevoked(token, user.id))
            throw errors_1.Errors.tokenNotValid(errors_1.MSG.blacklisted);
        const sid = (0, node_crypto_1.createHash)('sha256').update(`session-of:${user.id}:${token.jti}`).digest('hex').slice(0, 32);
        const iat = typeof token.claims.iat === 'number' ? token.claims.iat * 1000 : this.clock.now();
        await this.sessions.insertSession({
            id: sid,
            userId: user.id,
            createdAt: new Date(this.clock.now()),
            expiresAt: new Date(Math.min(iat, this.clock.now()) + this.config.maxLifetime * 1000),
            refreshExpiresAt: new Date(token.exp * 1000),
            ip: client?.ip ?? null,
            userAgent: client?.userAgent ?? null,
        });
        await this.sessions.insertToken(token.jti, sid);
        return sid;
    }
};
exports.SessionService = SessionService;
exports.SessionService = SessionService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [session_repository_1.SessionRepository,
        revocation_service_1.RevocationService,
        session_state_cache_1.SessionStateCache,
        security_events_service_1.SecurityEventsService,
        sessions_config_1.SessionsConfig,
        clock_1.Clock])
], SessionService);
//# sourceMappingURL=session.service.js.map