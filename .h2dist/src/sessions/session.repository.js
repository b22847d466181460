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
exports.SessionRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
/** The only SQL on auth_session, auth_session_token and auth_user_cutoff. One statement per method. */
let SessionRepository = class SessionRepository {
    dataSource;
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    /** Idempotent: a session id that exists already is left as it is. */
    async insertSession(s) {
        await this.dataSource.query(`INSERT INTO auth_session (id, user_id, created_at, last_used_at, expires_at, refresh_expires_at, ip, user_agent)
       VALUES ($1, $2, $3, $3, $4, $5, $6, $7) ON CONFLICT ON CONSTRAINT pk_auth_session DO NOTHING`, [s.id, s.userId, s.createdAt, s.expiresAt, s.refreshExpiresAt, s.ip, s.userAgent]);
    }
    /** Idempotent: a jti that belongs to a family already keeps its family. */
    async insertToken(jti, sessionId, m = this.dataSource.manager, parent) {
        await m.query(`INSERT INTO auth_session_token (jti, session_id, parent_jti) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT pk_auth_session_token DO NOTHING`, [jti, sessionId, parent ?? null]);
    }
    async findByJti(jti) {
        const rows = (await this.dataSource.query(`SELECT t.session_id, s.user_id, t.rotated_at, s.expires_at, s.revoked_at
       FROM auth_session_token t JOIN auth_session s ON s.id = t.session_id WHERE t.jti = $1`, [jti]));
        const r = rows[0];
        return r
            ? { sessionId: r.session_id, userId: r.user_id, rotatedAt: r.rotated_at, expiresAt: r.expires_at, revokedAt: r.revoked_at }
            : null;
    }
    async findSession(id) {
        const rows = (await this.dataSource.query(`SELECT * FROM auth_session WHERE id = $1`, [id]));
        return rows[0] ?? null;
    }
    /** Inside the rotation transaction: the presented token is marked rotated out, its successor joins the family. */
    async recordRotation(r, m) {
        await m.query(`WITH old AS (
         UPDATE auth_session_token SET rotated_at = $3, successor_jti = $2 WHERE jti = $1 RETURNING session_id
       ), ses AS (
         UPDATE auth_session SET last_used_at = $3, refresh_expires_at = GREATEST(refresh_expires_at, $5)
         WHERE id = $4 RETURNING id
       )
       INSERT INTO auth_session_token (jti, session_id, parent_jti) SELECT $2, id, $1 FROM ses`, [r.oldJti, r.successorJti, r.at, r.sessionId, r.successorExp]);
    }
    /** Last use; `usableUntil` raises the newest-token expiry (a sliding token extended). */
    async touch(id, at, usableUntil) {
        await this.dataSource.query(`UPDATE auth_session SET last_used_at = GREATEST(last_used_at, $2),
         refresh_expires_at = GREATEST(refresh_expires_at, COALESCE($3::timestamptz, refresh_expires_at)) WHERE id = $1`, [id, at, usableUntil]);
    }
    /** True for the one caller that revoked it. */
    async revoke(id, reason, at) {
        const [, affected] = (await this.dataSource.query(`UPDATE auth_session SET revoked_at = $3, revoke_reason = $2 WHERE id = $1 AND revoked_at IS NULL`, [id, reason, at]));
        return affected === 1;
    }
    /** Revokes every live session of a user but `exceptId`; the ids revoked. */
    async revokeAllOfUser(userId, exceptId, reason, at) {
        const [rows] = (await this.dataSource.query(`UPDATE auth_session SET revoked_at = $4, revoke_reason = $3
       WHERE user_id = $1 AND revoked_at IS NULL AND ($2::varchar IS NULL OR id <> $2) RETURNING id`, [userId, exceptId, reason, at]));
        return rows.map((r) => r.id);
    }
    /** Sessions not revoked whose cap and newest refresh token are both still ahead. */
    async listLive(userId, now) {
        return (await this.dataSource.query(`SELECT * FROM auth_session WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2
         AND refresh_expires_at > $2 ORDER BY last_used_at DESC, id LIMIT 1000`, [userId, now]));
    }
    /** Session-less tokens of this user issued at or before `at` are dead from now on. */
    async raiseCutoff(userId, at) {
        await this.dataSource.query(`INSERT INTO auth_user_cutoff (user_id, revoked_before) SELECT id, $2 FROM users WHERE id = $1
       ON CONFLICT ON CONSTRAINT pk_auth_user_cutoff DO UPDATE
       SET revoked_before = GREATEST(auth_user_cutoff.revoked_before, EXCLUDED.revoked_before)`, [userId, at]);
    }
    async findCutoff(userId) {
        const rows = (await this.dataSource.query(`SELECT revoked_before FROM auth_user_cutoff WHERE user_id = $1`, [
            userId,
        ]));
        return rows[0]?.revoked_before ?? null;
    }
    /** Deletes up to `limit` sessions whose cap and every refresh token passed before `before` (tokens cascade). */
    async deleteGoneBefore(before, limit) {
        const [, deleted] = (await this.dataSource.query(`DELETE FROM auth_session WHERE id IN (
         SELECT id FROM auth_session WHERE GREATEST(expires_at, refresh_expires_at) < $1 LIMIT $2
         FOR UPDATE SKIP LOCKED
       )`, [before, limit]));
        return deleted;
    }
};
exports.SessionRepository = SessionRepository;
exports.SessionRepository = SessionRepository = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource])
], SessionRepository);
//# sourceMappingURL=session.repository.js.map