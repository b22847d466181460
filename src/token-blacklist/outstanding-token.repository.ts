import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { OutstandingTokenEntity } from './entities/outstanding-token.entity';

/** What the token tables know of a token. Never the token itself: its SHA-256. */
export interface TokenRecord {
  jti: string;
  userId: number | null;
  tokenSha256: string;
  expiresAt: Date;
}

/** The presented token, recorded as outstanding if it is not yet, blacklisted unless it already is. */
const BLACKLIST_IF_ABSENT = `
  ot AS (
    INSERT INTO outstanding_token (jti, user_id, token_sha256, expires_at)
    VALUES ($1, (SELECT id FROM users WHERE id = $2), $3, $4)
    ON CONFLICT ON CONSTRAINT uq_outstanding_token_jti DO UPDATE SET jti = EXCLUDED.jti
    RETURNING id
  )`;

/** The only SQL on outstanding_token / blacklisted_token. Each method is one statement. */
@Injectable()
export class OutstandingTokenRepository {
  constructor(
    @InjectRepository(OutstandingTokenEntity) private readonly tokens: Repository<OutstandingTokenEntity>,
  ) {}

  /** Records an issued token. A user id of no existing user is stored as null. */
  async insert(t: TokenRecord): Promise<void> {
    await this.tokens.query(
      `INSERT INTO outstanding_token (jti, user_id, token_sha256, expires_at)
       VALUES ($1, (SELECT id FROM users WHERE id = $2), $3, $4)`,
      [t.jti, t.userId, t.tokenSha256, t.expiresAt],
    );
  }

  async isBlacklisted(jti: string): Promise<boolean> {
    const rows: unknown[] = await this.tokens.query(
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
  async blacklistIfAbsent(t: TokenRecord): Promise<boolean> {
    const rows: unknown[] = await this.tokens.query(
      `WITH ${BLACKLIST_IF_ABSENT}
       INSERT INTO blacklisted_token (token_id) SELECT id FROM ot
       ON CONFLICT ON CONSTRAINT uq_blacklisted_token_token_id DO NOTHING
       RETURNING id`,
      [t.jti, t.userId, t.tokenSha256, t.expiresAt],
    );
    return rows.length === 1;
  }

  /**
   * Rotation's token part as one atomic statement: `blacklistIfAbsent(old)` and, only for the caller
   * whose blacklist insert won, `successor` recorded as outstanding. True for that one caller; the
   * others write nothing (the old token's outstanding row aside, which the winner wrote anyway).
   */
  async blacklistAndSucceed(old: TokenRecord, successor: TokenRecord): Promise<boolean> {
    const rows: unknown[] = await this.tokens.query(
      `WITH ${BLACKLIST_IF_ABSENT}, bl AS (
         INSERT INTO blacklisted_token (token_id) SELECT id FROM ot
         ON CONFLICT ON CONSTRAINT uq_blacklisted_token_token_id DO NOTHING
         RETURNING id
       )
       INSERT INTO outstanding_token (jti, user_id, token_sha256, expires_at)
       SELECT $5, (SELECT id FROM users WHERE id = $6), $7, $8 FROM bl
       RETURNING id`,
      [
        old.jti,
        old.userId,
        old.tokenSha256,
        old.expiresAt,
        successor.jti,
        successor.userId,
        successor.tokenSha256,
        successor.expiresAt,
      ],
    );
    return rows.length === 1;
  }

  /** Records `t` as outstanding unless the token `blacklistedJti` is blacklisted; true when recorded. */
  async insertUnlessBlacklisted(blacklistedJti: string, t: TokenRecord): Promise<boolean> {
    const rows: unknown[] = await this.tokens.query(
      `INSERT INTO outstanding_token (jti, user_id, token_sha256, expires_at)
       SELECT $2, (SELECT id FROM users WHERE id = $3), $4, $5
       WHERE NOT EXISTS (
         SELECT 1 FROM blacklisted_token b JOIN outstanding_token o ON o.id = b.token_id WHERE o.jti = $1
       )
       RETURNING id`,
      [blacklistedJti, t.jti, t.userId, t.tokenSha256, t.expiresAt],
    );
    return rows.length === 1;
  }

  /** Deletes up to `limit` tokens that expired before `before` (their blacklist rows cascade). */
  async deleteExpiredBefore(before: Date, limit: number): Promise<number> {
    // TypeORM answers a DELETE with [rows, rowCount], not with the rows
    const [, deleted] = await this.tokens.query<[unknown[], number]>(
      `DELETE FROM outstanding_token WHERE id IN (
         SELECT id FROM outstanding_token WHERE expires_at < $1 ORDER BY expires_at LIMIT $2
         FOR UPDATE SKIP LOCKED
       )`,
      [before, limit],
    );
    return deleted;
  }

  countExpiredBefore(before: Date): Promise<number> {
    return this.tokens.countBy({ expiresAt: LessThan(before) });
  }
}
