import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, MoreThan, Repository } from 'typeorm';
import { SessionEntity } from './entities/session.entity';
import { UserCutoffEntity } from './entities/user-cutoff.entity';
import { NewSession, Session } from './session';

/** TypeORM answers an UPDATE or DELETE with [rows RETURNING gave, affected row count]. */
type UpdateResult<R = unknown> = [R[], number];

/** The statements on auth_session and auth_user_cutoff (a login and a rotation: TokenFamilyRepository). */
@Injectable()
export class SessionRepository {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(UserCutoffEntity) private readonly cutoffs: Repository<UserCutoffEntity>,
  ) {}

  /** Idempotent: a session id that exists already is left as it is. */
  async insertSession(s: NewSession): Promise<void> {
    await this.sessions.query(
      `INSERT INTO auth_session (id, user_id, created_at, last_used_at, expires_at, refresh_expires_at, ip, user_agent)
       VALUES ($1, $2, $3, $3, $4, $5, $6, $7) ON CONFLICT ON CONSTRAINT pk_auth_session DO NOTHING`,
      [s.id, s.userId, s.createdAt, s.expiresAt, s.refreshExpiresAt, s.ip, s.userAgent],
    );
  }

  async findSession(id: string): Promise<Session | null> {
    const row = await this.sessions.findOneBy({ id });
    return row && toSession(row);
  }

  /** Last use; `usableUntil` raises the newest-token expiry (a sliding token extended). */
  async touch(id: string, at: Date, usableUntil: Date | null): Promise<void> {
    await this.sessions.query(
      `UPDATE auth_session SET last_used_at = GREATEST(last_used_at, $2),
         refresh_expires_at = GREATEST(refresh_expires_at, COALESCE($3::timestamptz, refresh_expires_at)) WHERE id = $1`,
      [id, at, usableUntil],
    );
  }

  /** Last use of many sessions, one statement (a later time never goes back). */
  async touchMany(uses: { id: string; at: Date }[]): Promise<void> {
    const params = uses.flatMap((u) => [u.id, u.at]);
    const rows = uses.map((_, i) => `($${2 * i + 1}::varchar, $${2 * i + 2}::timestamptz)`);
    await this.sessions.query(
      `UPDATE auth_session s SET last_used_at = GREATEST(s.last_used_at, u.at)
       FROM (VALUES ${rows.join(', ')}) AS u (id, at) WHERE s.id = u.id`,
      params,
    );
  }

  /** True for the one caller that revoked it (a conditional update: `affected === 1` decides). */
  async revoke(id: string, reason: string, at: Date): Promise<boolean> {
    const result = await this.sessions.update(
      { id, revokedAt: IsNull() },
      { revokedAt: at, revokeReason: reason },
    );
    return result.affected === 1;
  }

  /** Revokes every live session of a user but `exceptId`; the ids revoked. */
  async revokeAllOfUser(
    userId: number,
    exceptId: string | null,
    reason: string,
    at: Date,
  ): Promise<string[]> {
    const [rows] = await this.sessions.query<UpdateResult<{ id: string }>>(
      `UPDATE auth_session SET revoked_at = $4, revoke_reason = $3
       WHERE user_id = $1 AND revoked_at IS NULL AND ($2::varchar IS NULL OR id <> $2) RETURNING id`,
      [userId, exceptId, reason, at],
    );
    return rows.map((r) => r.id);
  }

  /** Sessions not revoked whose cap and newest refresh token are both still ahead. */
  async listLive(userId: number, now: Date): Promise<Session[]> {
    const rows = await this.sessions.find({
      where: { userId, revokedAt: IsNull(), expiresAt: MoreThan(now), refreshExpiresAt: MoreThan(now) },
      order: { lastUsedAt: 'DESC', id: 'ASC' },
      take: 1000,
    });
    return rows.map(toSession);
  }

  /** Session-less tokens of this user issued at or before `at` are dead from now on. */
  async raiseCutoff(userId: number, at: Date): Promise<void> {
    await this.cutoffs.query(
      `INSERT INTO auth_user_cutoff (user_id, revoked_before) SELECT id, $2 FROM users WHERE id = $1
       ON CONFLICT ON CONSTRAINT pk_auth_user_cutoff DO UPDATE
       SET revoked_before = GREATEST(auth_user_cutoff.revoked_before, EXCLUDED.revoked_before)`,
      [userId, at],
    );
  }

  async findCutoff(userId: number): Promise<Date | null> {
    const row = await this.cutoffs.findOneBy({ userId });
    return row?.revokedBefore ?? null;
  }

  /** Deletes up to `limit` sessions whose cap and every refresh token passed before `before` (tokens cascade). */
  async deleteGoneBefore(before: Date, limit: number): Promise<number> {
    const [, deleted] = await this.sessions.query<UpdateResult>(
      `DELETE FROM auth_session WHERE id IN (
         SELECT id FROM auth_session WHERE GREATEST(expires_at, refresh_expires_at) < $1 LIMIT $2
         FOR UPDATE SKIP LOCKED
       )`,
      [before, limit],
    );
    return deleted;
  }
}

function toSession(e: SessionEntity): Session {
  return {
    id: e.id,
    userId: e.userId,
    createdAt: e.createdAt,
    lastUsedAt: e.lastUsedAt,
    expiresAt: e.expiresAt,
    refreshExpiresAt: e.refreshExpiresAt,
    revokedAt: e.revokedAt,
    ip: e.ip,
    userAgent: e.userAgent,
  };
}
