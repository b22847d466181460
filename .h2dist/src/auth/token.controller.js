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
exports.TokenController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const client_context_decorator_1 = require("../common/client-context.decorator");
const error_response_1 = require("../common/dto/error.response");
const public_decorator_1 = require("../common/public.decorator");
const string_fields_1 = require("../common/string-fields");
const throttle_decorators_1 = require("../traffic/throttle.decorators");
const token_requests_dto_1 = require("./dto/token-requests.dto");
const token_responses_dto_1 = require("./dto/token-responses.dto");
const refresh_cookie_interceptor_1 = require("./refresh-cookie.interceptor");
const token_service_1 = require("./token.service");
const CREDENTIALS = { username: { trim: true }, password: { trim: false } };
const BODY_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'];
/** simplejwt's token views. Public: they ignore the Authorization header entirely. */
let TokenController = class TokenController {
    tokens;
    constructor(tokens) {
        this.tokens = tokens;
    }
    obtainPair(body, client) {
        const { username, password } = (0, string_fields_1.readStringFields)(body, CREDENTIALS);
        return this.tokens.obtainPair(username, password, client);
    }
    refresh(body, client) {
        return this.tokens.refresh((0, string_fields_1.readStringFields)(body, { refresh: { trim: true } }).refresh, client);
    }
    verify(body) {
        return this.tokens.verify((0, string_fields_1.readStringFields)(body, { token: { trim: true } }).token);
    }
    blacklist(body, client) {
        return this.tokens.logout((0, string_fields_1.readStringFields)(body, { refresh: { trim: true } }).refresh, client);
    }
    obtainSliding(body, client) {
        const { username, password } = (0, string_fields_1.readStringFields)(body, CREDENTIALS);
        return this.tokens.obtainSliding(username, password, client);
    }
    refreshSliding(body, client) {
        return this.tokens.refreshSliding((0, string_fields_1.readStringFields)(body, { token: { trim: true } }).token, client);
    }
};
exports.TokenController = TokenController;
__decorate([
    (0, common_1.Post)(),
    (0, common_1.HttpCode)(200),
    (0, swagger_1.ApiOperation)({ summary: 'Log in: obtain an access/refresh pair' }),
    (0, swagger_1.ApiBody)({ type: token_requests_dto_1.ObtainTokenDto }),
    (0, swagger_1.ApiOkResponse)({ type: token_responses_dto_1.TokenPairResponse }),
    (0, throttle_decorators_1.ThrottledAs)('login', 'login_user'),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, client_context_decorator_1.Client)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", void 0)
], TokenController.prototype, "obtainPair", null);
__decorate([
    (0, common_1.Post)('refresh'),
    (0, common_1.HttpCode)(200),
    (0, swagger_1.ApiOperation)({ summary: 'A new access token (and a rotated refresh token when rotation is on)' }),
    (0, swagger_1.ApiBody)({ type: token_requests_dto_1.RefreshTokenDto }),
    (0, swagger_1.ApiOkResponse)({ type: token_responses_dto_1.RefreshResponse }),
    (0, throttle_decorators_1.ThrottledAs)('token'),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, client_context_decorator_1.Client)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", void 0)
], TokenController.prototype, "refresh", null);
__decorate([
    (0, common_1.Post)('verify'),
    (0, common_1.HttpCode)(200),
    (0, swagger_1.ApiOperation)({ summary: 'Check a token of any type' }),
    (0, swagger_1.ApiBody)({ type: token_requests_dto_1.VerifyTokenDto }),
    (0, swagger_1.ApiOkResponse)({ type: token_responses_dto_1.EmptyResponse }),
    (0, throttle_decorators_1.ThrottledAs)('token'),
    __param(0, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], TokenController.prototype, "verify", null);
__decorate([
    (0, common_1.Post)('blacklist'),
    (0, common_1.HttpCode)(200),
    (0, swagger_1.ApiOperation)({ summary: 'Log out: blacklist a refresh token' }),
    (0, swagger_1.ApiBody)({ type: token_requests_dto_1.RefreshTokenDto }),
    (0, swagger_1.ApiOkResponse)({ type: token_responses_dto_1.EmptyResponse }),
    (0, throttle_decorators_1.ThrottledAs)('token'),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, client_context_decorator_1.Client)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", void 0)
], TokenController.prototype, "blacklist", null);
__decorate([
    (0, common_1.Post)('sliding'),
    (0, common_1.HttpCode)(200),
    (0, swagger_1.ApiOperation)({ summary: 'Log in: obtain a sliding token' }),
    (0, swagger_1.ApiBody)({ type: token_requests_dto_1.ObtainTokenDto }),
    (0, swagger_1.ApiOkResponse)({ type: token_responses_dto_1.SlidingTokenResponse }),
    (0, throttle_decorators_1.ThrottledAs)('login', 'login_user'),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, client_context_decorator_1.Client)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", void 0)
], TokenController.prototype, "obtainSliding", null);
__decorate([
    (0, common_1.Post)('sliding/refresh'),
    (0, common_1.HttpCode)(200),
    (0, swagger_1.ApiOperation)({ summary: 'Extend a sliding token (until its refresh_exp)' }),
    (0, swagger_1.ApiBody)({ type: token_requests_dto_1.SlidingTokenDto }),
    (0, swagger_1.ApiOkResponse)({ type: token_responses_dto_1.SlidingTokenResponse }),
    (0, throttle_decorators_1.ThrottledAs)('token'),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, client_context_decorator_1.Client)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", void 0)
], TokenController.prototype, "refreshSliding", null);
exports.TokenController = TokenController = __decorate([
    (0, swagger_1.ApiTags)('token'),
    (0, swagger_1.ApiConsumes)(...BODY_TYPES),
    (0, swagger_1.ApiBadRequestResponse)({ description: 'Field errors', type: error_response_1.FieldErrorsResponse }),
    (0, swagger_1.ApiUnauthorizedResponse)({ description: 'Refused (WWW-Authenticate: Bearer realm="api")', type: error_response_1.ErrorResponse }),
    (0, public_decorator_1.Public)(),
    (0, common_1.UseInterceptors)(refresh_cookie_interceptor_1.RefreshCookieInterceptor),
    (0, common_1.Controller)('api/token'),
    __metadata("design:paramtypes", [token_service_1.TokenService])
], TokenController);
//# sourceMappingURL=token.controller.js.map