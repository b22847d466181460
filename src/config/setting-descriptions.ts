/**
 * What each setting means, keyed by its variable: the one place a setting is described. The name, default
 * (development's and production's), kind and bounds come from the code that reads it (EnvReader), so a new
 * setting needs one entry here; `npm run docs` then writes docs/configuration.md and .env.example, and
 * src/config/settings-reference.spec.ts fails, naming the setting, while either is missing or out of date.
 */

/** The sections of the reference, in order: key, title, and a sentence shown under the title. */
export const SETTING_SECTIONS = {
  server: {
    title: 'Server',
    intro: 'Listening, request bodies, password hashing, registration, Swagger and logs.',
  },
  health: { title: 'Health and overload', intro: 'Probes and load shedding.' },
  metrics: {
    title: 'Metrics',
    intro: 'Prometheus scraping (see [Metrics and dashboards](operations.md#metrics-and-dashboards)).',
  },
  tokens: { title: "Tokens (simplejwt's `SIMPLE_JWT`)", intro: "The names follow simplejwt's settings." },
  keys: {
    title: 'Keys, JWKS and cookie mode',
    intro:
      'See [Keys and JWKS](operations.md#keys-and-jwks) and [Cookie mode](operations.md#cookie-mode-for-browsers).',
  },
  database: { title: 'Database', intro: 'PostgreSQL, or the embedded PGlite when `DATABASE_URL` is unset.' },
  redis: { title: 'Redis', intro: 'State shared by several instances.' },
  throttling: {
    title: 'Throttling',
    intro:
      'Limits are `<requests>/<window>` rules, comma-separated, that all apply. Every request counts, malformed ones too; a 429 names the limit that refused and the setting that changes it.',
  },
  bruteForce: {
    title: 'Brute-force defence',
    intro: 'Failed-password backoff without victim lockout (see [the threat model](security.md)).',
  },
  network: {
    title: 'Network: proxies, IP rules, CORS, TLS',
    intro: 'Lists are comma-separated CIDRs (IPv4 or IPv6); a malformed entry stops the start.',
  },
  sessions: {
    title: 'Sessions, revocation and housekeeping',
    intro: 'Refresh-token families and the scheduled flush.',
  },
  apiKeys: {
    title: 'API keys',
    intro: 'Keys for machines (see [API keys](operations.md#api-keys-for-machines)).',
  },
  mfa: {
    title: 'Second factor: TOTP, recovery codes, passkeys',
    intro: 'Opt-in per user; users without a factor log in exactly as before (see [MFA](mfa.md)).',
  },
  gateway: {
    title: 'Gateway forward auth',
    intro: 'Rules of `/api/auth/check/` for a gateway in front of your API (see [Gateways](gateway.md)).',
  },
} as const;

export type SettingSection = keyof typeof SETTING_SECTIONS;

export interface SettingDescription {
  section: SettingSection;
  /** Markdown, one paragraph. */
  description: string;
  /** Shown instead of the default the code reads, when that one depends on the machine or on other settings. */
  default?: string;
  /** `settings` masks the value (URLs: only their password). */
  secret?: true;
}

export const SETTING_DESCRIPTIONS: Record<string, SettingDescription> = {
  NODE_ENV: {
    section: 'server',
    description:
      '`production` refuses a missing or weak HMAC signing key (< 32 bytes, < 10 distinct bytes, 8 equal characters in a row, a placeholder such as `changeme` or `django-insecure-…`) instead of generating a development key, and turns Swagger off unless `SWAGGER_ENABLED=true`',
  },
  PORT: {
    section: 'server',
    description: 'port to listen on',
  },
  HOST: {
    section: 'server',
    description: 'address to listen on (`0.0.0.0` in the Docker image)',
  },
  DATA_DIR: {
    section: 'server',
    description: 'embedded database (`pglite/`), its lock file and the generated development key',
  },
  BODY_LIMIT: {
    section: 'server',
    description: 'largest request body in bytes (1024 … 100 MiB); larger → 413 `request_too_large`',
  },
  PASSWORD_HASH_CONCURRENCY: {
    section: 'server',
    description:
      'argon2id hashes computed at once, each in its own worker process (~45 MB resident, plus 19 MiB and one core while it hashes) started on first use at `PASSWORD_HASH_NICE`, so the OS runs the event loop first; logins beyond it wait their turn',
    default: 'cores − 1 (at least 1)',
  },
  PASSWORD_HASH_QUEUE: {
    section: 'server',
    description:
      'hashes allowed to wait for a worker (0 … 100000); one more login, registration or password change gets 503 `service_unavailable` with `Retry-After` at once instead of waiting without end',
  },
  PASSWORD_HASH_NICE: {
    section: 'server',
    description:
      'nice value (0 … 19) of the hash workers: the OS gives a busy event loop (nice 0) ~90% of a core shared with one worker at 10; on a host shared with other busy nice-0 work, logins then get little CPU, and 0 gives them a fair share again',
  },
  REGISTRATION_ENABLED: {
    section: 'server',
    description: '`POST /api/users/` self-registration',
  },
  USERNAME_CASE_SENSITIVE_UNIQUE: {
    section: 'server',
    description:
      "`true`: `importusers` may bring Django users whose names differ only by case (`Bob` and `bob`); the unique index on `lower(username)` becomes a plain one. New names are still refused at registration and by `createuser` when they differ from a user's only by case. See [Identity and keys](security.md#identity-and-keys)",
  },
  SWAGGER_ENABLED: {
    section: 'server',
    description:
      'Swagger UI at `/docs`, OpenAPI document at `/docs-json`; production serves them only when set to `true` explicitly',
  },
  PUBLIC_URL: {
    section: 'server',
    description:
      "the service's public base URL (e.g. `https://auth.example.com`, a path prefix allowed): pagination links of the admin API become absolute under it; unset: relative links (`/api/admin/users/?page=2`). Never taken from the `Host` header",
  },
  LOG_LEVEL: {
    section: 'server',
    description:
      'pino level: `fatal`, `error`, `warn`, `info`, `debug`, `trace`, `silent` (JSON lines with a request id; logged URLs keep query names but not values, and any `eyJ…` token-like value is `[REDACTED]`)',
  },
  HEALTH_PORT: {
    section: 'health',
    description:
      'also serve `GET /health/live` on this port (on `HOST`), from a worker thread with its own event loop and accept queue: answered in milliseconds while a flood holds the main event loop (see [Liveness under a flood](operations.md#liveness-under-a-flood-health_port)); must differ from `PORT` and `METRICS_PORT`; the Docker image sets `3002` and probes it',
  },
  HEALTH_LIVE_MAX_STALL: {
    section: 'health',
    description:
      'on `HEALTH_PORT`, `/health/live` answers 503 once the main event loop has not run for this long (its heartbeat, written every 200 ms, is older), so a wedged process is still restarted',
  },
  HEALTH_READY_TIMEOUT: {
    section: 'health',
    description:
      'milliseconds `/health/ready` gives each dependency (50 … 30000, at most `DB_TIMEOUT`); one that has not answered is reported down, so the probe itself is never slow',
  },
  OVERLOAD_MAX_EVENT_LOOP_DELAY: {
    section: 'health',
    description:
      'milliseconds of mean event-loop delay above which requests are shed with 503 `service_unavailable` + `Retry-After` before any work (`@fastify/under-pressure`, sampled every 250 ms); `/health/live` is exempt; `0` turns shedding off',
  },
  OVERLOAD_RETRY_AFTER: {
    section: 'health',
    description: '`Retry-After` of a shed request',
  },
  METRICS_PORT: {
    section: 'metrics',
    description:
      'serve `/metrics` only on this port (a separate listener on `HOST`, the TCP peer is the client), not on the API port; must differ from `PORT`',
  },
  METRICS_ENABLED: {
    section: 'metrics',
    description:
      'Prometheus metrics at `GET /metrics` (no token, never throttled; see [Metrics and dashboards](operations.md#metrics-and-dashboards)); `false`: no route, no request timing',
  },
  METRICS_IP_ALLOWLIST: {
    section: 'metrics',
    description:
      "CIDRs allowed to scrape `/metrics` (loopback only by default: add your scraper's network; private ranges are not trusted by default, since behind a proxy without `TRUSTED_PROXIES` every client comes from the proxy's address); others get 403 `ip_forbidden`",
  },
  JWT_ALGORITHM: {
    section: 'tokens',
    description:
      '`HS256/384/512`, `RS256/384/512` (RSA keys ≥ 2048 bits), `ES256/384/512`; `EdDSA` is refused (see [Keys and JWKS](operations.md#keys-and-jwks))',
  },
  JWT_SIGNING_KEY: {
    section: 'tokens',
    description:
      'HMAC secret (≥ 32 bytes and not weak in production, see `NODE_ENV`) or private key PEM (RSA ≥ 2048 bits); inline (`\\n` allowed) or `file:/path`',
    default: 'development: generated under `DATA_DIR`; production: required',
    secret: true,
  },
  JWT_VERIFYING_KEY: {
    section: 'tokens',
    description: 'public key PEM (or `file:/path`) for the asymmetric algorithms',
  },
  JWT_AUTH_HEADER_TYPES: {
    section: 'tokens',
    description: 'comma-separated accepted `Authorization` schemes',
  },
  JWT_ACCESS_TOKEN_LIFETIME: {
    section: 'tokens',
    description: 'access token lifetime',
  },
  JWT_REFRESH_TOKEN_LIFETIME: {
    section: 'tokens',
    description: 'refresh token lifetime',
  },
  JWT_SLIDING_TOKEN_LIFETIME: {
    section: 'tokens',
    description: 'sliding token lifetime (as an access token)',
  },
  JWT_SLIDING_TOKEN_REFRESH_LIFETIME: {
    section: 'tokens',
    description: 'how long a sliding token can be refreshed',
  },
  AUTH_TOKEN_CLASSES: {
    section: 'tokens',
    description:
      "token types that authenticate requests on protected routes, as simplejwt's `AUTH_TOKEN_CLASSES`: `access` (the default), `sliding`, or both comma-separated",
  },
  JWT_ROTATE_REFRESH_TOKENS: {
    section: 'tokens',
    description: '`/api/token/refresh/` also returns a new refresh token',
  },
  JWT_BLACKLIST_AFTER_ROTATION: {
    section: 'tokens',
    description: 'with rotation, the rotated-out refresh token is blacklisted',
  },
  JWT_AUDIENCE: {
    section: 'tokens',
    description: '`aud` claim set and required',
  },
  JWT_ISSUER: {
    section: 'tokens',
    description: '`iss` claim set and required',
  },
  JWT_LEEWAY: {
    section: 'tokens',
    description: 'clock skew tolerated when checking `exp` (duration)',
  },
  JWT_USER_ID_FIELD: {
    section: 'tokens',
    description: 'user field put in the token: `id` or `username`',
  },
  JWT_USER_ID_CLAIM: {
    section: 'tokens',
    description: 'claim name holding it',
  },
  JWT_TOKEN_TYPE_CLAIM: {
    section: 'tokens',
    description: 'claim name of the token type',
  },
  JWT_JTI_CLAIM: {
    section: 'tokens',
    description: 'claim name of the token id',
  },
  JWT_SLIDING_TOKEN_REFRESH_EXP_CLAIM: {
    section: 'tokens',
    description: 'claim name of that limit',
  },
  JWT_UPDATE_LAST_LOGIN: {
    section: 'tokens',
    description: 'update `users.last_login` on `POST /api/token/`',
  },
  JWT_SIGNING_KEYS: {
    section: 'keys',
    description:
      'Keys with a kid: `KID:ALG:file:PATH`, `KID:ALG:env:VAR`, `dir:PATH` (comma/newline separated). Set: tokens carry `kid`, `JWT_SIGNING_KEY` only verifies kid-less tokens. See [Keys and JWKS](operations.md#keys-and-jwks)',
  },
  JWT_SIGNING_KID: {
    section: 'keys',
    description: 'The kid of `JWT_SIGNING_KEYS` that signs access (and sliding) tokens',
    default: 'the only key that can sign',
  },
  JWT_REFRESH_SIGNING_KEYS: {
    section: 'keys',
    description: 'Separate keys for refresh tokens (same syntax, distinct kids)',
  },
  JWT_REFRESH_SIGNING_KID: {
    section: 'keys',
    description: 'The kid that signs refresh tokens',
    default: 'the only refresh key that can sign',
  },
  JWT_JWKS_MAX_AGE: {
    section: 'keys',
    description: '`Cache-Control: public, max-age` of `/.well-known/jwks.json`',
  },
  JWT_REFRESH_COOKIE: {
    section: 'keys',
    description:
      'Cookie mode: obtain/refresh also set the refresh token in a `Secure; HttpOnly; SameSite=Strict` cookie on `/api/token`; needs `CORS_ORIGINS`',
  },
  JWT_REFRESH_COOKIE_ONLY: {
    section: 'keys',
    description: 'With cookie mode: leave `refresh` out of the response body',
  },
  JWT_REFRESH_COOKIE_NAME: {
    section: 'keys',
    description: "The cookie's name",
  },
  DATABASE_URL: {
    section: 'database',
    description: '`postgres://user:pass@host:5432/db`; unset → embedded PGlite under `DATA_DIR`',
    secret: true,
  },
  DB_POOL_SIZE: {
    section: 'database',
    description: 'PostgreSQL connection pool size per instance (1 … 1000)',
  },
  DB_TIMEOUT: {
    section: 'database',
    description: 'bound on connecting and on each query; past it a request gets 503 `service_unavailable`',
  },
  MIGRATE_ON_START: {
    section: 'database',
    description: 'apply pending migrations at start (serialized across instances by an advisory lock)',
  },
  REDIS_URL: {
    section: 'redis',
    description:
      '`redis://…` or `rediss://…`: state shared by the instances (throttling counters, revocation broadcasts); unset → each instance keeps its own',
    secret: true,
  },
  REDIS_TIMEOUT: {
    section: 'redis',
    description: 'milliseconds any Redis command may take before the caller gives up (10 … 60000)',
  },
  THROTTLE_DEFAULT: {
    section: 'throttling',
    description:
      'limits of every route per client IP (all routes together), `<requests>/<window>` rules that all apply',
  },
  THROTTLE_LOGIN: {
    section: 'throttling',
    description:
      '`POST /api/token/`, `/api/token/sliding/` and `/api/users/me/password/` (it checks a password too) together, per client IP',
  },
  THROTTLE_LOGIN_USER: {
    section: 'throttling',
    description:
      'the same two routes per client IP + username (trimmed as login trims it, case kept; existing or not)',
  },
  THROTTLE_TOKEN: {
    section: 'throttling',
    description: 'refresh, verify, blacklist, sliding refresh: one bucket per route per client IP',
  },
  THROTTLE_REGISTER: {
    section: 'throttling',
    description: '`POST /api/users/` per client IP',
  },
  THROTTLE_API_KEY: {
    section: 'throttling',
    description:
      "requests authenticated by an API key, per key (counted once the key is known good, so a forged key with someone's public prefix uses up nothing), on top of the per-IP limits",
  },
  THROTTLE_ENABLED: {
    section: 'throttling',
    description:
      'per-route throttling (`@nestjs/throttler`); `false` for benchmarks and contract runs (a warning is logged at start)',
  },
  THROTTLE_HEADERS: {
    section: 'throttling',
    description:
      '`RateLimit-Policy`, `RateLimit`, `X-RateLimit-Limit/Remaining/Reset` on throttled routes (`Retry-After` on a 429 always)',
  },
  THROTTLE_FAIL_OPEN: {
    section: 'throttling',
    description:
      "with `REDIS_URL` and Redis down or slower than `REDIS_TIMEOUT`: `true` counts in each instance's memory until Redis answers again (throttling and failed logins; logged once, shown by `/health/ready`), `false` answers 503 (and `/health/ready` is 503). Nothing is ever let through uncounted; no request waits longer than `REDIS_TIMEOUT`",
  },
  BRUTE_FORCE_ENABLED: {
    section: 'bruteForce',
    description:
      'failed-password defence on login and password change without victim lockout: unknown clients of an account share one failure streak, a device the owner logged in from has its own (see [Threat model and defences](security.md)); a refusal answers exactly like a wrong password',
  },
  BRUTE_FORCE_FREE_FAILURES: {
    section: 'bruteForce',
    description: 'consecutive failures of a streak before its backoff starts (1 … 100)',
  },
  BRUTE_FORCE_BASE_DELAY: {
    section: 'bruteForce',
    description:
      'first refusal window of a streak, doubled at each further failure (a success resets the streak)',
  },
  BRUTE_FORCE_MAX_DELAY: {
    section: 'bruteForce',
    description:
      'cap of that window (≥ `BRUTE_FORCE_BASE_DELAY`); with the defaults ~11 guesses in the first hour, then 4 an hour',
  },
  DEVICE_TOKEN_LIFETIME: {
    section: 'bruteForce',
    description:
      'validity of the device token handed out at each successful login (`X-Device-Token` header and `bastion_device` cookie)',
  },
  DEVICE_TOKEN_SECRET: {
    section: 'bruteForce',
    description:
      'HMAC key of device tokens (≥ 32 characters, the same on every instance); unset: derived (HKDF) from `JWT_SIGNING_KEY` or the first `JWT_SIGNING_KEYS` entry, so rotating that key makes clients unknown once',
    default: 'derived from the signing key',
    secret: true,
  },
  TRUSTED_PROXIES: {
    section: 'network',
    description:
      'CIDRs (IPv4/IPv6) whose `X-Forwarded-For` is believed; the client is the rightmost address that is not a trusted proxy. Unset: the TCP peer is the client and the header changes nothing',
  },
  IP_ALLOWLIST: {
    section: 'network',
    description: 'CIDRs allowed to reach anything (unset: everyone); others get 403 `ip_forbidden`',
  },
  IP_DENYLIST: {
    section: 'network',
    description: 'CIDRs refused with 403 `ip_forbidden`; deny beats allow',
  },
  DOCS_IP_ALLOWLIST: {
    section: 'network',
    description: 'CIDRs allowed to `/docs` and `/docs-json` (unset: no extra rule)',
  },
  CORS_ORIGINS: {
    section: 'network',
    description:
      'comma-separated browser origins (`https://app.example.com`) allowed by CORS; unset: no CORS headers',
  },
  TLS_CERT_FILE: {
    section: 'network',
    description:
      'PEM certificate chain; with `TLS_KEY_FILE` the app serves HTTPS (TLS 1.2 and 1.3 only) with HSTS',
  },
  TLS_KEY_FILE: {
    section: 'network',
    description: 'PEM private key of `TLS_CERT_FILE` (the two go together)',
  },
  JWT_REUSE_GRACE: {
    section: 'sessions',
    description:
      'a rotated-out refresh token presented again within this window after its rotation is refused (401 `Token is blacklisted`) without revoking its session — two tabs refreshing together; outside it, the whole session is revoked (duration, `0` allowed)',
  },
  JWT_SESSION_MAX_LIFETIME: {
    section: 'sessions',
    description:
      'absolute cap of a session from its login, however often it is refreshed or rotated; past it refresh answers 401 `token_not_valid`',
  },
  FLUSH_INTERVAL: {
    section: 'sessions',
    description:
      "how often each instance deletes expired tokens, ended sessions and old security events, in batches; `0` disables the schedule (the CLI's `flushexpiredtokens` still works)",
  },
  AUDIT_RETENTION: {
    section: 'sessions',
    description: 'security events older than this are deleted by the flush',
  },
  API_KEY_DEFAULT_LIFETIME: {
    section: 'apiKeys',
    description: 'lifetime of a key created without `expires_at` (duration, at least 1m)',
  },
  API_KEY_MAX_LIFETIME: {
    section: 'apiKeys',
    description: 'the latest `expires_at` a key may have, from its creation; later is a 400 (duration)',
  },
  MFA_REQUIRED_FOR_STAFF: {
    section: 'mfa',
    description:
      'staff and superusers without a second factor may log in, but the admin API answers 403 `mfa_required` until they enrol',
  },
  MFA_ENCRYPTION_KEY: {
    section: 'mfa',
    description:
      'at least 32 characters: TOTP secrets are sealed at rest with AES-256-GCM under this key; unset: stored in clear',
    secret: true,
  },
  MFA_TOKEN_LIFETIME: {
    section: 'mfa',
    description: "how long the login's second step may follow the password (duration, at least 30s)",
  },
  MFA_TOKEN_ATTEMPTS: {
    section: 'mfa',
    description: 'wrong factors one `mfa_token` takes before it is spent (1–20)',
  },
  MFA_ISSUER: {
    section: 'mfa',
    description: 'the name authenticator apps show beside the account (at most 64 characters, no `:`)',
  },
  WEBAUTHN_RP_ID: {
    section: 'mfa',
    description: "passkeys' relying-party id, a domain such as `example.com`; unset: passkeys are off",
  },
  WEBAUTHN_RP_NAME: {
    section: 'mfa',
    description: 'the name an authenticator shows for passkeys',
  },
  WEBAUTHN_ORIGINS: {
    section: 'mfa',
    description:
      'origins of the pages that use passkeys, comma-separated, each https (http only for localhost) and within `WEBAUTHN_RP_ID`',
  },
  GATEWAY_RULES: {
    section: 'gateway',
    description:
      'rules of `/api/auth/check/`, first match wins, separated by `;`: `METHODS PATH REQUIREMENT`, e.g. `GET,HEAD /orders/** orders.view_order;* /admin/** staff;* /public/** public` (requirement: `public`, `authenticated`, `staff`, `deny` or permissions `app_label.codename`); no rule matches: a valid token or API key is enough',
  },
  GATEWAY_RULES_FILE: {
    section: 'gateway',
    description: 'the same rules in a file, one a line, `#` comments; read after `GATEWAY_RULES`',
  },
};
