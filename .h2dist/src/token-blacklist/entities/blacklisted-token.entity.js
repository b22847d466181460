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
exports.BlacklistedTokenEntity = void 0;
const typeorm_1 = require("typeorm");
/** simplejwt's BlacklistedToken: at most one per outstanding token. */
let BlacklistedTokenEntity = class BlacklistedTokenEntity {
    id;
    tokenId;
    blacklistedAt;
};
exports.BlacklistedTokenEntity = BlacklistedTokenEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)({ type: 'bigint', primaryKeyConstraintName: 'pk_blacklisted_token' }),
    __metadata("design:type", String)
], BlacklistedTokenEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'token_id', type: 'bigint' }),
    __metadata("design:type", String)
], BlacklistedTokenEntity.prototype, "tokenId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'blacklisted_at', type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], BlacklistedTokenEntity.prototype, "blacklistedAt", void 0);
exports.BlacklistedTokenEntity = BlacklistedTokenEntity = __decorate([
    (0, typeorm_1.Entity)({ name: 'blacklisted_token' })
], BlacklistedTokenEntity);
//# sourceMappingURL=blacklisted-token.entity.js.map