"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.dataSourceOptions = dataSourceOptions;
const migrations_1 = require("./migrations");
/**
 * The one data-source options object: PostgreSQL through a real pool when DATABASE_URL is set, else the
 * embedded PGlite driver. Every wait is bounded by DB_TIMEOUT so a missing database is a fast 503.
 */
function dataSourceOptions(db, embedded) {
    return {
        type: 'postgres',
        ...(embedded ? { driver: embedded.pg } : { url: db.url }),
        migrations: migrations_1.MIGRATIONS,
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
//# sourceMappingURL=data-source.options.js.map