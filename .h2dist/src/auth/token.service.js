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
exports.TokenService = void 0;
const common_1 = require("@nestjs/common");
const clock_1 = require("../common/clock");
const domain_error_1 = require("../common/domain-error");
const errors_1 = require("../common/errors");
const jwt_config_1 = require("../config/jwt.config");
const session_service_1 = require("../sessions/session.service");
const token_blacklist_service_1 = require("../token-blacklist/token-blacklist.service");
const login_attempts_service_1 = require("../traffic/login-attempts.service");
const users_service_1 = require("../users/users.service");
const token_error_1 = require("./token-error");
const token_minter_1 = require("./token-minter");
const token_validator_1 = require("./token-validator");
const user_resolver_1 = require("./user-resolver");
/** The token endpoints' use cases, as simplejwt's serializers define them. */
let TokenService = class TokenService {
    config;
    validator;
    minter;
    blacklist;
    users;
    userResolver;
    clock;
    attempts;
    sessions;
    constructor(config, validator, minter, blacklist, users, userResolver, clock, attempts, sessions) {
        this.config = config;
        this.validator = validator;
        this.minter = minter;
        this.blacklist = blacklist;
        this.users = users;
        this.userResolver = userResolver;
        this.clock = clock;
        this.attempts = attempts;
        this.sessions = sessions;
    }
    async obtainPair(username, password, client) {
        const user = await this.loginAudited(username, password, client);
        const now = this.clock.nowSeconds();
        const sid = this.sessions.newSid();
        const refresh = this.minter.forUser('refresh', this.userResolver.claimFor(user), now, { [session_service_1.SID_CLAIM]: sid });
        await this.blacklist.outstand(tracked(refresh, user.id, refresh.exp));
        await this.sessions.start(sid, user, refresh.jti, refresh.exp, client);
        return { refresh: refresh.token, access: this.minter.accessFrom(refresh.claims, now).token };
    }
    async obtainSliding(username, password, client) {
        const user = await this.loginAudited(username, password, client);
        const sid = this.sessions.newSid();
        const claim = this.userResolver.claimFor(user);
        const sliding = this.minter.forUser('sliding', claim, this.clock.nowSeconds(), { [session_service_1.SID_CLAIM]: sid });
        const refreshExp = sliding.claims[this.config.slidingRefreshExpClaim];
        await this.blacklist.outstand(tracked(sliding, user.id, refreshExp));
        await this.sessions.start(sid, user, sliding.jti, refreshExp, client);
        return { token: sliding.token };
    }
    /**
     * Rotation off: a new access token. On: also a successor, the presented token blacklisted atomically.
     * Either way within the token's session (SessionService: revoked, capped, reuse of a rotated-out token).
     */
    async refresh(raw, client) {
        const token = this.validate(raw, 'refresh');
        if (await this.blacklist.isBlacklisted(token.jti))
            return this.refuseBlacklisted(token, client);
        const user = await this.userResolver.requireActive(token.claims);
        const sid = await this.sessions.forRefresh(token, user, client);
        const now = this.clock.nowSeconds();
        const access = this.minter.accessFrom(token.claims, now, { [session_service_1.SID_CLAIM]: sid }).token;
        if (!this.config.rotateRefreshTokens) {
            await this.sessions.used(sid, user, client);
            return { access };
        }
        const successor = this.minter.rotate(token.claims, now, { [session_service_1.SID_CLAIM]: sid });
        const presented = { raw, jti: token.jti, usableUntil: token.exp, userId: user.id };
        const won = await this.blacklist.rotate(presented, tracked(successor, user.id, successor.exp), this.config.blacklistAfterRotation, (m) => this.sessions.recordRotation(m, sid, token.jti, successor.jti, successor.exp));
        if (!won)
            return this.refuseBlacklisted(token, client);
        await this.sessions.rotated(sid, user, client);
        return { access, refresh: successor.token };
    }
    /** Any token type. A blacklisted token is a 400, as simplejwt's TokenVerifySerializer says. */
    async verify(raw) {
        const token = this.validate(raw, null);
        if (await this.blacklist.isBlacklisted(token.jti))
            throw domain_error_1.DomainError.nonField(errors_1.MSG.blacklisted);
        if (await this.sessions.isRevoked(token))
            throw domain_error_1.DomainError.nonField(errors_1.MSG.blacklisted);
        return {};
    }
    /** Logout: exactly one of concurrent calls for one token succeeds; the token's session ends. */
    async logout(raw, client) {
        const token = this.validate(raw, 'refresh');
        if (await this.blacklist.isBlacklisted(token.jti))
            return this.refuseBlacklisted(token, client);
        const userId = this.userResolver.idOrNull(token.claims);
        const won = await this.blacklist.blacklist({ raw, jti: token.jti, usableUntil: token.exp, userId });
        if (!won)
            throw errors_1.Errors.tokenNotValid(errors_1.MSG.blacklisted);
        await this.sessions.logout(token, userId, client);
        return {};
    }
    async refreshSliding(raw, client) {
        const token = await this.validateUnrevoked(raw, 'sliding');
        const claim = this.config.slidingRefreshExpClaim;
        if (!Object.hasOwn(token.claims, claim))
            throw errors_1.Errors.tokenNotValid((0, errors_1.noClaim)(claim));
        const refreshExp = token.claims[claim];
        if (typeof refreshExp !== 'number' || !Number.isFinite(refreshExp))
            throw errors_1.Errors.tokenNotValid();
        if (refreshExp <= this.clock.now() / 1000 - this.config.leeway)
            throw errors_1.Errors.tokenNotValid((0, errors_1.claimExpired)(claim));
        const user = await this.userResolver.requireActive(token.claims);
        const sid = await this.sessions.forRefresh(token, user, client);
        const reslid = this.minter.reslide({ ...token.claims, [session_service_1.SID_CLAIM]: sid }, this.clock.nowSeconds());
        await this.sessions.used(sid, user, client, Math.min(reslid.exp, refreshExp));
        return { token: reslid.token };
    }
    /** A login, with its failure in the security event log (its success is recorded with the session). */
    async loginAudited(username, password, client) {
        try {
            return await this.login(username, password, client);
        }
        catch (e) {
            await this.sessions.loginFailed(username, client);
            throw e;
        }
    }
    /** 401 "Token is blacklisted"; a rotated-out token presented again revokes its family first. */
    async refuseBlacklisted(token, client) {
        await this.sessions.rejectedReuse(token, client);
        throw errors_1.Errors.tokenNotValid(errors_1.MSG.blacklisted);
    }
    /**
     * A login the brute-force defence refuses still checks the password (same timing) and answers
     * exactly as a wrong one; only real verdicts are counted.
     */
    async login(username, password, client) {
        const refused = await this.attempts.isRefused(username, client.ip);
        const user = await this.users.checkCredentials(username, password);
        if (refused)
            throw errors_1.Errors.noActiveAccount();
        if (!user) {
            await this.attempts.recordFailure(username, client.ip);
            throw errors_1.Errors.noActiveAccount();
        }
        await this.attempts.recordSuccess(username, client.ip);
        if (this.config.updateLastLogin)
            await this.users.recordLogin(user);
        return user;
    }
    validate(raw, type) {
        try {
            return this.validator.validate(raw, type);
        }
        catch (e) {
            if (e instanceof token_error_1.TokenError)
                throw errors_1.Errors.tokenNotValid(e.message);
            throw e;
        }
    }
    async validateUnrevoked(raw, type) {
        const token = this.validate(raw, type);
        if (await this.blacklist.isBlacklisted(token.jti))
            throw errors_1.Errors.tokenNotValid(errors_1.MSG.blacklisted);
        return token;
    }
};
exports.TokenService = TokenService;
exports.TokenService = TokenService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [jwt_config_1.JwtConfig,
        token_validator_1.TokenValidator,
        token_minter_1.TokenMinter,
        token_blacklist_service_1.TokenBlacklistService,
        users_service_1.UsersService,
        user_resolver_1.UserResolver,
        clock_1.Clock,
        login_attempts_service_1.LoginAttemptsService,
        session_service_1.SessionService])
], TokenService);
function tracked(t, userId, usableUntil) {
    return { raw: t.token, jti: t.jti, usableUntil, userId };
}
//# sourceMappingURL=token.service.js.map