import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { BlacklistedTokenEntity } from './entities/blacklisted-token.entity';
import { OutstandingTokenEntity } from './entities/outstanding-token.entity';
import { SessionTokenEntity } from './entities/session-token.entity';
import { SessionEntity } from './entities/session.entity';
import { FamilyToken, NewSession } from './session';

/** What the token tables know of a token. Never the token itself: its SHA-256. */
export interface TokenRecord {
  jti: string;
  userId: number | null;
  tokenSha256: string;
  expiresAt: Date;
}

/** A rotation as one statement: the presented token (`old`) of session `sessionId`, its successor. */
export interface RotationStep {
  sessionId: string;
  userId: number;
  old: TokenRecord;
  successor: TokenRecord;
  /** Blacklist the presented token (JWT_BLACKLIST_AFTER_ROTATION); otherwise a blacklisted one is refused. */
  blacklistOld: boolean;
  at: Date;
}

/** What a rotation statement decided, and the presented token's family as the statement read it. */
export interface RotationResult {
  rotated: boolean;
  family: FamilyToken | null;
}

/** One read for a refresh without rotation. */
export interface RefreshState {
  family: FamilyToken | null;
  blacklisted: boolean;
}

interface FamilyRow {
  session_id: string | null;
  user_id: number | null;
  rotated_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

const FAMILY = `
  SELECT t.session_id, s.user_id, t.rotated_at, s.expires_at, s.revoked_at
  FROM auth_session_token t JOIN auth_session s ON s.id = t.session_id WHERE t.jti = $1`;

const BLACKLISTED = (jti: string) => `
  EXISTS (SELECT 1 FROM blacklisted_token b JOIN outstanding_token o ON o.id = b.token_id WHERE o.jti = ${jti})`;

/** The presented token, recorded as outstanding if it is not yet (a token minted elsewhere). */
const OUTSTAND_PRESENTED = `
    INSERT INTO outstanding_token (jti, user_id, token_sha256, expires_at)
    SELECT $1, (SELECT id FROM users WHERE id = $2), $3, $4
    ON CONFLICT ON CONSTRAINT uq_outstanding_token_jti DO UPDATE SET jti = EXCLUDED.jti
    RETURNING id`;

/**
 * The rotation: of the presented token's family (read once), only a usable session (this id, this user, not
 * revoked, cap ahead) goes on; the presented token is blacklisted (ON CONFLICT DO NOTHING: exactly one of
 * concurrent callers inserts the row, the others wait for it and insert nothing), and only that winner
 * records the successor as outstanding, marks the presented token rotated out, touches the session and
 * adds the successor to the family. Without blacklisting, a token blacklisted already (logout) is refused.
 */
const ROTATE = `
  WITH fam AS (${FAMILY}),
  usable AS (
    SELECT session_id FROM fam WHERE session_id = $5 AND user_id = $2 AND revoked_at IS NULL AND expires_at > $10
  ),
  ot AS (
    INSERT INTO outstanding_token (jti, user_id, token_sha256, expires_at)
    SELECT $1, (SELECT id FROM users WHERE id = $2), $3, $4 FROM usable WHERE $6::boolean
    ON CONFLICT ON CONSTRAINT uq_outstanding_token_jti DO UPDATE SET jti = EXCLUDED.jti
    RETURNING id
  ),
  bl AS (
    INSERT INTO blacklisted_token (token_id) SELECT id FROM ot
    ON CONFLICT ON CONSTRAINT uq_blacklisted_token_token_id DO NOTHING RETURNING id
  ),
  won AS (
    SELECT session_id FROM usable
    WHERE CASE WHEN $6::boolean THEN EXISTS (SELECT 1 FROM bl) ELSE NOT ${BLACKLISTED('$1')} END
  ),
  successor AS (
    INSERT INTO outstanding_token (jti, user_id, token_sha256, expires_at)
    SELECT $7, (SELECT id FROM users WHERE id = $2), $8, $9 FROM won RETURNING id
  ),
  rotated_out AS (
    UPDATE auth_session_token SET rotated_at = $10, successor_jti = $7
    WHERE jti = $1 AND EXISTS (SELECT 1 FROM won) RETURNING jti
  ),
  touched AS (
    UPDATE auth_session SET last_used_at = GREATEST(last_used_at, $10),
      refresh_expires_at = GREATEST(refresh_expires_at, $9)
    WHERE id IN (SELECT session_id FROM won) RETURNING id
  ),
  joined AS (
    INSERT INTO auth_session_token (jti, session_id, parent_jti) SELECT $7, session_id, $1 FROM won RETURNING jti
  )
  SELECT fam.*, EXISTS (SELECT 1 FROM joined) AND EXISTS (SELECT 1 FROM successor)
    AND EXISTS (SELECT 1 FROM rotated_out) AND EXISTS (SELECT 1 FROM touched) AS rotated
  FROM (VALUES (1)) AS one LEFT JOIN fam ON true`;

/**
 * The statements on a session's tokens: outstanding_token and blacklisted_token (simplejwt's), the family
 * table auth_session_token, and the two steps that also write the session (a login, a rotation), each one
 * statement. Raw SQL where one statement decides a race or spans the tables; plain reads through TypeORM.
 */
@Injectable()
export class TokenFamilyRepository {
  constructor(
    @InjectRepository(OutstandingTokenEntity) private readonly tokens: Repository<OutstandingTokenEntity>,
    @InjectRepository(SessionTokenEntity) private readonly family: Repository<SessionTokenEntity>,
  ) {}

  /** A login in one statement: the token recorded as outstanding, its session, the token in the session. */
  async begin(s: NewSession, t: TokenRecord): Promise<void> {
    // one statement for three tables: a login waits on one write
    await this.tokens.query(
      `WITH ot AS (
         INSERT INTO outstanding_token (jti, user_id, token_sha256, expires_at) VALUES ($1, $2, $3, $4) RETURNING id
       ), ses AS (
         INSERT INTO auth_session (id, user_id, created_at, last_used_at, expires_at, refresh_expires_at, ip, user_agent)
         VALUES ($5, $2, $6, $6, $7, $8, $9, $10) RETURNING id
       )
       INSERT INTO auth_session_token (jti, session_id) SELECT $1, ses.id FROM ses, ot`,
      [
        t.jti,
        t.userId,
        t.tokenSha256,
        t.expiresAt,
        s.id,
        s.createdAt,
        s.expiresAt,
        s.refreshExpiresAt,
        s.ip,
        s.userAgent,
      ],
    );
  }

  /** The rotation in one statement (see ROTATE); `rotated` is true for the one caller that rotated. */
  async rotate(r: RotationStep): Promise<RotationResult> {
    // one statement decides the race and writes every table a rotation touches
    const rows = await this.tokens.query<(FamilyRow & { rotated: boolean })[]>(ROTATE, [
      r.old.jti,
      r.userId,
      r.old.tokenSha256,
      r.old.expiresAt,
      r.sessionId,
      r.blacklistOld,
      r.successor.jti,
      r.successor.tokenSha256,
      r.successor.expiresAt,
      r.at,
    ]);
    return { rotated: rows[0].rotated, family: toFamily(rows[0]) };
  }

  /** A refresh without rotation: the token's family and whether it is blacklisted, one read. */
  async readForRefresh(jti: string): Promise<RefreshState> {
    const rows = await this.tokens.query<(FamilyRow & { blacklisted: boolean })[]>(
      `SELECT fam.*, ${BLACKLISTED('$1')} AS blacklisted FROM (VALUES (1)) AS one LEFT JOIN (${FAMILY}) AS fam ON true`,
      [jti],
    );
    return { family: toFamily(rows[0]), blacklisted: rows[0].blacklisted };
  }

  async findFamily(jti: string): Promise<FamilyToken | null> {
    const row = await this.family
      .createQueryBuilder('t')
      .innerJoin(SessionEntity, 's', 's.id = t.session_id')
      .select(['t.session_id AS session_id', 's.user_id AS user_id', 't.rotated_at AS rotated_at'])
      .addSelect(['s.expires_at AS expires_at', 's.revoked_at AS revoked_at'])
      .where('t.jti = :jti', { jti })
      .getRawOne<FamilyRow>();
    return row ? toFamily(row) : null;
  }

  /** Idempotent: a jti that belongs to a family already keeps its family. */
  async join(jti: string, sessionId: string): Promise<void> {
    await this.family.createQueryBuilder().insert().values({ jti, sessionId }).orIgnore().execute();
  }

  isBlacklisted(jti: string): Promise<boolean> {
    return this.tokens
      .createQueryBuilder('o')
      .innerJoin(BlacklistedTokenEntity, 'b', 'b.token_id = o.id')
      .where('o.jti = :jti', { jti })
      .getExists();
  }

  /**
   * simplejwt's Token.blacklist() as one atomic statement: records the token as outstanding if it
   * is not yet, then blacklists it unless it already is. True only for the one caller that
   * blacklisted it, so concurrent callers get exactly one winner.
   */
  async blacklistIfAbsent(t: TokenRecord): Promise<boolean> {
    // one statement decides the race: ON CONFLICT DO NOTHING inserts for exactly one caller
    const rows: unknown[] = await this.tokens.query(
      `WITH ot AS (${OUTSTAND_PRESENTED})
       INSERT INTO blacklisted_token (token_id) SELECT id FROM ot
       ON CONFLICT ON CONSTRAINT uq_blacklisted_token_token_id DO NOTHING
       RETURNING id`,
      [t.jti, t.userId, t.tokenSha256, t.expiresAt],
    );
    return rows.length === 1;
  }

  /** Deletes up to `limit` tokens that expired before `before` (their blacklist rows cascade). */
  async deleteExpiredBefore(before: Date, limit: number): Promise<number> {
    // SKIP LOCKED: concurrent flushes take disjoint batches. TypeORM answers a DELETE with [rows, rowCount].
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

function toFamily(r: FamilyRow): FamilyToken | null {
  if (r.session_id === null || r.user_id === null || r.expires_at === null) return null;
  return {
    sessionId: r.session_id,
    userId: r.user_id,
    rotatedAt: r.rotated_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  };
}
