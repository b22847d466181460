/** Process-level settings: where to listen, what to serve, how to behave in production. */
export class AppConfig {
  nodeEnv: string;
  production: boolean;
  host: string;
  port: number;
  /** Embedded database and generated development key live here. */
  dataDir: string;
  bodyLimit: number;
  /** Password hashes (argon2id, ~19 MiB and one core each) computed at once; the rest wait their turn. */
  hashConcurrency: number;
  registrationEnabled: boolean;
  swaggerEnabled: boolean;
  /** Prometheus metrics counted and served at /metrics (METRICS_ENABLED). */
  metricsEnabled: boolean;
  /** Serve /metrics on this port only, not on PORT (METRICS_PORT); undefined: on PORT. */
  metricsPort: number | undefined;
  logLevel: string;
}
