import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** What the token tables know of a token. Never the token itself: its SHA-256. */
export interface TokenRecord {
  jti: string;
  userId: number | null;
  tokenSha256: string;
  expiresAt: Date;
}

/** The only SQL on outstanding_token / blacklisted_token. Each method is one statement. */
@Injectable()
export class OutstandingTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records an issued token. A user id of no existing user is stored as null. */
  async insert(t: TokenRecord, m: EntityManager = this.dataSource.manager): Promise<void> {
    await m.query(
      `INSERT INTO outstanding_token (jti, user_id, token_sha256, expires_at)
       VALUES ($1, (SELECT id FROM users WHERE id = $2), $3, $4)`,
      [t.jti, t.userId, t.tokenSha256, t.expiresAt],
    );
  }

  async isBlacklisted(jti: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM blacklisted_token b JOIN outstanding_token o ON o.id = b.token_id WHERE o.jti = $1`,
      [jti],
    );
    return rows.length > 0;
  }

  /**
   * simplejwt's Token.blacklist() as one atomic statement: records the token as outstanding if it
   * is not yet, then blacklists it unless it already is. True only for the one caller that
   * blacklisted it, so concurrent callers get exactly one winner.
   */
  async blacklistIfAbsent(t: TokenRecord, m: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `WITH ot AS (
         INSERT INTO outstanding_token (jti, user_id, token_sha256, expires_at)
         VALUES ($1, (SELECT id FROM users WHERE id = $2), $3, $4)
         ON CONFLICT ON CONSTRAINT uq_outstanding_token_jti DO UPDATE SET jti = EXCLUDED.jti
         RETURNING id
       )
       INSERT INTO blacklisted_token (token_id) SELECT id FROM ot
       ON CONFLICT ON CONSTRAINT uq_blacklisted_token_token_id DO NOTHING
       RETURNING id`,
      [t.jti, t.userId, t.tokenSha256, t.expiresAt],
    );
    return rows.length === 1;
  }

  /** Deletes up to `limit` tokens that expired before `before` (their blacklist rows cascade). */
  async deleteExpiredBefore(before: Date, limit: number): Promise<number> {
    // TypeORM answers a DELETE with [rows, rowCount], not with the rows
    const [, deleted] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM outstanding_token WHERE id IN (
         SELECT id FROM outstanding_token WHERE expires_at < $1 ORDER BY expires_at LIMIT $2
         FOR UPDATE SKIP LOCKED
       )`,
      [before, limit],
    );
    return deleted;
  }

  async countExpiredBefore(before: Date): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outstanding_token WHERE expires_at < $1`,
      [before],
    );
    return row.n;
  }
}
