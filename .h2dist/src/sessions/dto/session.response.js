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
exports.ChangePasswordDto = exports.RevokeAllDto = exports.RevokedCountResponse = exports.SessionResponse = void 0;
const swagger_1 = require("@nestjs/swagger");
/** One of my live sessions; `id` is the `sid` claim of its tokens. */
class SessionResponse {
    id;
    created_at;
    last_used_at;
    expires_at;
    ip;
    user_agent;
    current;
    static of(row, currentSid) {
        return {
            id: row.id,
            created_at: new Date(row.created_at).toISOString(),
            last_used_at: new Date(row.last_used_at).toISOString(),
            expires_at: new Date(row.expires_at).toISOString(),
            ip: row.ip,
            user_agent: row.user_agent,
            current: row.id === currentSid,
        };
    }
}
exports.SessionResponse = SessionResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ example: '4f9c2b0e8a7d4c1e9b3a5d6f7e8c9a0b' }),
    __metadata("design:type", String)
], SessionResponse.prototype, "id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, format: 'date-time' }),
    __metadata("design:type", String)
], SessionResponse.prototype, "created_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, format: 'date-time' }),
    __metadata("design:type", String)
], SessionResponse.prototype, "last_used_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, format: 'date-time', description: 'When the session ends at the latest (JWT_SESSION_MAX_LIFETIME)' }),
    __metadata("design:type", String)
], SessionResponse.prototype, "expires_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, nullable: true, example: '203.0.113.7' }),
    __metadata("design:type", Object)
], SessionResponse.prototype, "ip", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, nullable: true, example: 'Mozilla/5.0' }),
    __metadata("design:type", Object)
], SessionResponse.prototype, "user_agent", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ description: 'The session of the token making this request' }),
    __metadata("design:type", Boolean)
], SessionResponse.prototype, "current", void 0);
class RevokedCountResponse {
    revoked;
}
exports.RevokedCountResponse = RevokedCountResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ example: 3, description: 'How many sessions were ended' }),
    __metadata("design:type", Number)
], RevokedCountResponse.prototype, "revoked", void 0);
class RevokeAllDto {
    keep_current;
}
exports.RevokeAllDto = RevokeAllDto;
__decorate([
    (0, swagger_1.ApiProperty)({ required: false, default: false, description: 'Keep the session of the token making this request' }),
    __metadata("design:type", Boolean)
], RevokeAllDto.prototype, "keep_current", void 0);
class ChangePasswordDto {
    old_password;
    new_password;
}
exports.ChangePasswordDto = ChangePasswordDto;
__decorate([
    (0, swagger_1.ApiProperty)(),
    __metadata("design:type", String)
], ChangePasswordDto.prototype, "old_password", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ description: "Django's default password validators apply" }),
    __metadata("design:type", String)
], ChangePasswordDto.prototype, "new_password", void 0);
//# sourceMappingURL=session.response.js.map