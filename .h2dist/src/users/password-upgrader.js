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
var PasswordUpgrader_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.PasswordUpgrader = void 0;
const common_1 = require("@nestjs/common");
const django_password_hasher_1 = require("./django-password-hasher");
const password_hasher_1 = require("./password-hasher");
const users_repository_1 = require("./users.repository");
/**
 * Password checks for users brought over from Django: a Django hash (pbkdf2_sha256, argon2,
 * bcrypt_sha256, ...) is verified as Django does, and after the first successful check it is
 * replaced by our argon2id hash. Everything else goes to PasswordHasher as before.
 */
let PasswordUpgrader = PasswordUpgrader_1 = class PasswordUpgrader {
    hasher;
    users;
    django = new django_password_hasher_1.DjangoPasswordHasher();
    log = new common_1.Logger(PasswordUpgrader_1.name);
    constructor(hasher, users) {
        this.hasher = hasher;
        this.users = users;
    }
    async verify(user, password) {
        if (!django_password_hasher_1.DjangoPasswordHasher.handles(user.passwordHash))
            return this.hasher.verify(user.passwordHash, password);
        if (!(await this.django.verify(user.passwordHash, password)))
            return false;
        const upgraded = await this.hasher.hash(password);
        // Only if the hash is still the one just checked: a concurrent password change wins.
        if (await this.users.replacePasswordHash(user.id, user.passwordHash, upgraded)) {
            this.log.log(`user ${user.id}: Django password hash re-hashed to argon2id`);
            user.passwordHash = upgraded;
        }
        return true;
    }
};
exports.PasswordUpgrader = PasswordUpgrader;
exports.PasswordUpgrader = PasswordUpgrader = PasswordUpgrader_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [password_hasher_1.PasswordHasher,
        users_repository_1.UsersRepository])
], PasswordUpgrader);
//# sourceMappingURL=password-upgrader.js.map