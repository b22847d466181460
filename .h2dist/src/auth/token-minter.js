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
exports.TokenMinter = void 0;
const common_1 = require("@nestjs/common");
const node_crypto_1 = require("node:crypto");
const jwt_config_1 = require("../config/jwt.config");
const jws_codec_1 = require("./jws-codec");
/**
 * Mints tokens exactly as simplejwt does: claims in the order token_type, exp, iat, jti (+ refresh_exp
 * for sliding), then the user id; refresh copies every claim but type, exp and jti.
 */
let TokenMinter = class TokenMinter {
    jws;
    config;
    constructor(jws, config) {
        this.jws = jws;
        this.config = config;
    }
    /** A token of `type` for a user, issued at `now` (epoch seconds), with `extra` claims after the user id. */
    forUser(type, userClaim, now, extra = {}) {
        const claims = this.base(type, now, now + this.lifetime(type));
        if (type === 'sliding')
            claims[this.config.slidingRefreshExpClaim] = now + this.config.slidingRefreshLifetime;
        claims[this.config.userIdClaim] = userClaim;
        return this.sign(Object.assign(claims, extra));
    }
    /** simplejwt's RefreshToken.access_token: new jti and exp, `iat` and the rest copied from the refresh token. */
    accessFrom(refresh, now, extra = {}) {
        return this.sign(this.copy(this.base('access', now, now + this.config.accessLifetime), refresh, extra));
    }
    /** Rotation: the same claims with a new jti, iat = now and exp = now + REFRESH lifetime. */
    rotate(refresh, now, extra = {}) {
        const claims = this.copy(this.base('refresh', now, now + this.config.refreshLifetime), refresh, extra);
        claims.iat = now;
        return this.sign(claims);
    }
    /** Sliding refresh: same jti and refresh_exp; iat = now, exp = now + SLIDING lifetime. */
    reslide(sliding, now) {
        return this.sign({ ...sliding, exp: now + this.config.slidingLifetime, iat: now });
    }
    base(type, now, exp) {
        return {
            [this.config.tokenTypeClaim]: type,
            exp,
            iat: now,
            [this.config.jtiClaim]: (0, node_crypto_1.randomUUID)().replace(/-/g, ''),
        };
    }
    /** Copies every claim of `from` except the type, exp and jti, then `extra`. */
    copy(into, from, extra) {
        const skip = new Set([this.config.tokenTypeClaim, 'exp', this.config.jtiClaim]);
        for (const [k, v] of Object.entries(from))
            if (!skip.has(k))
                into[k] = v;
        return Object.assign(into, extra);
    }
    lifetime(type) {
        const c = this.config;
        return type === 'access' ? c.accessLifetime : type === 'refresh' ? c.refreshLifetime : c.slidingLifetime;
    }
    sign(claims) {
        if (this.config.audience !== undefined)
            claims.aud = this.config.audience;
        if (this.config.issuer !== undefined)
            claims.iss = this.config.issuer;
        // Kid-signed tokens are for outside verifiers too: Kong's claims_to_verify [exp, nbf] requires nbf.
        if (this.config.signingKeys.length > 0 && !Object.hasOwn(claims, 'nbf'))
            claims.nbf = claims.iat;
        const jti = String(claims[this.config.jtiClaim]);
        const use = claims[this.config.tokenTypeClaim] === 'refresh' ? 'refresh' : 'access';
        return { token: this.jws.sign(claims, use), claims, jti, exp: claims.exp };
    }
};
exports.TokenMinter = TokenMinter;
exports.TokenMinter = TokenMinter = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(jws_codec_1.JwsCodec)),
    __metadata("design:paramtypes", [jws_codec_1.JwsCodec,
        jwt_config_1.JwtConfig])
], TokenMinter);
//# sourceMappingURL=token-minter.js.map