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
  swaggerEnabled: boolean;
  logLevel: string;
}
