import { join } from 'node:path';
import { DEV_KEY_FILE } from './auth/keys/key-ring.factory';
import { Configuration } from './config/configuration';

/** What a person needs after `npm start`: where to go, which database and which signing key it runs on. */
export function startFacts(config: Configuration, url: string): Record<string, string> {
  const facts: Record<string, string> = { url };
  if (config.app.swaggerEnabled) facts.swagger = `${url}/docs`;
  // The liveness worker speaks plain HTTP, also when the API port serves TLS.
  if (config.app.healthPort !== undefined)
    facts.liveness = `http://${config.app.host}:${config.app.healthPort}/health/live`;
  facts.database = databaseOf(config);
  facts.signingKey = signingKeyOf(config);
  return facts;
}

/** The same facts as a few aligned lines, for a terminal. */
export function startBanner(facts: Record<string, string>): string {
  const labels: Record<string, string> = {
    url: 'Bastion is listening on',
    swagger: 'Swagger UI',
    liveness: 'Liveness (HEALTH_PORT)',
    database: 'Database',
    signingKey: 'Signing key',
  };
  const rows = Object.entries(facts).map(([k, v]) => `  ${`${labels[k] ?? k}:`.padEnd(25)}${v}`);
  return ['', ...rows, ''].join('\n');
}

function databaseOf(config: Configuration): string {
  if (config.db.url === undefined)
    return `embedded PostgreSQL (PGlite) in ${join(config.app.dataDir, 'pglite')}`;
  try {
    const u = new URL(config.db.url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    return `PostgreSQL ${user}${u.host}${u.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}

function signingKeyOf(config: Configuration): string {
  const { jwt, app } = config;
  if (jwt.signingKeys.length > 0) {
    const active = jwt.signingKeys.find((k) => k.kid === jwt.activeKid);
    return `${active?.algorithm ?? '?'}, kid ${jwt.activeKid ?? '?'} (JWT_SIGNING_KEYS, ${jwt.signingKeys.length} key(s))`;
  }
  if (jwt.signingKey === undefined) {
    return `${jwt.algorithm}, development key in ${join(app.dataDir, DEV_KEY_FILE)} (set JWT_SIGNING_KEY for production)`;
  }
  return `${jwt.algorithm} (JWT_SIGNING_KEY)`;
}
