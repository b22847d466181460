import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface NewSession {
  id: string;
  userId: number;
  createdAt: Date;
  expiresAt: Date;
  refreshExpiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** A refresh token of a family, with its session's state. */
export interface FamilyToken {
  sessionId: string;
  userId: number;
  rotatedAt: Date | null;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface SessionRow {
  id: string;
  user_id: number;
  created_at: Date;
  last_used_at: Date;
  expires_at: Date;
  refresh_expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

/** TypeORM answers an UPDATE or DELETE with [rows RETURNING gave, affected row count]. */
type UpdateResult<R = unknown> = [R[], number];

export interface Rotation {
  sessionId: string;
  oldJti: string;
  successorJti: string;
  successorExp: Date;
  at: Date;
}

/** The only SQL on auth_session, auth_session_token and auth_user_cutoff. One statement per method. */
@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Idempotent: a session id that exists already is left as it is. */
  async insertSession(s: NewSession): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO auth_session (id, user_id, created_at, last_used_at, expires_at, refresh_expires_at, ip, user_agent)
       VALUES ($1, $2, $3, $3, $4, $5, $6, $7) ON CONFLICT ON CONSTRAINT pk_auth_session DO NOTHING`,
      [s.id, s.userId, s.createdAt, s.expiresAt, s.refreshExpiresAt, s.ip, s.userAgent],
    );
  }

  /** Idempotent: a jti that belongs to a family already keeps its family. */
  async insertToken(
    jti: string,
    sessionId: string,
    m: EntityManager = this.dataSource.manager,
    parent?: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO auth_session_token (jti, session_id, parent_jti) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT pk_auth_session_token DO NOTHING`,
      [jti, sessionId, parent ?? null],
    );
  }

  async findByJti(jti: string): Promise<FamilyToken | null> {
    const rows = await this.dataSource.query<
      {
        session_id: string;
        user_id: number;
        rotated_at: Date | null;
        expires_at: Date;
        revoked_at: Date | null;
      }[]
    >(
      `SELECT t.session_id, s.user_id, t.rotated_at, s.expires_at, s.revoked_at
       FROM auth_session_token t JOIN auth_session s ON s.id = t.session_id WHERE t.jti = $1`,
      [jti],
    );
    const r = rows[0];
    return r
      ? {
          sessionId: r.session_id,
          userId: r.user_id,
          rotatedAt: r.rotated_at,
          expiresAt: r.expires_at,
          revokedAt: r.revoked_at,
        }
      : null;
  }

  async findSession(id: string): Promise<SessionRow | null> {
    const rows = await this.dataSource.query<SessionRow[]>(`SELECT * FROM auth_session WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Inside the rotation transaction: the presented token is marked rotated out, its successor joins the family. */
  async recordRotation(r: Rotation, m: EntityManager): Promise<void> {
    await m.query(
      `WITH old AS (
         UPDATE auth_session_token SET rotated_at = $3, successor_jti = $2 WHERE jti = $1 RETURNING session_id
       ), ses AS (
         UPDATE auth_session SET last_used_at = $3, refresh_expires_at = GREATEST(refresh_expires_at, $5)
         WHERE id = $4 RETURNING id
       )
       INSERT INTO auth_session_token (jti, session_id, parent_jti) SELECT $2, id, $1 FROM ses`,
      [r.oldJti, r.successorJti, r.at, r.sessionId, r.successorExp],
    );
  }

  /** Last use; `usableUntil` raises the newest-token expiry (a sliding token extended). */
  async touch(id: string, at: Date, usableUntil: Date | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE auth_session SET last_used_at = GREATEST(last_used_at, $2),
         refresh_expires_at = GREATEST(refresh_expires_at, COALESCE($3::timestamptz, refresh_expires_at)) WHERE id = $1`,
      [id, at, usableUntil],
    );
  }

  /** True for the one caller that revoked it. */
  async revoke(id: string, reason: string, at: Date): Promise<boolean> {
    const [, affected] = await this.dataSource.query<UpdateResult>(
      `UPDATE auth_session SET revoked_at = $3, revoke_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [id, reason, at],
    );
    return affected === 1;
  }

  /** Revokes every live session of a user but `exceptId`; the ids revoked. */
  async revokeAllOfUser(
    userId: number,
    exceptId: string | null,
    reason: string,
    at: Date,
  ): Promise<string[]> {
    const [rows] = await this.dataSource.query<UpdateResult<{ id: string }>>(
      `UPDATE auth_session SET revoked_at = $4, revoke_reason = $3
       WHERE user_id = $1 AND revoked_at IS NULL AND ($2::varchar IS NULL OR id <> $2) RETURNING id`,
      [userId, exceptId, reason, at],
    );
    return rows.map((r) => r.id);
  }

  /** Sessions not revoked whose cap and newest refresh token are both still ahead. */
  async listLive(userId: number, now: Date): Promise<SessionRow[]> {
    return await this.dataSource.query<SessionRow[]>(
      `SELECT * FROM auth_session WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2
         AND refresh_expires_at > $2 ORDER BY last_used_at DESC, id LIMIT 1000`,
      [userId, now],
    );
  }

  /** Session-less tokens of this user issued at or before `at` are dead from now on. */
  async raiseCutoff(userId: number, at: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO auth_user_cutoff (user_id, revoked_before) SELECT id, $2 FROM users WHERE id = $1
       ON CONFLICT ON CONSTRAINT pk_auth_user_cutoff DO UPDATE
       SET revoked_before = GREATEST(auth_user_cutoff.revoked_before, EXCLUDED.revoked_before)`,
      [userId, at],
    );
  }

  async findCutoff(userId: number): Promise<Date | null> {
    const rows = await this.dataSource.query<{ revoked_before: Date }[]>(
      `SELECT revoked_before FROM auth_user_cutoff WHERE user_id = $1`,
      [userId],
    );
    return rows[0]?.revoked_before ?? null;
  }

  /** Deletes up to `limit` sessions whose cap and every refresh token passed before `before` (tokens cascade). */
  async deleteGoneBefore(before: Date, limit: number): Promise<number> {
    const [, deleted] = await this.dataSource.query<UpdateResult>(
      `DELETE FROM auth_session WHERE id IN (
         SELECT id FROM auth_session WHERE GREATEST(expires_at, refresh_expires_at) < $1 LIMIT $2
         FOR UPDATE SKIP LOCKED
       )`,
      [before, limit],
    );
    return deleted;
  }
}
