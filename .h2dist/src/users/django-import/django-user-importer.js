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
exports.DjangoUserImporter = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const django_password_hasher_1 = require("../django-password-hasher");
const users_repository_1 = require("../users.repository");
const django_user_file_1 = require("./django-user-file");
/**
 * `importusers`: Django's auth_user into ours, ids kept (user_id claims still match). Each record is
 * one upsert statement, so a record is written whole or not at all; bad records are reported and
 * skipped; re-running is safe. Afterwards the id sequence continues after the largest id.
 */
let DjangoUserImporter = class DjangoUserImporter {
    users;
    constructor(users) {
        this.users = users;
    }
    async import(text, format) {
        const { records, problems } = django_user_file_1.DjangoUserFile.parse(text, format);
        const report = { inserted: 0, updated: 0, problems, unverifiable: 0 };
        for (const { line, user } of records) {
            try {
                if (await this.users.upsertImported(user))
                    report.inserted += 1;
                else
                    report.updated += 1;
                if (!django_password_hasher_1.DjangoPasswordHasher.handles(user.passwordHash) && !user.passwordHash.startsWith('$argon2')) {
                    report.unverifiable += 1;
                }
            }
            catch (e) {
                if (e instanceof users_repository_1.UsernameTakenError) {
                    problems.push({
                        line,
                        message: `username ${JSON.stringify(user.username)} belongs to a user with another id`,
                    });
                }
                else if (e instanceof typeorm_1.QueryFailedError) {
                    problems.push({
                        line,
                        message: `refused by the database (${e.driverError?.message ?? e.message})`,
                    });
                }
                else
                    throw e;
            }
        }
        if (report.inserted > 0)
            await this.users.bumpIdSequence();
        problems.sort((a, b) => a.line - b.line);
        return report;
    }
};
exports.DjangoUserImporter = DjangoUserImporter;
exports.DjangoUserImporter = DjangoUserImporter = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [users_repository_1.UsersRepository])
], DjangoUserImporter);
//# sourceMappingURL=django-user-importer.js.map