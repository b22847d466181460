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
exports.MeResponse = exports.UserResponse = void 0;
const swagger_1 = require("@nestjs/swagger");
class UserResponse {
    id;
    username;
    email;
    static of(user) {
        return { id: user.id, username: user.username, email: user.email };
    }
}
exports.UserResponse = UserResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ example: 1 }),
    __metadata("design:type", Number)
], UserResponse.prototype, "id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'alice' }),
    __metadata("design:type", String)
], UserResponse.prototype, "username", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'alice@example.com' }),
    __metadata("design:type", String)
], UserResponse.prototype, "email", void 0);
class MeResponse extends UserResponse {
    is_staff;
    date_joined;
    last_login;
    static ofMe(user) {
        return {
            ...UserResponse.of(user),
            is_staff: user.isStaff,
            date_joined: user.dateJoined.toISOString(),
            last_login: user.lastLogin?.toISOString() ?? null,
        };
    }
}
exports.MeResponse = MeResponse;
__decorate([
    (0, swagger_1.ApiProperty)(),
    __metadata("design:type", Boolean)
], MeResponse.prototype, "is_staff", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, format: 'date-time' }),
    __metadata("design:type", String)
], MeResponse.prototype, "date_joined", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, format: 'date-time', nullable: true }),
    __metadata("design:type", Object)
], MeResponse.prototype, "last_login", void 0);
//# sourceMappingURL=user.response.js.map