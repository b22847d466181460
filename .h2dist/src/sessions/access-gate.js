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
exports.AccessGate = void 0;
const common_1 = require("@nestjs/common");
const errors_1 = require("../common/errors");
const session_service_1 = require("./session.service");
const session_state_cache_1 = require("./session-state.cache");
const user_state_cache_1 = require("./user-state.cache");
/**
 * The guard's revocation check for a validated access token, from memory for hot users and sessions:
 * the user must exist and be active (401 user_not_found / user_inactive), the token's session must be
 * live, and a session-less token must be newer than the user's cutoff (else 401 "Token is blacklisted").
 */
let AccessGate = class AccessGate {
    users;
    sessions;
    constructor(users, sessions) {
        this.users = users;
        this.sessions = sessions;
    }
    async admit(token) {
        const { user, cutoff } = this.users.peek(token.claims) ?? (await this.users.forClaims(token.claims));
        if (!user)
            throw errors_1.Errors.userNotFound();
        if (!user.isActive)
            throw errors_1.Errors.userInactive();
        const sid = (0, session_service_1.sidOf)(token.claims);
        if (sid === undefined) {
            const iat = token.claims.iat;
            if (cutoff !== null && !(typeof iat === 'number' && iat > cutoff))
                throw errors_1.Errors.accessTokenRejected(errors_1.MSG.blacklisted);
            return user;
        }
        if (sid === null)
            throw errors_1.Errors.accessTokenRejected(errors_1.MSG.blacklisted);
        const session = this.sessions.peek(sid) ?? (await this.sessions.get(sid));
        if (session.revoked || session.userId !== user.id)
            throw errors_1.Errors.accessTokenRejected(errors_1.MSG.blacklisted);
        return user;
    }
};
exports.AccessGate = AccessGate;
exports.AccessGate = AccessGate = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [user_state_cache_1.UserStateCache,
        session_state_cache_1.SessionStateCache])
], AccessGate);
//# sourceMappingURL=access-gate.js.map