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
  /** Hashes allowed to wait for a worker; one more is refused with 503 service_unavailable + Retry-After. */
  hashQueue: number;
  /** Nice value of the hash worker processes: above 0, the OS runs the event loop first on a shared core. */
  hashNice: number;
  registrationEnabled: boolean;
  /** USERNAME_CASE_SENSITIVE_UNIQUE: the Django import may bring names that differ only by case. */
  usernameCaseSensitiveUnique: boolean;
  /** SWAGGER_ENABLED; default: on, except with NODE_ENV=production. */
  swaggerEnabled: boolean;
  /** PUBLIC_URL without a trailing slash: base of absolute links (pagination); undefined: links are relative. */
  publicUrl: string | undefined;
  /** Prometheus metrics counted and served at /metrics (METRICS_ENABLED). */
  metricsEnabled: boolean;
  /** Serve /metrics on this port only, not on PORT (METRICS_PORT); undefined: on PORT. */
  metricsPort: number | undefined;
  /** Serve /health/live also on this port, from a worker thread (HEALTH_PORT); undefined: only on PORT. */
  healthPort: number | undefined;
  /** Milliseconds the main event loop may go without a heartbeat before HEALTH_PORT's liveness says 503. */
  liveMaxStallMs: number;
  logLevel: string;
  /** Milliseconds /health/ready may take in all (HEALTH_READY_TIMEOUT); a slower dependency is down. */
  readyTimeoutMs: number;
}
