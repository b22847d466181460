import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type SecurityEventType =
  | 'login_succeeded'
  | 'login_failed'
  | 'refresh'
  | 'reuse_detected'
  | 'logout'
  | 'session_revoked'
  | 'sessions_revoked'
  | 'password_changed'
  | 'password_change_failed'
  | 'user_deactivated'
  | 'user_activated'
  | 'user_deleted';

export interface NewSecurityEvent {
  type: SecurityEventType;
  userId?: number | null;
  username?: string | null;
  sessionId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  detail?: string | null;
}

export interface SecurityEventRow {
  id: string;
  type: string;
  user_id: number | null;
  username: string | null;
  session_id: string | null;
  ip: string | null;
  user_agent: string | null;
  detail: string | null;
  created_at: Date;
}

export interface EventFilter {
  userId?: number;
  type?: string;
}

/** The only SQL on security_event. */
@Injectable()
export class SecurityEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(e: NewSecurityEvent): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO security_event (type, user_id, username, session_id, ip, user_agent, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        e.type,
        e.userId ?? null,
        e.username?.slice(0, 150) ?? null,
        e.sessionId ?? null,
        e.ip?.slice(0, 64) ?? null,
        e.userAgent?.slice(0, 512) ?? null,
        e.detail?.slice(0, 500) ?? null,
      ],
    );
  }

  /** Newest first. */
  async page(
    filter: EventFilter,
    limit: number,
    offset: number,
  ): Promise<{ count: number; rows: SecurityEventRow[] }> {
    const params: unknown[] = [filter.userId ?? null, filter.type ?? null];
    const where = `($1::int IS NULL OR user_id = $1) AND ($2::varchar IS NULL OR type = $2)`;
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM security_event WHERE ${where}`,
      params,
    );
    const rows = await this.dataSource.query<SecurityEventRow[]>(
      `SELECT id, type, user_id, username, session_id, ip, user_agent, detail, created_at
       FROM security_event WHERE ${where} ORDER BY id DESC LIMIT $3 OFFSET $4`,
      [...params, limit, offset],
    );
    return { count: n, rows };
  }

  /** Deletes up to `limit` events older than `before`; never holds more than one batch of row locks. */
  async deleteOlderThan(before: Date, limit: number): Promise<number> {
    // TypeORM answers a DELETE with [rows, affected row count]
    const [, deleted] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM security_event WHERE id IN (
         SELECT id FROM security_event WHERE created_at < $1 ORDER BY created_at LIMIT $2
         FOR UPDATE SKIP LOCKED
       )`,
      [before, limit],
    );
    return deleted;
  }
}
