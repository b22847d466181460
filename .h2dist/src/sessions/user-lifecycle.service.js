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
exports.UserLifecycleService = void 0;
const common_1 = require("@nestjs/common");
const domain_error_1 = require("../common/domain-error");
const security_events_service_1 = require("../security-events/security-events.service");
const password_policy_1 = require("../users/password-policy");
const user_management_service_1 = require("../users/user-management.service");
const users_service_1 = require("../users/users.service");
const revocation_service_1 = require("./revocation.service");
const WRONG_OLD_PASSWORD = 'Your old password was entered incorrectly. Please enter it again.';
/**
 * User changes that end sessions (ASVS 7.4): deactivation and deletion end every session for good
 * (reactivation does not bring old tokens back), a password change ends every session but the
 * current one. Used by the CLI, the admin API and /api/users/me/password/; every instance hears of it at once.
 */
let UserLifecycleService = class UserLifecycleService {
    management;
    users;
    revocation;
    events;
    constructor(management, users, revocation, events) {
        this.management = management;
        this.users = users;
        this.revocation = revocation;
        this.events = events;
    }
    async setActive(username, active, client) {
        const user = await this.management.setActive(username, active);
        await this.revocation.userChanged(user.id);
        if (!active) {
            await this.revocation.revokeUser(user.id, { reason: 'deactivated', sessionless: true, event: 'user_deactivated' }, { client });
        }
        else {
            await this.events.record({ type: 'user_activated', userId: user.id, username, ...client });
        }
        return user;
    }
    /** False when there was no such user. */
    async delete(username, client) {
        const user = await this.users.findByUsername(username);
        if (!user)
            return false;
        await this.revocation.revokeUser(user.id, { reason: 'deleted', sessionless: true, event: 'user_deleted' }, { client });
        const deleted = await this.management.delete(username);
        await this.revocation.userChanged(user.id);
        return deleted;
    }
    /** An operator sets the password (CLI): every session of the user ends. */
    async setPassword(username, password) {
        const user = await this.management.changePassword(username, password);
        await this.revocation.revokeUser(user.id, { reason: 'password_changed', sessionless: true, event: 'password_changed' });
        return user;
    }
    /** The user changes their own password: old one checked, policy applied, every other session ends. */
    async changeOwnPassword(user, oldPassword, newPassword, currentSid, client) {
        if (!(await this.users.checkCredentials(user.username, oldPassword))) {
            throw domain_error_1.DomainError.fields({ old_password: [WRONG_OLD_PASSWORD] });
        }
        const problems = (0, password_policy_1.passwordProblems)(newPassword, user.username);
        if (problems.length > 0)
            throw domain_error_1.DomainError.fields({ new_password: problems });
        await this.management.changePassword(user.username, newPassword);
        return this.revocation.revokeUser(user.id, { exceptSid: currentSid, reason: 'password_changed', sessionless: currentSid !== null, event: 'password_changed' }, { client, sessionId: currentSid });
    }
    /** The conformance suite's CREATE_USER_CMD, with deactivation and deletion ending sessions. */
    async upsert(username, password, mode) {
        const before = await this.users.findByUsername(username);
        if (mode === 'delete') {
            if (before)
                await this.delete(username);
            return;
        }
        await this.management.upsert(username, password, mode);
        if (!before)
            return;
        if (before.isActive && mode === 'inactive')
            await this.setActive(username, false);
        else
            await this.revocation.userChanged(before.id);
    }
};
exports.UserLifecycleService = UserLifecycleService;
exports.UserLifecycleService = UserLifecycleService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [user_management_service_1.UserManagementService,
        users_service_1.UsersService,
        revocation_service_1.RevocationService,
        security_events_service_1.SecurityEventsService])
], UserLifecycleService);
//# sourceMappingURL=user-lifecycle.service.js.map