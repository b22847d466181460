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
exports.UsersService = exports.USERNAME_TAKEN = void 0;
const common_1 = require("@nestjs/common");
const domain_error_1 = require("../common/domain-error");
const clock_1 = require("../common/clock");
const password_hasher_1 = require("./password-hasher");
const password_upgrader_1 = require("./password-upgrader");
const password_policy_1 = require("./password-policy");
const users_repository_1 = require("./users.repository");
const USERNAME = /^[\p{L}\p{N}_.@+-]{1,150}$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
exports.USERNAME_TAKEN = 'A user with that username already exists.';
/** Login checks and self-service registration. */
let UsersService = class UsersService {
    users;
    hasher;
    clock;
    passwords;
    constructor(users, hasher, clock, passwords) {
        this.users = users;
        this.hasher = hasher;
        this.clock = clock;
        this.passwords = passwords;
    }
    /**
     * The active user with these credentials, or null. Unknown usernames cost one dummy verification,
     * and inactive users are refused only after the password check, so timing tells nothing.
     */
    async checkCredentials(username, password) {
        const user = await this.users.findByUsername(username);
        if (!user)
            return this.hasher.verifyDummy(password).then(() => null);
        const ok = await this.passwords.verify(user, password);
        return ok && user.isActive ? user : null;
    }
    findById(id) {
        return this.users.findById(id);
    }
    findByUsername(username) {
        return this.users.findByUsername(username);
    }
    async recordLogin(user) {
        await this.users.updateLastLogin(user.id, new Date(this.clock.now()));
    }
    /** Validates like Django's UserCreationForm + default password validators; 400 field errors. */
    async register(r) {
        const errors = {};
        if (!USERNAME.test(r.username)) {
            errors.username = ['Enter a valid username of at most 150 letters, digits and @/./+/-/_ characters.'];
        }
        const email = r.email ?? '';
        if (email !== '' && (email.length > 254 || !EMAIL.test(email)))
            errors.email = ['Enter a valid email address.'];
        const problems = (0, password_policy_1.passwordProblems)(r.password, r.username);
        if (problems.length > 0)
            errors.password = problems;
        if (Object.keys(errors).length > 0)
            throw domain_error_1.DomainError.fields(errors);
        try {
            return await this.users.insert({ username: r.username, email, passwordHash: await this.hasher.hash(r.password) });
        }
        catch (e) {
            if (e instanceof users_repository_1.UsernameTakenError)
                throw domain_error_1.DomainError.fields({ username: [exports.USERNAME_TAKEN] });
            throw e;
        }
    }
};
exports.UsersService = UsersService;
exports.UsersService = UsersService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [users_repository_1.UsersRepository,
        password_hasher_1.PasswordHasher,
        clock_1.Clock,
        password_upgrader_1.PasswordUpgrader])
], UsersService);
//# sourceMappingURL=users.service.js.map