"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DatabaseConfig = void 0;
/** Where the data lives: PostgreSQL when `url` is set, else embedded PGlite under AppConfig.dataDir. */
class DatabaseConfig {
    url;
    poolSize;
    /** Milliseconds a query or a connection attempt may take before the request gets a 503. */
    timeoutMs;
    migrateOnStart;
}
exports.DatabaseConfig = DatabaseConfig;
//# sourceMappingURL=database.config.js.map