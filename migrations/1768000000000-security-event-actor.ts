import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who made a change, beside whom it was made to: `actor_id` (the user acting; no foreign key, as the
 * events outlive users) and `actor_key` (the prefix of the API key they acted with, if any). NULL on
 * events from before, from the CLI and from unauthenticated requests (a login).
 */
export class SecurityEventActor1768000000000 implements MigrationInterface {
  name = 'SecurityEventActor1768000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE security_event ADD COLUMN actor_id integer, ADD COLUMN actor_key varchar(16)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE security_event DROP COLUMN actor_key, DROP COLUMN actor_id`);
  }
}
