import { readFileSync } from 'node:fs';
import { BruteForceConfig } from './brute-force.config';
import { parseCidr } from './cidr';
import { EnvReader, parseDuration } from './env.parsers';
import { NetworkConfig } from './network.config';
import { OverloadConfig } from './overload.config';
import { RateRule, THROTTLE_SCOPES, ThrottleConfig, ThrottleScope } from './throttle.config';

/**
 * Loopback only: the default of METRICS_IP_ALLOWLIST. Private ranges are opt-in, since behind a proxy
 * without TRUSTED_PROXIES every client would come from the proxy's private address.
 */
const LOOPBACK = ['127.0.0.0/8', '::1/128'];

export interface TrafficSettings {
  throttle: ThrottleConfig;
  bruteForce: BruteForceConfig;
  network: NetworkConfig;
  overload: OverloadConfig;
}

/**
 * Default limits per scope (`THROTTLE_<SCOPE>`): production's, and development's (NODE_ENV other than
 * production), which a person clicking through Swagger UI — typos, a few wrong passwords, several test
 * registrations — does not trip, while a runaway script still does.
 */
export const THROTTLE_DEFAULTS: Record<ThrottleScope, { production: string; development: string }> = {
  default: { production: '20/1s,300/1m', development: '100/1s,3000/1m' },
  login: { production: '10/1m', development: '60/1m' },
  login_user: { production: '5/1m', development: '30/1m' },
  token: { production: '60/1m', development: '600/1m' },
  register: { production: '5/1h', development: '60/1h' },
  api_key: { production: '300/1m', development: '3000/1m' },
};

/** The variable that sets a scope's limits: `login_user` -> `THROTTLE_LOGIN_USER`. */
export const throttleSetting = (scope: ThrottleScope): string => `THROTTLE_${scope.toUpperCase()}`;

/** The settings of traffic protection (throttling, brute force, IP rules, CORS, TLS); errors go to `r`. */
export function readTrafficSettings(r: EnvReader, production = true): TrafficSettings {
  const rules = Object.fromEntries(
    THROTTLE_SCOPES.map((scope) => {
      const defaults = THROTTLE_DEFAULTS[scope];
      return [
        scope,
        rateRules(r, throttleSetting(scope), production ? defaults.production : defaults.development),
      ];
    }),
  ) as Record<ThrottleScope, RateRule[]>;
  const throttle: ThrottleConfig = {
    enabled: r.bool('THROTTLE_ENABLED', true),
    headers: r.bool('THROTTLE_HEADERS', true),
    failOpen: r.bool('THROTTLE_FAIL_OPEN', true),
    rules,
  };
  const bruteForce = readBruteForce(r);
  const network: NetworkConfig = {
    trustedProxies: cidrList(r, 'TRUSTED_PROXIES'),
    ipAllowlist: cidrList(r, 'IP_ALLOWLIST'),
    ipDenylist: cidrList(r, 'IP_DENYLIST'),
    docsIpAllowlist: cidrList(r, 'DOCS_IP_ALLOWLIST'),
    metricsIpAllowlist: cidrList(r, 'METRICS_IP_ALLOWLIST', LOOPBACK),
    corsOrigins: corsOrigins(r),
    tls: tlsFiles(r),
  };
  const overload: OverloadConfig = {
    maxEventLoopDelayMs: r.int('OVERLOAD_MAX_EVENT_LOOP_DELAY', 1000, 0, 60_000),
    retryAfterSeconds: r.duration('OVERLOAD_RETRY_AFTER', '5s'),
  };
  return { throttle, bruteForce, network, overload };
}

function readBruteForce(r: EnvReader): BruteForceConfig {
  const c: BruteForceConfig = {
    enabled: r.bool('BRUTE_FORCE_ENABLED', true),
    freeFailures: r.int('BRUTE_FORCE_FREE_FAILURES', 5, 1, 100),
    baseDelayMs: r.duration('BRUTE_FORCE_BASE_DELAY', '1m') * 1000,
    maxDelayMs: r.duration('BRUTE_FORCE_MAX_DELAY', '15m') * 1000,
    deviceLifetimeMs: r.duration('DEVICE_TOKEN_LIFETIME', '90d') * 1000,
    deviceSecret: r.string('DEVICE_TOKEN_SECRET'),
  };
  if (c.maxDelayMs < c.baseDelayMs)
    r.fail('BRUTE_FORCE_MAX_DELAY', 'must be at least BRUTE_FORCE_BASE_DELAY');
  if (c.deviceSecret !== undefined && c.deviceSecret.length < 32)
    r.fail('DEVICE_TOKEN_SECRET', 'must be at least 32 characters');
  return c;
}

/** `20/1s,300/1m`: one or more `<limit>/<window>` rules, all of which apply. */
export function parseRateRules(text: string): RateRule[] | undefined {
  const rules: RateRule[] = [];
  for (const item of text.split(',')) {
    const m = /^\s*(\d{1,9})\s*\/\s*(\S+)\s*$/.exec(item);
    const seconds = m ? parseDuration(m[2]) : undefined;
    if (!m || seconds === undefined || seconds < 1 || Number(m[1]) < 1) return undefined;
    rules.push({ limit: Number(m[1]), ttlMs: seconds * 1000 });
  }
  return rules.sort((a, b) => a.ttlMs - b.ttlMs);
}

function rateRules(r: EnvReader, name: string, fallback: string): RateRule[] {
  const text = r.string(name, fallback);
  const rules = parseRateRules(text);
  if (rules) return rules;
  r.fail(name, `expected limits like 20/1s,300/1m (requests/window), got "${text}"`);
  return parseRateRules(fallback)!;
}

function cidrList(r: EnvReader, name: string, fallback: string[] = []): string[] {
  const items = r.list(name, fallback);
  const bad = items.filter((c) => parseCidr(c) === undefined);
  if (bad.length > 0)
    r.fail(
      name,
      `malformed CIDR ${bad.map((b) => `"${b}"`).join(', ')} (expected e.g. 10.0.0.0/8 or 2001:db8::/32)`,
    );
  return items.filter((c) => parseCidr(c) !== undefined);
}

function corsOrigins(r: EnvReader): string[] {
  const origins = r.list('CORS_ORIGINS', []);
  for (const o of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(o))
      r.fail('CORS_ORIGINS', `"${o}" is not an origin like https://app.example.com`);
  }
  return origins;
}

function tlsFiles(r: EnvReader): NetworkConfig['tls'] {
  const certFile = r.string('TLS_CERT_FILE');
  const keyFile = r.string('TLS_KEY_FILE');
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) {
    r.fail(
      certFile === undefined ? 'TLS_CERT_FILE' : 'TLS_KEY_FILE',
      'TLS_CERT_FILE and TLS_KEY_FILE go together',
    );
    return undefined;
  }
  const cert = readPem(r, 'TLS_CERT_FILE', certFile);
  const key = readPem(r, 'TLS_KEY_FILE', keyFile);
  return cert !== undefined && key !== undefined ? { cert, key } : undefined;
}

function readPem(r: EnvReader, name: string, file: string): string | undefined {
  try {
    const pem = readFileSync(file, 'utf8');
    if (!pem.includes('-----BEGIN ')) r.fail(name, `${file} is not a PEM file`);
    return pem;
  } catch (e) {
    r.fail(name, `cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    return undefined;
  }
}
