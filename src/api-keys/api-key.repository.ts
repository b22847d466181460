import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ApiKey } from './api-key';
import { ApiKeyEntity } from './entities/api-key.entity';

const COLUMNS = `id::text AS id, prefix, name, user_id AS "userId", permissions, created, expires,
  last_used AS "lastUsed"`;

/** A key row for authentication: the hash too. */
export interface KeyRow {
  id: string;
  userId: number;
  hashedKey: string;
  expires: Date | null;
  permissions: string[] | null;
}

/** The only code on api_key; one method per query. */
@Injectable()
export class ApiKeyRepository {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  /** Inserts a key; false when the prefix is taken (the caller draws another). */
  async insert(k: {
    prefix: string;
    hashedKey: string;
    name: string;
    userId: number;
    permissions: string[] | null;
    expires: Date | null;
  }): Promise<ApiKey | null> {
    const rows: ApiKey[] = await this.keys.query(
      `INSERT INTO api_key (prefix, hashed_key, name, user_id, permissions, expires)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (prefix) DO NOTHING RETURNING ${COLUMNS}`,
      [k.prefix, k.hashedKey, k.name, k.userId, k.permissions, k.expires],
    );
    return rows[0] ?? null;
  }

  /** The live (not revoked) key with this prefix, for authentication. */
  async findLiveByPrefix(prefix: string): Promise<KeyRow | null> {
    const rows: KeyRow[] = await this.keys.query(
      `SELECT id::text AS id, user_id AS "userId", hashed_key AS "hashedKey", expires, permissions
         FROM api_key WHERE prefix = $1 AND NOT revoked`,
      [prefix],
    );
    return rows[0] ?? null;
  }

  /** A user's live keys, newest first. */
  liveOfUser(userId: number): Promise<ApiKey[]> {
    return this.keys.query(
      `SELECT ${COLUMNS} FROM api_key WHERE user_id = $1 AND NOT revoked ORDER BY id DESC`,
      [userId],
    );
  }

  async countLiveOfUser(userId: number): Promise<number> {
    const [{ n }] = await this.keys.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM api_key WHERE user_id = $1 AND NOT revoked`,
      [userId],
    );
    return n;
  }

  /** Revokes a live key of the user; its prefix, or null when there is no such live key of theirs. */
  async revoke(userId: number, id: string): Promise<string | null> {
    // TypeORM answers an UPDATE with [rows RETURNING gave, affected row count].
    const [rows] = await this.keys.query<[{ prefix: string }[], number]>(
      `UPDATE api_key SET revoked = true WHERE id = $1 AND user_id = $2 AND NOT revoked RETURNING prefix`,
      [id, userId],
    );
    return rows[0]?.prefix ?? null;
  }

  /** Revokes every live key of the user; their prefixes. */
  async revokeAllOfUser(userId: number): Promise<string[]> {
    const [rows] = await this.keys.query<[{ prefix: string }[], number]>(
      `UPDATE api_key SET revoked = true WHERE user_id = $1 AND NOT revoked RETURNING prefix`,
      [userId],
    );
    return rows.map((r) => r.prefix);
  }

  /** Revokes a live key of anyone, by prefix or id (an operator's CLI); its prefix and owner, or null. */
  async revokeAny(ref: string): Promise<{ prefix: string; userId: number } | null> {
    const byId = /^\d{1,18}$/.test(ref);
    const [rows] = await this.keys.query<[{ prefix: string; userId: number }[], number]>(
      `UPDATE api_key SET revoked = true
        WHERE ${byId ? 'id = $1::bigint' : 'prefix = $1'} AND NOT revoked RETURNING prefix, user_id AS "userId"`,
      [ref],
    );
    return rows[0] ?? null;
  }

  /** Records when each key was last used (one statement for the batch; never moves a time back). */
  async touch(uses: readonly { id: string; at: Date }[]): Promise<void> {
    if (uses.length === 0) return;
    await this.keys.query(
      `UPDATE api_key k SET last_used = u.at
         FROM unnest($1::bigint[], $2::timestamptz[]) AS u(id, at)
        WHERE k.id = u.id AND (k.last_used IS NULL OR k.last_used < u.at)`,
      [uses.map((u) => u.id), uses.map((u) => u.at)],
    );
  }
}
