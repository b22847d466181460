import { readFileSync } from 'node:fs';
import { BruteForceConfig } from './brute-force.config';
import { parseCidr } from './cidr';
import { EnvReader, parseDuration } from './env.parsers';
import { NetworkConfig } from './network.config';
import { RateRule, ThrottleConfig } from './throttle.config';

/** Loopback and private ranges (RFC 1918, RFC 4193): the default of METRICS_IP_ALLOWLIST. */
const PRIVATE_NETWORKS = [
  '127.0.0.0/8',
  '::1/128',
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  'fc00::/7',
];

export interface TrafficSettings {
  throttle: ThrottleConfig;
  bruteForce: BruteForceConfig;
  network: NetworkConfig;
}

/** The settings of traffic protection (throttling, brute force, IP rules, CORS, TLS); errors go to `r`. */
export function readTrafficSettings(r: EnvReader): TrafficSettings {
  const throttle: ThrottleConfig = {
    enabled: r.bool('THROTTLE_ENABLED', true),
    headers: r.bool('THROTTLE_HEADERS', true),
    failOpen: r.bool('THROTTLE_FAIL_OPEN', true),
    rules: {
      default: rateRules(r, 'THROTTLE_DEFAULT', '20/1s,300/1m'),
      login: rateRules(r, 'THROTTLE_LOGIN', '10/1m'),
      login_user: rateRules(r, 'THROTTLE_LOGIN_USER', '5/1m'),
      token: rateRules(r, 'THROTTLE_TOKEN', '60/1m'),
      register: rateRules(r, 'THROTTLE_REGISTER', '5/1h'),
    },
  };
  const bruteForce: BruteForceConfig = {
    enabled: r.bool('BRUTE_FORCE_ENABLED', true),
    freeFailures: 5,
    baseDelayMs: 1000,
    maxDelayMs: 15 * 60 * 1000,
    accountHourlyCap: 100,
  };
  const network: NetworkConfig = {
    trustedProxies: cidrList(r, 'TRUSTED_PROXIES'),
    ipAllowlist: cidrList(r, 'IP_ALLOWLIST'),
    ipDenylist: cidrList(r, 'IP_DENYLIST'),
    docsIpAllowlist: cidrList(r, 'DOCS_IP_ALLOWLIST'),
    metricsIpAllowlist: cidrList(r, 'METRICS_IP_ALLOWLIST', PRIVATE_NETWORKS),
    corsOrigins: corsOrigins(r),
    tls: tlsFiles(r),
  };
  return { throttle, bruteForce, network };
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
