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
exports.UserResolver = void 0;
const common_1 = require("@nestjs/common");
const errors_1 = require("../common/errors");
const jwt_config_1 = require("../config/jwt.config");
const users_service_1 = require("../users/users.service");
const user_claim_1 = require("./user-claim");
/** Between tokens and users: what a token's user claim holds, and which user it names. */
let UserResolver = class UserResolver {
    config;
    users;
    constructor(config, users) {
        this.config = config;
        this.users = users;
    }
    /** The value of the user claim for a user (USER_ID_FIELD). */
    claimFor(user) {
        return this.config.userIdField === 'id' ? user.id : user.username;
    }
    /** The user the token names: 401 user_not_found / user_inactive otherwise. */
    async requireActive(claims) {
        const ref = (0, user_claim_1.readUserClaim)(claims, this.config);
        const user = ref.by === 'id'
            ? await this.users.findById(ref.id)
            : ref.by === 'username'
                ? await this.users.findByUsername(ref.username)
                : null;
        if (!user)
            throw errors_1.Errors.userNotFound();
        if (!user.isActive)
            throw errors_1.Errors.userInactive();
        return user;
    }
    /** The numeric user id a token names, when it names one by id; null otherwise (never throws). */
    idOrNull(claims) {
        try {
            const ref = (0, user_claim_1.readUserClaim)(claims, this.config);
            return ref.by === 'id' ? ref.id : null;
        }
        catch {
            return null;
        }
    }
};
exports.UserResolver = UserResolver;
exports.UserResolver = UserResolver = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [jwt_config_1.JwtConfig,
        users_service_1.UsersService])
], UserResolver);
//# sourceMappingURL=user-resolver.js.map