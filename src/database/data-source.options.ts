import { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/database.config';
import { MIGRATIONS } from './migrations';
import { PgliteDriver } from './pglite.driver';

/**
 * The one data-source options object: PostgreSQL through a real pool when DATABASE_URL is set, else the
 * embedded PGlite driver. Every wait is bounded by DB_TIMEOUT so a missing database is a fast 503.
 */
export function dataSourceOptions(db: DatabaseConfig, embedded: PgliteDriver | null): DataSourceOptions {
  return {
    type: 'postgres',
    ...(embedded ? { driver: embedded.pg } : { url: db.url }),
    migrations: MIGRATIONS,
    migrationsRun: false,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    logging: false,
    uuidExtension: 'pgcrypto',
    poolSize: embedded ? 1 : db.poolSize,
    extra: {
      connectionTimeoutMillis: db.timeoutMs,
      query_timeout: db.timeoutMs,
      statement_timeout: db.timeoutMs,
      idle_in_transaction_session_timeout: db.timeoutMs * 2,
      application_name: 'bastion',
    },
  };
}
