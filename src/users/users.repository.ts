import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, ILike, Repository } from 'typeorm';
import { isUniqueViolation } from '../common/database-errors';
import { UserEntity } from './entities/user.entity';
import { ListedUser } from './listed-user';

export interface NewUser {
  username: string;
  passwordHash: string;
  email?: string;
  isActive?: boolean;
  isStaff?: boolean;
  isSuperuser?: boolean;
}

/** A user as Django's auth_user holds it, id included. */
export interface ImportedUser {
  id: number;
  username: string;
  email: string;
  passwordHash: string;
  isActive: boolean;
  isStaff: boolean;
  isSuperuser: boolean;
  lastLogin: Date | null;
  dateJoined: Date;
}

/** A Django hash's algorithm and cost (a POSIX regular expression for Postgres). */
const DJANGO_HASH_SHAPE = String.raw`^(bcrypt(_sha256)?\$\$2[aby]\$[0-9]+|pbkdf2_sha(256|1)\$[0-9]+|argon2\$argon2(id|i|d)\$v=[0-9]+\$[^$]+)`;

/** Thrown by `insert` when the username is taken. */
export class UsernameTakenError extends Error {}

const LISTED = {
  id: true,
  username: true,
  email: true,
  isActive: true,
  isStaff: true,
  isSuperuser: true,
  lastLogin: true,
  dateJoined: true,
} as const;

/** The only TypeORM code on the users table; one method per query. */
@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  findById(id: number): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** Exact, case-sensitive match: no pattern characters. */
  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ username });
  }

  /** Username or email contains `search` (case-insensitive, `%` and `_` taken literally); by id. */
  async pageMatching(
    search: string,
    limit: number,
    offset: number,
  ): Promise<{ count: number; users: ListedUser[] }> {
    const pattern = ILike(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const where: FindOptionsWhere<UserEntity>[] | undefined =
      search === '' ? undefined : [{ username: pattern }, { email: pattern }];
    const [users, count] = await this.users.findAndCount({
      select: LISTED,
      where,
      order: { id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { count, users };
  }

  /**
   * True when a user's name equals `username` ignoring case (`lower()` on both sides, served by the
   * index on lower(username)).
   */
  async existsIgnoringCase(username: string): Promise<boolean> {
    const rows: unknown[] = await this.users.query(
      `SELECT 1 FROM users WHERE lower(username) = lower($1) LIMIT 1`,
      [username],
    );
    return rows.length > 0;
  }

  /**
   * USERNAME_CASE_SENSITIVE_UNIQUE=true (Django data with case-distinct names): the unique index on
   * lower(username) becomes a plain one, so such names can be imported. Idempotent.
   */
  async allowCaseDistinctUsernames(): Promise<void> {
    await this.users.query(`CREATE INDEX IF NOT EXISTS ix_users_username_lower ON users (lower(username))`);
    await this.users.query(`DROP INDEX IF EXISTS uq_users_username_lower`);
  }

  async insert(user: NewUser): Promise<UserEntity> {
    try {
      return await this.users.save(this.users.create(user));
    } catch (e) {
      if (isUniqueViolation(e)) throw new UsernameTakenError(user.username);
      throw e;
    }
  }

  async updateLastLogin(id: number, at: Date): Promise<void> {
    await this.users.update({ id }, { lastLogin: at });
  }

  async updatePassword(id: number, passwordHash: string): Promise<void> {
    await this.users.update({ id }, { passwordHash });
  }

  /** Compare-and-set of the password hash (re-hash on login): false when it changed meanwhile. */
  async replacePasswordHash(id: number, expected: string, passwordHash: string): Promise<boolean> {
    const result = await this.users.update({ id, passwordHash: expected }, { passwordHash });
    return result.affected === 1;
  }

  /**
   * One stored Django hash per shape (algorithm and cost: `bcrypt$$2b$12`, `pbkdf2_sha256$870000`, ...),
   * for pricing the dummy check of unknown usernames. One scan of the table.
   */
  async djangoHashShapes(): Promise<string[]> {
    const rows: { sample: string }[] = await this.users.query(
      `SELECT DISTINCT ON (shape) password_hash AS sample
         FROM (SELECT password_hash, substring(password_hash FROM $1) AS shape
                 FROM users WHERE password_hash NOT LIKE '$argon2id$%') AS hashes
        WHERE shape IS NOT NULL`,
      [DJANGO_HASH_SHAPE],
    );
    return rows.map((r) => r.sample);
  }

  /**
   * One imported Django user, keyed by its Django id, in one statement (whole or not at all).
   * A hash set in Bastion (argon2id: changed here or already re-hashed at login) is kept.
   * Returns true when the row was inserted, false when updated. UsernameTakenError when another
   * id has the username.
   */
  async upsertImported(u: ImportedUser): Promise<boolean> {
    try {
      const rows: { inserted: boolean }[] = await this.users.query(
        `INSERT INTO users (id, username, email, password_hash, is_active, is_staff, is_superuser, last_login, date_joined)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO UPDATE SET
           username = EXCLUDED.username,
           email = EXCLUDED.email,
           password_hash = CASE WHEN users.password_hash LIKE '$argon2id$%' THEN users.password_hash
                                ELSE EXCLUDED.password_hash END,
           is_active = EXCLUDED.is_active,
           is_staff = EXCLUDED.is_staff,
           is_superuser = EXCLUDED.is_superuser,
           last_login = GREATEST(users.last_login, EXCLUDED.last_login),
           date_joined = EXCLUDED.date_joined
         RETURNING (xmax = 0) AS inserted`,
        [
          u.id,
          u.username,
          u.email,
          u.passwordHash,
          u.isActive,
          u.isStaff,
          u.isSuperuser,
          u.lastLogin,
          u.dateJoined,
        ],
      );
      return rows[0].inserted;
    } catch (e) {
      if (isUniqueViolation(e)) throw new UsernameTakenError(u.username);
      throw e;
    }
  }

  /** After inserting explicit ids: the next generated id follows the largest one. */
  async bumpIdSequence(): Promise<void> {
    await this.users.query(
      `SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM users), false)`,
    );
  }

  async updateFlags(
    id: number,
    flags: Partial<Pick<UserEntity, 'isActive' | 'isStaff' | 'isSuperuser'>>,
  ): Promise<void> {
    await this.users.update({ id }, flags);
  }

  async deleteById(id: number): Promise<boolean> {
    const result = await this.users.delete({ id });
    return (result.affected ?? 0) > 0;
  }
}
