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
  logLevel: string;
  /** Milliseconds /health/ready may take in all (HEALTH_READY_TIMEOUT); a slower dependency is down. */
  readyTimeoutMs: number;
}
