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
exports.OutstandingTokenRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
/** The only SQL on outstanding_token / blacklisted_token. Each method is one statement. */
let OutstandingTokenRepository = class OutstandingTokenRepository {
    dataSource;
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    /** Records an issued token. A user id of no existing user is stored as null. */
    async insert(t, m = this.dataSource.manager) {
        await m.query(`INSERT INTO outstanding_token (jti, user_id, token_sha256, expires_at)
       VALUES ($1, (SELECT id FROM users WHERE id = $2), $3, $4)`, [t.jti, t.userId, t.tokenSha256, t.expiresAt]);
    }
    async isBlacklisted(jti) {
        const rows = await this.dataSource.query(`SELECT 1 FROM blacklisted_token b JOIN outstanding_token o ON o.id = b.token_id WHERE o.jti = $1`, [jti]);
        return rows.length > 0;
    }
    /**
     * simplejwt's Token.blacklist() as one atomic statement: records the token as outstanding if it
     * is not yet, then blacklists it unless it already is. True only for the one caller that
     * blacklisted it, so concurrent callers get exactly one winner.
     */
    async blacklistIfAbsent(t, m = this.dataSource.manager) {
        const rows = await m.query(`WITH ot AS (
         INSERT INTO outstanding_token (jti, user_id, token_sha256, expires_at)
         VALUES ($1, (SELECT id FROM users WHERE id = $2), $3, $4)
         ON CONFLICT ON CONSTRAINT uq_outstanding_token_jti DO UPDATE SET jti = EXCLUDED.jti
         RETURNING id
       )
       INSERT INTO blacklisted_token (token_id) SELECT id FROM ot
       ON CONFLICT ON CONSTRAINT uq_blacklisted_token_token_id DO NOTHING
       RETURNING id`, [t.jti, t.userId, t.tokenSha256, t.expiresAt]);
        return rows.length === 1;
    }
    /** Deletes up to `limit` tokens that expired before `before` (their blacklist rows cascade). */
    async deleteExpiredBefore(before, limit) {
        // TypeORM answers a DELETE with [rows, rowCount], not with the rows
        const [, deleted] = await this.dataSource.query(`DELETE FROM outstanding_token WHERE id IN (
         SELECT id FROM outstanding_token WHERE expires_at < $1 ORDER BY expires_at LIMIT $2
         FOR UPDATE SKIP LOCKED
       )`, [before, limit]);
        return deleted;
    }
    async countExpiredBefore(before) {
        const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM outstanding_token WHERE expires_at < $1`, [before]));
        return row.n;
    }
};
exports.OutstandingTokenRepository = OutstandingTokenRepository;
exports.OutstandingTokenRepository = OutstandingTokenRepository = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource])
], OutstandingTokenRepository);
//# sourceMappingURL=outstanding-token.repository.js.map