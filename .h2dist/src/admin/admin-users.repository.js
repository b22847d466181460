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
exports.AdminUsersRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
/** Read-only listing of users for staff (search and page); changes go through the users and sessions services. */
let AdminUsersRepository = class AdminUsersRepository {
    dataSource;
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    /** Username or email contains `search` (case-insensitive, `%` and `_` taken literally); by id. */
    async page(search, limit, offset) {
        const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const where = `($1 = '' OR username ILIKE $2 OR email ILIKE $2)`;
        const [{ n }] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE ${where}`, [
            search,
            pattern,
        ]));
        const rows = (await this.dataSource.query(`SELECT id, username, email, is_active, is_staff, is_superuser, last_login, date_joined
       FROM users WHERE ${where} ORDER BY id LIMIT $3 OFFSET $4`, [search, pattern, limit, offset]));
        return { count: n, rows };
    }
};
exports.AdminUsersRepository = AdminUsersRepository;
exports.AdminUsersRepository = AdminUsersRepository = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource])
], AdminUsersRepository);
//# sourceMappingURL=admin-users.repository.js.map