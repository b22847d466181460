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
exports.AccessAuthenticator = void 0;
const common_1 = require("@nestjs/common");
const errors_1 = require("../common/errors");
const jwt_config_1 = require("../config/jwt.config");
const access_gate_1 = require("../sessions/access-gate");
const token_error_1 = require("./token-error");
const token_validator_1 = require("./token-validator");
const ASCII_WHITESPACE = /[ \t\n\r\v\f]+/;
/**
 * simplejwt's JWTAuthentication: header parsing, AccessToken validation, then the user and session
 * revocation check from memory (AccessGate: no database round trip for a hot user and session).
 */
let AccessAuthenticator = class AccessAuthenticator {
    validator;
    gate;
    headerTypes;
    constructor(config, validator, gate) {
        this.validator = validator;
        this.gate = gate;
        this.headerTypes = new Set(config.authHeaderTypes);
    }
    async authenticate(req) {
        const raw = this.rawToken(req);
        let token;
        try {
            token = this.validator.validate(raw, 'access');
        }
        catch (e) {
            if (e instanceof token_error_1.TokenError)
                throw errors_1.Errors.accessTokenRejected(e.message);
            throw e;
        }
        return { user: await this.gate.admit(token), token };
    }
    /** The token of `Authorization: <type> <token>`; simplejwt's messages for everything else. */
    rawToken(req) {
        if (countAuthorization(req.rawHeaders) > 1)
            throw errors_1.Errors.badAuthorizationHeader();
        const parts = (req.authorization ?? '').split(ASCII_WHITESPACE).filter((p) => p !== '');
        if (parts.length === 0 || !this.headerTypes.has(parts[0]))
            throw errors_1.Errors.notAuthenticated();
        if (parts.length !== 2)
            throw errors_1.Errors.badAuthorizationHeader();
        return parts[1];
    }
};
exports.AccessAuthenticator = AccessAuthenticator;
exports.AccessAuthenticator = AccessAuthenticator = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [jwt_config_1.JwtConfig,
        token_validator_1.TokenValidator,
        access_gate_1.AccessGate])
], AccessAuthenticator);
/** Node keeps only the first of repeated Authorization headers; two must never authenticate. */
function countAuthorization(rawHeaders) {
    let n = 0;
    for (let i = 0; i < rawHeaders.length; i += 2) {
        if (rawHeaders[i].length === 13 && rawHeaders[i].toLowerCase() === 'authorization')
            n += 1;
    }
    return n;
}
//# sourceMappingURL=access-authenticator.js.map