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
exports.AdminUsersService = void 0;
const common_1 = require("@nestjs/common");
const errors_1 = require("../common/errors");
const revocation_service_1 = require("../sessions/revocation.service");
const user_lifecycle_service_1 = require("../sessions/user-lifecycle.service");
const users_service_1 = require("../users/users.service");
const admin_users_repository_1 = require("./admin-users.repository");
const ID = /^[1-9]\d{0,9}$/;
const MAX_ID = 2147483647;
/** Staff actions on users, by id; an id that is malformed or names nobody is 404. */
let AdminUsersService = class AdminUsersService {
    listing;
    users;
    lifecycle;
    revocation;
    constructor(listing, users, lifecycle, revocation) {
        this.listing = listing;
        this.users = users;
        this.lifecycle = lifecycle;
        this.revocation = revocation;
    }
    page(search, limit, offset) {
        return this.listing.page(search, limit, offset);
    }
    async setActive(id, active, client) {
        const user = await this.require(id);
        await this.lifecycle.setActive(user.username, active, client);
        return { ...user, isActive: active };
    }
    async delete(id, client) {
        const user = await this.require(id);
        if (!(await this.lifecycle.delete(user.username, client)))
            throw errors_1.Errors.notFound();
    }
    async revokeSessions(id, client) {
        const user = await this.require(id);
        return this.revocation.revokeUser(user.id, { reason: 'admin', sessionless: true }, { client });
    }
    async require(id) {
        if (!ID.test(id) || Number(id) > MAX_ID)
            throw errors_1.Errors.notFound();
        const user = await this.users.findById(Number(id));
        if (!user)
            throw errors_1.Errors.notFound();
        return user;
    }
};
exports.AdminUsersService = AdminUsersService;
exports.AdminUsersService = AdminUsersService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [admin_users_repository_1.AdminUsersRepository,
        users_service_1.UsersService,
        user_lifecycle_service_1.UserLifecycleService,
        revocation_service_1.RevocationService])
], AdminUsersService);
//# sourceMappingURL=admin-users.service.js.map