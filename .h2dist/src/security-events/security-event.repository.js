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
exports.SecurityEventRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
/** The only SQL on security_event. */
let SecurityEventRepository = class SecurityEventRepository {
    dataSource;
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    async insert(e) {
        await this.dataSource.query(`INSERT INTO security_event (type, user_id, username, session_id, ip, user_agent, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
            e.type,
            e.userId ?? null,
            e.username?.slice(0, 150) ?? null,
            e.sessionId ?? null,
            e.ip?.slice(0, 64) ?? null,
            e.userAgent?.slice(0, 512) ?? null,
            e.detail?.slice(0, 500) ?? null,
        ]);
    }
    /** Newest first. */
    async page(filter, limit, offset) {
        const params = [filter.userId ?? null, filter.type ?? null];
        const where = `($1::int IS NULL OR user_id = $1) AND ($2::varchar IS NULL OR type = $2)`;
        const [{ n }] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM security_event WHERE ${where}`, params));
        const rows = (await this.dataSource.query(`SELECT id, type, user_id, username, session_id, ip, user_agent, detail, created_at
       FROM security_event WHERE ${where} ORDER BY id DESC LIMIT $3 OFFSET $4`, [...params, limit, offset]));
        return { count: n, rows };
    }
    /** Deletes up to `limit` events older than `before`; never holds more than one batch of row locks. */
    async deleteOlderThan(before, limit) {
        // TypeORM answers a DELETE with [rows, affected row count]
        const [, deleted] = (await this.dataSource.query(`DELETE FROM security_event WHERE id IN (
         SELECT id FROM security_event WHERE created_at < $1 ORDER BY created_at LIMIT $2
         FOR UPDATE SKIP LOCKED
       )`, [before, limit]));
        return deleted;
    }
};
exports.SecurityEventRepository = SecurityEventRepository;
exports.SecurityEventRepository = SecurityEventRepository = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource])
], SecurityEventRepository);
//# sourceMappingURL=security-event.repository.js.map