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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.UsersRepository = exports.UsernameTakenError = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
const user_entity_1 = require("./entities/user.entity");
/** Thrown by `insert` when the username is taken. */
class UsernameTakenError extends Error {
}
exports.UsernameTakenError = UsernameTakenError;
/** The only TypeORM code on the users table; one method per query. */
let UsersRepository = class UsersRepository {
    users;
    constructor(users) {
        this.users = users;
    }
    findById(id) {
        return this.users.findOneBy({ id });
    }
    /** Exact, case-sensitive match: no pattern characters. */
    findByUsername(username) {
        return this.users.findOneBy({ username });
    }
    async insert(user) {
        try {
            return await this.users.save(this.users.create(user));
        }
        catch (e) {
            if (isUniqueViolation(e))
                throw new UsernameTakenError(user.username);
            throw e;
        }
    }
    async updateLastLogin(id, at) {
        await this.users.update({ id }, { lastLogin: at });
    }
    async updatePassword(id, passwordHash) {
        await this.users.update({ id }, { passwordHash });
    }
    /** Compare-and-set of the password hash (re-hash on login): false when it changed meanwhile. */
    async replacePasswordHash(id, expected, passwordHash) {
        const result = await this.users.update({ id, passwordHash: expected }, { passwordHash });
        return result.affected === 1;
    }
    /**
     * One imported Django user, keyed by its Django id, in one statement (whole or not at all).
     * A hash set in Bastion (argon2id: changed here or already re-hashed at login) is kept.
     * Returns true when the row was inserted, false when updated. UsernameTakenError when another
     * id has the username.
     */
    async upsertImported(u) {
        try {
            const rows = await this.users.query(`INSERT INTO users (id, username, email, password_hash, is_active, is_staff, is_superuser, last_login, date_joined)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO UPDATE SET
           username = EXCLUDED.username,
           email = EXCLUDED.email,
           password_hash = CASE WHEN users.password_hash LIKE '$argon2id$%' THEN users.password_hash
                                ELSE EXCLUDED.password_hash END,
           is_active = EXCLUDED.is_active,
           is_staff = EXCLUDED.is_staff,
           is_superuser = EXCLUDED.is_superuser,
           last_login = GREATEST(users.last_login, EXCLUDED.last_login),
           date_joined = EXCLUDED.date_joined
         RETURNING (xmax = 0) AS inserted`, [
                u.id,
                u.username,
                u.email,
                u.passwordHash,
                u.isActive,
                u.isStaff,
                u.isSuperuser,
                u.lastLogin,
                u.dateJoined,
            ]);
            return rows[0].inserted;
        }
        catch (e) {
            if (isUniqueViolation(e))
                throw new UsernameTakenError(u.username);
            throw e;
        }
    }
    /** After inserting explicit ids: the next generated id follows the largest one. */
    async bumpIdSequence() {
        await this.users.query(`SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM users), false)`);
    }
    async updateFlags(id, flags) {
        await this.users.update({ id }, flags);
    }
    async deleteById(id) {
        const result = await this.users.delete({ id });
        return (result.affected ?? 0) > 0;
    }
};
exports.UsersRepository = UsersRepository;
exports.UsersRepository = UsersRepository = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectRepository)(user_entity_1.UserEntity)),
    __metadata("design:paramtypes", [typeorm_2.Repository])
], UsersRepository);
function isUniqueViolation(e) {
    return e instanceof typeorm_2.QueryFailedError && e.driverError?.code === '23505';
}
//# sourceMappingURL=users.repository.js.map