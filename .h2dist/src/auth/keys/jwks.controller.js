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
exports.JwksController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const public_decorator_1 = require("../../common/public.decorator");
const jwt_config_1 = require("../../config/jwt.config");
const jwks_1 = require("./jwks");
const key_ring_1 = require("./key-ring");
/** The public verification keys, for Kong and any other verifier (RFC 7517). Built once at start. */
let JwksController = class JwksController {
    document;
    cacheControl;
    constructor(ring, config) {
        this.document = (0, jwks_1.jwksDocument)(ring);
        this.cacheControl = `public, max-age=${config.jwksMaxAge}`;
    }
    jwks(reply) {
        void reply.header('Cache-Control', this.cacheControl);
        return this.document;
    }
};
exports.JwksController = JwksController;
__decorate([
    (0, common_1.Get)('jwks.json'),
    (0, swagger_1.ApiOperation)({ summary: 'Public keys that verify our tokens, by kid (HMAC keys are never published)' }),
    (0, swagger_1.ApiOkResponse)({ description: '{"keys": [{"kty", "use": "sig", "kid", "alg", "token_use", ...}]}' }),
    __param(0, (0, common_1.Res)({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Object)
], JwksController.prototype, "jwks", null);
exports.JwksController = JwksController = __decorate([
    (0, swagger_1.ApiTags)('keys'),
    (0, public_decorator_1.Public)(),
    (0, common_1.Controller)('.well-known'),
    __metadata("design:paramtypes", [key_ring_1.KeyRing, jwt_config_1.JwtConfig])
], JwksController);
//# sourceMappingURL=jwks.controller.js.map