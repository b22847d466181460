import { generateKeyPairSync } from 'node:crypto';
import { PASSWORD } from './settings.mjs';

/** A P-256 private key PEM for JWT_ALGORITHM=ES256 (JWT_SIGNING_KEY takes PEM text). */
export function es256Pem() {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
  });
}

/**
 * 60 s: a login right after a login run waits behind the logins that run left queued, and hash workers
 * run below the event loop's priority, so on a busy machine that queue drains slowly.
 */
export async function post(url, path, body, headers = {}) {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

export async function login(url, username, password = PASSWORD) {
  const res = await post(url, '/api/token/', { username, password });
  if (res.status !== 200) throw new Error(`login ${username} on ${url}: ${res.status} ${res.text}`);
  return res.json;
}

/**
 * Does the server throttle? One probe on the guarded route: RateLimit / X-RateLimit-* headers answer it
 * (the issue asks for them on every response of a throttled route).
 */
export async function throttleProbe(url, access) {
  const res = await fetch(`${url}/api/secure/`, { headers: { authorization: `Bearer ${access}` } });
  await res.text();
  const limit = res.headers.get('ratelimit') ?? res.headers.get('x-ratelimit-limit');
  return { active: limit !== null, header: limit };
}

/**
 * Refresh-token chains for rotation under load. Each connection takes a live chain head from the pool
 * before a request and puts the successor back after a 200; a chain whose outcome is unknown (request in
 * flight when a run stops) or refused is dropped. `topUp` logs in until enough heads are free.
 */
export class ChainPool {
  constructor(url, username) {
    Object.assign(this, { url, username, free: [], dropped: 0, exhausted: 0 });
  }

  async topUp(wanted, parallel = 4) {
    while (this.free.length < wanted) {
      const n = Math.min(parallel, wanted - this.free.length);
      const pairs = await Promise.all(Array.from({ length: n }, () => login(this.url, this.username)));
      this.free.push(...pairs.map((p) => p.refresh));
    }
  }

  /** autocannon `requests` for POST /api/token/refresh/ with chaining; `rotate` false reuses the token. */
  requests(rotate) {
    return [
      {
        method: 'POST',
        path: '/api/token/refresh/',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req, context) => {
          const token = rotate ? this.free.shift() : this.free[0];
          if (token === undefined) this.exhausted++;
          context.token = token;
          return { ...req, body: JSON.stringify({ refresh: token ?? 'pool-exhausted' }) };
        },
        onResponse: (status, body, context) => {
          if (!rotate || context.token === undefined) return;
          const next = status === 200 ? JSON.parse(body).refresh : undefined;
          if (next) this.free.push(next);
          else this.dropped++;
        },
      },
    ];
  }
}
