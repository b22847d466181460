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
exports.OutstandingTokenEntity = void 0;
const typeorm_1 = require("typeorm");
/**
 * simplejwt's OutstandingToken: every refresh and sliding token issued. The token itself is not
 * stored, only its SHA-256: the table is not a vault of live credentials.
 */
let OutstandingTokenEntity = class OutstandingTokenEntity {
    id;
    /** Null when the user is deleted, or for a token we did not issue ourselves (imported). */
    userId;
    jti;
    tokenSha256;
    createdAt;
    expiresAt;
};
exports.OutstandingTokenEntity = OutstandingTokenEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)({ type: 'bigint', primaryKeyConstraintName: 'pk_outstanding_token' }),
    __metadata("design:type", String)
], OutstandingTokenEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'user_id', type: 'integer', nullable: true }),
    __metadata("design:type", Object)
], OutstandingTokenEntity.prototype, "userId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 255 }),
    __metadata("design:type", String)
], OutstandingTokenEntity.prototype, "jti", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'token_sha256', type: 'char', length: 64 }),
    __metadata("design:type", String)
], OutstandingTokenEntity.prototype, "tokenSha256", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], OutstandingTokenEntity.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'expires_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], OutstandingTokenEntity.prototype, "expiresAt", void 0);
exports.OutstandingTokenEntity = OutstandingTokenEntity = __decorate([
    (0, typeorm_1.Entity)({ name: 'outstanding_token' })
], OutstandingTokenEntity);
//# sourceMappingURL=outstanding-token.entity.js.map