import { Logger } from '@nestjs/common';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Usernames unique ignoring case: a unique index on lower(username). Imported Django data may hold
 * names that differ only by case; then the index is created non-unique (lookups stay fast), a
 * warning names how many, and the application still refuses new case-duplicates by a lookup.
 */
export class UsernameLowerIndex1765000000000 implements MigrationInterface {
  name = 'UsernameLowerIndex1765000000000';

  async up(q: QueryRunner): Promise<void> {
    const [{ n }] = (await q.query(
      `SELECT count(*)::int AS n FROM (SELECT lower(username) FROM users GROUP BY 1 HAVING count(*) > 1) d`,
    )) as { n: number }[];
    if (n === 0) {
      await q.query(`CREATE UNIQUE INDEX uq_users_username_lower ON users (lower(username))`);
      return;
    }
    await q.query(`CREATE INDEX ix_users_username_lower ON users (lower(username))`);
    new Logger('Migrations').warn(
      `${n} usernames exist in several cases (e.g. Bob and bob): uq_users_username_lower not created; ` +
        'new case-duplicates are still refused at registration and by createuser (README "Identity and keys")',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS uq_users_username_lower`);
    await q.query(`DROP INDEX IF EXISTS ix_users_username_lower`);
  }
}
