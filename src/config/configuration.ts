import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { ApiKeysConfig } from './api-keys.config';
import { AppConfig } from './app.config';
import { DatabaseConfig } from './database.config';
import { Env, EnvReader } from './env.parsers';
import { GatewayConfig } from './gateway.config';
import { readGatewaySettings } from './gateway.settings';
import { JWT_ALGORITHMS, JwtAlgorithm, JwtConfig, UNSUPPORTED_ALGORITHMS } from './jwt.config';
import { checkKeyMaterial } from './key-material';
import { MfaConfig } from './mfa.config';
import { readMfaSettings } from './mfa.settings';
import { readKeySets } from './signing-keys';
import { RedisConfig } from './redis.config';
import { SessionsConfig } from './sessions.config';
import { readTrafficSettings, TrafficSettings } from './traffic.settings';

export interface Configuration {
  app: AppConfig;
  jwt: JwtConfig;
  db: DatabaseConfig;
  redis: RedisConfig;
  sessions: SessionsConfig;
  apiKeys: ApiKeysConfig;
  /** throttle, bruteForce, network: traffic protection (src/config/traffic.settings.ts). */
  traffic: TrafficSettings;
  gateway: GatewayConfig;
  mfa: MfaConfig;
}

/** Every bad variable, one per line; thrown before anything starts. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates every setting from `env`. Throws ConfigError naming every bad variable. `r` keeps what
 * was read (names, defaults, bounds), from which the settings reference is generated.
 */
export function loadConfiguration(env: Env, r = new EnvReader(env)): Configuration {
  const app = readAppConfig(r);
  const jwt = readJwtConfig(r, app.production);
  const db: DatabaseConfig = {
    url: readDatabaseUrl(r),
    poolSize: r.int('DB_POOL_SIZE', 10, 1, 1000),
    timeoutMs: r.duration('DB_TIMEOUT', '5s') * 1000,
    migrateOnStart: r.bool('MIGRATE_ON_START', true),
  };
  const redis: RedisConfig = { url: readRedisUrl(r), timeoutMs: r.int('REDIS_TIMEOUT', 200, 10, 60_000) };
  const sessions = readSessionsConfig(r);
  const apiKeys = readApiKeysConfig(r);
  const traffic = readTrafficSettings(r, app.production);
  const gateway = readGatewaySettings(r);
  const mfa = readMfaSettings(r);
  if (jwt.refreshCookie && traffic.network.corsOrigins.length === 0) {
    r.fail('JWT_REFRESH_COOKIE', 'needs CORS_ORIGINS: the browser origins allowed to use the refresh cookie');
  }
  if (r.errors.length > 0) throw new ConfigError(r.errors);
  return { app, jwt, db, redis, sessions, apiKeys, traffic, gateway, mfa };
}

function readApiKeysConfig(r: EnvReader): ApiKeysConfig {
  const defaultLifetime = r.duration('API_KEY_DEFAULT_LIFETIME', '90d', 60);
  const maxLifetime = r.duration('API_KEY_MAX_LIFETIME', '365d', 60);
  if (defaultLifetime > maxLifetime)
    r.fail('API_KEY_DEFAULT_LIFETIME', 'must not exceed API_KEY_MAX_LIFETIME');
  return { defaultLifetime, maxLifetime };
}

function readSessionsConfig(r: EnvReader): SessionsConfig {
  return {
    reuseGrace: r.duration('JWT_REUSE_GRACE', '0', 0),
    maxLifetime: r.duration('JWT_SESSION_MAX_LIFETIME', '30d', 1),
    flushInterval: r.duration('FLUSH_INTERVAL', '1h', 0),
    auditRetention: r.duration('AUDIT_RETENTION', '90d', 1),
  };
}

function readAppConfig(r: EnvReader): AppConfig {
  const nodeEnv = r.string('NODE_ENV', 'development');
  const port = r.int('PORT', 3000, 0, 65535);
  const metricsPort = readMetricsPort(r, port);
  return {
    nodeEnv,
    production: nodeEnv === 'production',
    host: r.string('HOST', '127.0.0.1'),
    port,
    dataDir: resolve(r.string('DATA_DIR', './data')),
    bodyLimit: r.int('BODY_LIMIT', 64 * 1024, 1024, 100 * 1024 * 1024),
    hashConcurrency: r.int('PASSWORD_HASH_CONCURRENCY', Math.max(1, availableParallelism() - 1), 1, 64),
    hashQueue: r.int('PASSWORD_HASH_QUEUE', 64, 0, 100_000),
    hashNice: r.int('PASSWORD_HASH_NICE', 10, 0, 19),
    registrationEnabled: r.bool('REGISTRATION_ENABLED', true),
    usernameCaseSensitiveUnique: r.bool('USERNAME_CASE_SENSITIVE_UNIQUE', false),
    swaggerEnabled: r.bool('SWAGGER_ENABLED', nodeEnv !== 'production'),
    publicUrl: readPublicUrl(r),
    metricsEnabled: r.bool('METRICS_ENABLED', true),
    metricsPort,
    healthPort: readHealthPort(r, port, metricsPort),
    liveMaxStallMs: r.duration('HEALTH_LIVE_MAX_STALL', '10s', 1) * 1000,
    logLevel: r.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    readyTimeoutMs: r.int('HEALTH_READY_TIMEOUT', 800, 50, 30_000),
  };
}

/** METRICS_PORT: a port of its own for /metrics, never the API's PORT. */
function readMetricsPort(r: EnvReader, apiPort: number): number | undefined {
  if (r.raw('METRICS_PORT') === undefined) return undefined;
  const port = r.int('METRICS_PORT', 0, 1, 65535);
  if (port !== 0 && port === apiPort) r.fail('METRICS_PORT', 'must differ from PORT');
  return port === 0 ? undefined : port;
}

/** HEALTH_PORT: a port of its own for the liveness worker, neither PORT nor METRICS_PORT. */
function readHealthPort(r: EnvReader, apiPort: number, metricsPort: number | undefined): number | undefined {
  if (r.raw('HEALTH_PORT') === undefined) return undefined;
  const port = r.int('HEALTH_PORT', 0, 1, 65535);
  if (port !== 0 && port === apiPort) r.fail('HEALTH_PORT', 'must differ from PORT');
  else if (port !== 0 && port === metricsPort) r.fail('HEALTH_PORT', 'must differ from METRICS_PORT');
  return port === 0 ? undefined : port;
}

function readAlgorithm(r: EnvReader): JwtAlgorithm {
  const given = r.raw('JWT_ALGORITHM')?.trim();
  if (given === undefined || !Object.hasOwn(UNSUPPORTED_ALGORITHMS, given))
    return r.oneOf('JWT_ALGORITHM', JWT_ALGORITHMS, 'HS256');
  r.fail('JWT_ALGORITHM', UNSUPPORTED_ALGORITHMS[given]);
  return 'HS256';
}

function readJwtConfig(r: EnvReader, production: boolean): JwtConfig {
  const algorithm = readAlgorithm(r);
  const signingKey = readKey(r, 'JWT_SIGNING_KEY');
  const verifyingKey = readKey(r, 'JWT_VERIFYING_KEY');
  const keySets = readKeySets(r, production);
  const keyed = keySets.signingKeys.length > 0;
  checkKeyMaterial(r, { algorithm, signingKey, verifyingKey, production, keyed });
  const headerTypes = r.list('JWT_AUTH_HEADER_TYPES', ['Bearer']);
  for (const t of headerTypes) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(t)) {
      r.fail('JWT_AUTH_HEADER_TYPES', `"${t}" is not a valid scheme`);
    }
  }
  return {
    accessLifetime: r.duration('JWT_ACCESS_TOKEN_LIFETIME', '5m'),
    refreshLifetime: r.duration('JWT_REFRESH_TOKEN_LIFETIME', '1d'),
    slidingLifetime: r.duration('JWT_SLIDING_TOKEN_LIFETIME', '5m'),
    slidingRefreshLifetime: r.duration('JWT_SLIDING_TOKEN_REFRESH_LIFETIME', '1d'),
    rotateRefreshTokens: r.bool('JWT_ROTATE_REFRESH_TOKENS', false),
    blacklistAfterRotation: r.bool('JWT_BLACKLIST_AFTER_ROTATION', true),
    algorithm,
    signingKey,
    verifyingKey,
    audience: r.string('JWT_AUDIENCE'),
    issuer: r.string('JWT_ISSUER'),
    leeway: r.duration('JWT_LEEWAY', '0', 0),
    authHeaderTypes: headerTypes.length > 0 ? headerTypes : ['Bearer'],
    authTokenClasses: readTokenClasses(r),
    userIdField: r.oneOf('JWT_USER_ID_FIELD', ['id', 'username'] as const, 'id'),
    userIdClaim: claimName(r, 'JWT_USER_ID_CLAIM', 'user_id'),
    tokenTypeClaim: claimName(r, 'JWT_TOKEN_TYPE_CLAIM', 'token_type'),
    jtiClaim: claimName(r, 'JWT_JTI_CLAIM', 'jti'),
    slidingRefreshExpClaim: claimName(r, 'JWT_SLIDING_TOKEN_REFRESH_EXP_CLAIM', 'refresh_exp'),
    updateLastLogin: r.bool('JWT_UPDATE_LAST_LOGIN', false),
    ...keySets,
    jwksMaxAge: r.duration('JWT_JWKS_MAX_AGE', '5m', 0),
    ...readRefreshCookie(r),
  };
}

/** simplejwt's class paths, or the short names. */
const TOKEN_CLASSES: Record<string, 'access' | 'sliding'> = {
  access: 'access',
  sliding: 'sliding',
  'rest_framework_simplejwt.tokens.AccessToken': 'access',
  'rest_framework_simplejwt.tokens.SlidingToken': 'sliding',
};

/** AUTH_TOKEN_CLASSES: which tokens authenticate requests; access only unless sliding is named. */
function readTokenClasses(r: EnvReader): ('access' | 'sliding')[] {
  const named = r.list('AUTH_TOKEN_CLASSES', ['access']);
  const unknown = named.filter((n) => !Object.hasOwn(TOKEN_CLASSES, n));
  if (unknown.length > 0 || named.length === 0) {
    r.fail('AUTH_TOKEN_CLASSES', `expected a list of access, sliding, got "${named.join(',')}"`);
    return ['access'];
  }
  return [...new Set(named.map((n) => TOKEN_CLASSES[n]))];
}

type RefreshCookieSettings = Pick<JwtConfig, 'refreshCookie' | 'refreshCookieOnly' | 'refreshCookieName'>;

function readRefreshCookie(r: EnvReader): RefreshCookieSettings {
  const refreshCookie = r.bool('JWT_REFRESH_COOKIE', false);
  const refreshCookieOnly = r.bool('JWT_REFRESH_COOKIE_ONLY', false);
  if (refreshCookieOnly && !refreshCookie) r.fail('JWT_REFRESH_COOKIE_ONLY', 'needs JWT_REFRESH_COOKIE=true');
  const refreshCookieName = r.string('JWT_REFRESH_COOKIE_NAME', 'bastion_refresh');
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/.test(refreshCookieName)) {
    r.fail('JWT_REFRESH_COOKIE_NAME', `"${refreshCookieName}" is not a valid cookie name`);
  }
  return { refreshCookie, refreshCookieOnly, refreshCookieName };
}

function claimName(r: EnvReader, name: string, fallback: string): string {
  const v = r.string(name, fallback);
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(v)) r.fail(name, `"${v}" is not a valid claim name`);
  return v;
}

/** A key given inline (PEM or secret) or as `file:/path`; the file is read here. */
function readKey(r: EnvReader, name: string): string | undefined {
  const v = r.raw(name);
  if (v === undefined || !v.startsWith('file:')) return v?.replace(/\\n/g, '\n');
  try {
    return readFileSync(v.slice(5), 'utf8');
  } catch (e) {
    r.fail(name, `cannot read ${v.slice(5)} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    return undefined;
  }
}

/** PUBLIC_URL: http(s), no query or fragment; kept without its trailing slash. */
function readPublicUrl(r: EnvReader): string | undefined {
  const v = r.string('PUBLIC_URL');
  if (v === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(v);
  } catch {
    url = undefined;
  }
  if (
    !url ||
    !/^https?:$/.test(url.protocol) ||
    url.search !== '' ||
    url.hash !== '' ||
    url.username !== ''
  ) {
    r.fail('PUBLIC_URL', `expected an http(s) URL without query, fragment or credentials, got "${v}"`);
    return undefined;
  }
  return url.toString().replace(/\/+$/, '');
}

function readDatabaseUrl(r: EnvReader): string | undefined {
  const url = r.string('DATABASE_URL');
  if (url === undefined) return undefined;
  if (!/^postgres(ql)?:\/\//.test(url)) {
    r.fail('DATABASE_URL', 'expected a postgres:// or postgresql:// URL');
    return undefined;
  }
  return url;
}

function readRedisUrl(r: EnvReader): string | undefined {
  const url = r.string('REDIS_URL');
  if (url !== undefined && !/^rediss?:\/\//.test(url)) {
    r.fail('REDIS_URL', 'expected a redis:// or rediss:// URL');
    return undefined;
  }
  return url;
}
