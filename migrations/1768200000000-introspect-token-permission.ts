import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The permission an API key needs to call RFC 7662 introspection (POST /api/token/introspect/):
 * `bastion.introspect_token`, a Django-style auth_permission row like the seeded ones.
 */
export class IntrospectTokenPermission1768200000000 implements MigrationInterface {
  name = 'IntrospectTokenPermission1768200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO auth_permission (app_label, codename, name)
       VALUES ('bastion', 'introspect_token', 'Can introspect tokens') ON CONFLICT DO NOTHING`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM auth_permission WHERE app_label = 'bastion' AND codename = 'introspect_token'`,
    );
  }
}
