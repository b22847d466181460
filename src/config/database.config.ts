/** Where the data lives: PostgreSQL when `url` is set, else embedded PGlite under AppConfig.dataDir. */
export class DatabaseConfig {
  url: string | undefined;
  poolSize: number;
  /** Milliseconds a query or a connection attempt may take before the request gets a 503. */
  timeoutMs: number;
  migrateOnStart: boolean;
}
