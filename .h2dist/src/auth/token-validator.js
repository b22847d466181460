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
exports.TokenValidator = void 0;
const common_1 = require("@nestjs/common");
const jwt_config_1 = require("../config/jwt.config");
const clock_1 = require("../common/clock");
const errors_1 = require("../common/errors");
const jws_codec_1 = require("./jws-codec");
const token_error_1 = require("./token-error");
/** 9999-12-31T23:59:59Z: past this a time claim is nonsense (Python's datetime cannot hold it). */
const MAX_EPOCH = 253402300799;
const MAX_JTI_LENGTH = 255;
/**
 * simplejwt's Token.__init__ + verify(): signature and time claims as PyJWT checks them, then
 * `exp` present, `jti` present, `token_type` as expected. Stricter where simplejwt crashes or
 * accepts nonsense: time claims must be JSON numbers within year 9999.
 */
let TokenValidator = class TokenValidator {
    jws;
    config;
    clock;
    constructor(jws, config, clock) {
        this.jws = jws;
        this.config = config;
        this.clock = clock;
    }
    /** `expected` null: any type (verify endpoint). Throws TokenError with simplejwt's message. */
    validate(raw, expected) {
        const claims = this.decode(raw, expected);
        const now = this.clock.now() / 1000;
        this.checkTimes(claims, now);
        const { jtiClaim, tokenTypeClaim } = this.config;
        if (!Object.hasOwn(claims, 'exp'))
            throw new token_error_1.TokenError((0, errors_1.noClaim)('exp'));
        if (!Object.hasOwn(claims, jtiClaim) || claims[jtiClaim] === null)
            throw new token_error_1.TokenError(errors_1.MSG.noId);
        if (expected !== null) {
            if (!Object.hasOwn(claims, tokenTypeClaim))
                throw new token_error_1.TokenError(errors_1.MSG.noType);
            if (claims[tokenTypeClaim] !== expected)
                throw new token_error_1.TokenError(errors_1.MSG.wrongType);
        }
        const jtiValue = claims[jtiClaim];
        const jti = typeof jtiValue === 'string' ? jtiValue : JSON.stringify(jtiValue);
        // The jti is looked up in the token tables: text Postgres cannot hold (NUL) is refused, not a 500.
        if (jti.length === 0 || jti.length > MAX_JTI_LENGTH || jti.includes('\0')) {
            throw new token_error_1.TokenError(errors_1.MSG.invalidOrExpired);
        }
        return { raw, claims, jti, exp: claims.exp };
    }
    /** Separate refresh keys: only refresh keys verify refresh tokens, only access keys the others. */
    decode(raw, expected) {
        try {
            return this.jws.verify(raw, expected === null ? 'any' : expected === 'refresh' ? 'refresh' : 'access');
        }
        catch (e) {
            if (e instanceof jws_codec_1.InvalidJwsError)
                throw new token_error_1.TokenError(errors_1.MSG.invalidOrExpired);
            throw e;
        }
    }
    /** PyJWT's exp / iat / nbf / aud / iss checks; any failure is "invalid or expired". */
    checkTimes(claims, now) {
        const leeway = this.config.leeway;
        const invalid = () => {
            throw new token_error_1.TokenError(errors_1.MSG.invalidOrExpired);
        };
        if (Object.hasOwn(claims, 'exp')) {
            const exp = claims.exp;
            if (!isEpoch(exp) || exp <= now - leeway)
                invalid();
        }
        for (const claim of ['iat', 'nbf']) {
            if (!Object.hasOwn(claims, claim))
                continue;
            const t = claims[claim];
            if (!isEpoch(t) || t > now + leeway)
                invalid();
        }
        const { audience, issuer } = this.config;
        if (audience !== undefined) {
            const aud = claims.aud;
            if (!(aud === audience || (Array.isArray(aud) && aud.includes(audience))))
                invalid();
        }
        if (issuer !== undefined && claims.iss !== issuer)
            invalid();
    }
};
exports.TokenValidator = TokenValidator;
exports.TokenValidator = TokenValidator = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(jws_codec_1.JwsCodec)),
    __metadata("design:paramtypes", [jws_codec_1.JwsCodec,
        jwt_config_1.JwtConfig,
        clock_1.Clock])
], TokenValidator);
function isEpoch(value) {
    return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_EPOCH;
}
//# sourceMappingURL=token-validator.js.map