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
exports.EmptyResponse = exports.SlidingTokenResponse = exports.RefreshResponse = exports.TokenPairResponse = void 0;
const swagger_1 = require("@nestjs/swagger");
class TokenPairResponse {
    refresh;
    access;
}
exports.TokenPairResponse = TokenPairResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ description: 'Refresh token (lifetime JWT_REFRESH_TOKEN_LIFETIME).' }),
    __metadata("design:type", String)
], TokenPairResponse.prototype, "refresh", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ description: 'Access token for `Authorization: Bearer …` (lifetime JWT_ACCESS_TOKEN_LIFETIME).' }),
    __metadata("design:type", String)
], TokenPairResponse.prototype, "access", void 0);
class RefreshResponse {
    access;
    refresh;
}
exports.RefreshResponse = RefreshResponse;
__decorate([
    (0, swagger_1.ApiProperty)(),
    __metadata("design:type", String)
], RefreshResponse.prototype, "access", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ description: 'Only when JWT_ROTATE_REFRESH_TOKENS is on: the successor refresh token.' }),
    __metadata("design:type", String)
], RefreshResponse.prototype, "refresh", void 0);
class SlidingTokenResponse {
    token;
}
exports.SlidingTokenResponse = SlidingTokenResponse;
__decorate([
    (0, swagger_1.ApiProperty)(),
    __metadata("design:type", String)
], SlidingTokenResponse.prototype, "token", void 0);
class EmptyResponse {
}
exports.EmptyResponse = EmptyResponse;
//# sourceMappingURL=token-responses.dto.js.map