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
exports.SlidingTokenDto = exports.VerifyTokenDto = exports.RefreshTokenDto = exports.ObtainTokenDto = void 0;
const swagger_1 = require("@nestjs/swagger");
// Request bodies of the token endpoints, for the OpenAPI document. Parsing is readStringFields
// (DRF's CharField rules), so these classes carry documentation only.
class ObtainTokenDto {
    username;
    password;
}
exports.ObtainTokenDto = ObtainTokenDto;
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'alice', description: 'Case-sensitive; surrounding whitespace is ignored.' }),
    __metadata("design:type", String)
], ObtainTokenDto.prototype, "username", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'correct horse battery', format: 'password', description: 'Used exactly as sent.' }),
    __metadata("design:type", String)
], ObtainTokenDto.prototype, "password", void 0);
class RefreshTokenDto {
    refresh;
}
exports.RefreshTokenDto = RefreshTokenDto;
__decorate([
    (0, swagger_1.ApiProperty)({ description: 'A refresh token from POST /api/token/.' }),
    __metadata("design:type", String)
], RefreshTokenDto.prototype, "refresh", void 0);
class VerifyTokenDto {
    token;
}
exports.VerifyTokenDto = VerifyTokenDto;
__decorate([
    (0, swagger_1.ApiProperty)({ description: 'A token of any type.' }),
    __metadata("design:type", String)
], VerifyTokenDto.prototype, "token", void 0);
class SlidingTokenDto {
    token;
}
exports.SlidingTokenDto = SlidingTokenDto;
__decorate([
    (0, swagger_1.ApiProperty)({ description: 'A sliding token from POST /api/token/sliding/.' }),
    __metadata("design:type", String)
], SlidingTokenDto.prototype, "token", void 0);
//# sourceMappingURL=token-requests.dto.js.map