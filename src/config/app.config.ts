/** Process-level settings: where to listen, what to serve, how to behave in production. */
export class AppConfig {
  nodeEnv: string;
  production: boolean;
  host: string;
  port: number;
  /** Embedded database and generated development key live here. */
  dataDir: string;
  bodyLimit: number;
  registrationEnabled: boolean;
  swaggerEnabled: boolean;
  logLevel: string;
}
