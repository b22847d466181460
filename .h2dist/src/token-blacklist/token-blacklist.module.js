"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TokenBlacklistModule = void 0;
const common_1 = require("@nestjs/common");
const outstanding_token_repository_1 = require("./outstanding-token.repository");
const token_blacklist_service_1 = require("./token-blacklist.service");
let TokenBlacklistModule = class TokenBlacklistModule {
};
exports.TokenBlacklistModule = TokenBlacklistModule;
exports.TokenBlacklistModule = TokenBlacklistModule = __decorate([
    (0, common_1.Module)({
        providers: [outstanding_token_repository_1.OutstandingTokenRepository, token_blacklist_service_1.TokenBlacklistService],
        exports: [token_blacklist_service_1.TokenBlacklistService],
    })
], TokenBlacklistModule);
//# sourceMappingURL=token-blacklist.module.js.map