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
exports.SetActiveDto = exports.SecurityEventPage = exports.SecurityEventResponse = exports.AdminUserPage = exports.AdminUserResponse = void 0;
const swagger_1 = require("@nestjs/swagger");
const iso = (d) => (d === null ? null : new Date(d).toISOString());
class AdminUserResponse {
    id;
    username;
    email;
    is_active;
    is_staff;
    is_superuser;
    last_login;
    date_joined;
    static ofRow(r) {
        return {
            id: r.id,
            username: r.username,
            email: r.email,
            is_active: r.is_active,
            is_staff: r.is_staff,
            is_superuser: r.is_superuser,
            last_login: iso(r.last_login),
            date_joined: iso(r.date_joined),
        };
    }
    static ofUser(u) {
        return AdminUserResponse.ofRow({
            id: u.id,
            username: u.username,
            email: u.email,
            is_active: u.isActive,
            is_staff: u.isStaff,
            is_superuser: u.isSuperuser,
            last_login: u.lastLogin,
            date_joined: u.dateJoined,
        });
    }
}
exports.AdminUserResponse = AdminUserResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ example: 7 }),
    __metadata("design:type", Number)
], AdminUserResponse.prototype, "id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'alice' }),
    __metadata("design:type", String)
], AdminUserResponse.prototype, "username", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'alice@example.com' }),
    __metadata("design:type", String)
], AdminUserResponse.prototype, "email", void 0);
__decorate([
    (0, swagger_1.ApiProperty)(),
    __metadata("design:type", Boolean)
], AdminUserResponse.prototype, "is_active", void 0);
__decorate([
    (0, swagger_1.ApiProperty)(),
    __metadata("design:type", Boolean)
], AdminUserResponse.prototype, "is_staff", void 0);
__decorate([
    (0, swagger_1.ApiProperty)(),
    __metadata("design:type", Boolean)
], AdminUserResponse.prototype, "is_superuser", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, format: 'date-time', nullable: true }),
    __metadata("design:type", Object)
], AdminUserResponse.prototype, "last_login", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, format: 'date-time' }),
    __metadata("design:type", String)
], AdminUserResponse.prototype, "date_joined", void 0);
class PageFields {
    count;
    next;
    previous;
}
__decorate([
    (0, swagger_1.ApiProperty)({ example: 42 }),
    __metadata("design:type", Number)
], PageFields.prototype, "count", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, nullable: true, example: 'http://127.0.0.1:3000/api/admin/users/?page=2' }),
    __metadata("design:type", Object)
], PageFields.prototype, "next", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, nullable: true, example: null }),
    __metadata("design:type", Object)
], PageFields.prototype, "previous", void 0);
class AdminUserPage extends PageFields {
    results;
}
exports.AdminUserPage = AdminUserPage;
__decorate([
    (0, swagger_1.ApiProperty)({ type: [AdminUserResponse] }),
    __metadata("design:type", Array)
], AdminUserPage.prototype, "results", void 0);
class SecurityEventResponse {
    id;
    type;
    user_id;
    username;
    session_id;
    ip;
    user_agent;
    detail;
    created_at;
    static of(r) {
        return { ...r, id: Number(r.id), created_at: iso(r.created_at) };
    }
}
exports.SecurityEventResponse = SecurityEventResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ example: 1234 }),
    __metadata("design:type", Number)
], SecurityEventResponse.prototype, "id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'reuse_detected' }),
    __metadata("design:type", String)
], SecurityEventResponse.prototype, "type", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: Number, nullable: true }),
    __metadata("design:type", Object)
], SecurityEventResponse.prototype, "user_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, nullable: true }),
    __metadata("design:type", Object)
], SecurityEventResponse.prototype, "username", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, nullable: true }),
    __metadata("design:type", Object)
], SecurityEventResponse.prototype, "session_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, nullable: true }),
    __metadata("design:type", Object)
], SecurityEventResponse.prototype, "ip", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, nullable: true }),
    __metadata("design:type", Object)
], SecurityEventResponse.prototype, "user_agent", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, nullable: true }),
    __metadata("design:type", Object)
], SecurityEventResponse.prototype, "detail", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, format: 'date-time' }),
    __metadata("design:type", String)
], SecurityEventResponse.prototype, "created_at", void 0);
class SecurityEventPage extends PageFields {
    results;
}
exports.SecurityEventPage = SecurityEventPage;
__decorate([
    (0, swagger_1.ApiProperty)({ type: [SecurityEventResponse] }),
    __metadata("design:type", Array)
], SecurityEventPage.prototype, "results", void 0);
class SetActiveDto {
    is_active;
}
exports.SetActiveDto = SetActiveDto;
__decorate([
    (0, swagger_1.ApiProperty)({ description: 'false ends every session of the user for good' }),
    __metadata("design:type", Boolean)
], SetActiveDto.prototype, "is_active", void 0);
//# sourceMappingURL=admin.responses.js.map