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
exports.UserManagementService = exports.UnknownUserError = void 0;
const common_1 = require("@nestjs/common");
const password_hasher_1 = require("./password-hasher");
const users_repository_1 = require("./users.repository");
/** Thrown when a command names a user that does not exist. */
class UnknownUserError extends Error {
    username;
    constructor(username) {
        super(`No user named ${JSON.stringify(username)}`);
        this.username = username;
    }
}
exports.UnknownUserError = UnknownUserError;
/** Operator actions on users (the CLI; later the admin API). Usernames are taken exactly as given. */
let UserManagementService = class UserManagementService {
    users;
    hasher;
    constructor(users, hasher) {
        this.users = users;
        this.hasher = hasher;
    }
    async create(o) {
        const user = {
            username: o.username,
            email: o.email ?? '',
            passwordHash: await this.hasher.hash(o.password),
            isActive: o.isActive ?? true,
            isStaff: o.isStaff ?? false,
            isSuperuser: o.isSuperuser ?? false,
        };
        return this.users.insert(user);
    }
    async setActive(username, active) {
        const user = await this.require(username);
        await this.users.updateFlags(user.id, { isActive: active });
        return { ...user, isActive: active };
    }
    async changePassword(username, password) {
        const user = await this.require(username);
        await this.users.updatePassword(user.id, await this.hasher.hash(password));
        return user;
    }
    /** False when there was no such user. */
    async delete(username) {
        const user = await this.users.findByUsername(username);
        return user ? this.users.deleteById(user.id) : false;
    }
    /** The conformance suite's CREATE_USER_CMD: create or update (password, active flag), or delete. */
    async upsert(username, password, mode) {
        const existing = await this.users.findByUsername(username);
        if (mode === 'delete') {
            if (existing)
                await this.users.deleteById(existing.id);
            return;
        }
        if (!existing) {
            await this.create({ username, password, isActive: mode === 'active' });
            return;
        }
        await this.users.updatePassword(existing.id, await this.hasher.hash(password));
        await this.users.updateFlags(existing.id, { isActive: mode === 'active' });
    }
    async require(username) {
        const user = await this.users.findByUsername(username);
        if (!user)
            throw new UnknownUserError(username);
        return user;
    }
};
exports.UserManagementService = UserManagementService;
exports.UserManagementService = UserManagementService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [users_repository_1.UsersRepository,
        password_hasher_1.PasswordHasher])
], UserManagementService);
//# sourceMappingURL=user-management.service.js.map