import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PASSWORD } from '../lib/settings.mjs';

const sha256 = (s) => createHash('sha256').update(s).digest('hex');
const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
const REQUEST_TIMEOUT_MS = 10_000;

/** Every response of the soak, the refresh tokens it was given, and the logout checks. */
export class Recorder {
  constructor(instances) {
    Object.assign(this, {
      instances,
      start: Date.now(),
      events: [],
      issued: new Map(),
      logouts: [],
      windows: [],
    });
  }

  now() {
    return Date.now() - this.start;
  }

  /** One request with a per-request timeout; never throws (a refused connection is status 0, no headers). */
  async call(inst, kind, path, body, headers = {}) {
    const t = this.now();
    let status = 0;
    let json;
    let error;
    let answered;
    try {
      const res = await fetch(inst.url + path, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      status = res.status;
      answered = res.headers;
      const text = await res.text();
      json = text.startsWith('{') ? JSON.parse(text) : undefined;
    } catch (e) {
      error = e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.message);
    }
    const event = { t, ms: this.now() - t, inst: inst.name, kind, status, error };
    this.events.push(event);
    if (status === 200 && json?.refresh) this.issued.set(sha256(json.refresh), { inst: inst.name, t });
    return { status, json, headers: answered };
  }

  live() {
    return this.instances.filter((i) => i.serving);
  }
}

/**
 * One simulated client: log in, use the access token, refresh with rotation, log out, then check the logout
 * holds on every instance (the refresh token refused, and the access token refused within 1 s).
 */
async function session(rec, users) {
  const user = pick(users);
  const login = await rec.call(pick(rec.live()), 'login', '/api/token/', {
    username: user,
    password: PASSWORD,
  });
  if (login.status !== 200) return sleep(200);
  let { access, refresh } = login.json;
  for (let i = 0, n = 3 + Math.floor(Math.random() * 6); i < n; i++) {
    if (Math.random() < 0.7) {
      await rec.call(pick(rec.live()), 'secure', '/api/secure/', undefined, {
        authorization: `Bearer ${access}`,
      });
      continue;
    }
    const r = await rec.call(pick(rec.live()), 'refresh', '/api/token/refresh/', { refresh });
    if (r.status !== 200) return undefined;
    ({ access, refresh = refresh } = r.json);
  }
  const out = await rec.call(pick(rec.live()), 'logout', '/api/token/blacklist/', { refresh });
  if (out.status === 200) await checkLogout(rec, access, refresh);
  return undefined;
}

async function checkLogout(rec, access, refresh) {
  const result = { t: rec.now(), refreshRefused: {}, accessRefused: {} };
  for (const inst of rec.live()) {
    const r = await rec.call(inst, 'check-refresh', '/api/token/refresh/', { refresh });
    result.refreshRefused[inst.name] = r.status === 401 ? true : r.status;
    result.accessRefused[inst.name] = await refusedWithin(rec, inst, access, 1000);
    for (const k of ['refreshRefused', 'accessRefused'])
      if (result[k][inst.name] === 0 && !inst.serving) result[k][inst.name] = 'down';
  }
  result.end = rec.now();
  rec.logouts.push(result);
}

/** True once the access token answers 401 on `inst`, polling for up to `ms`; else the last status. */
export async function refusedWithin(rec, inst, access, ms) {
  const until = rec.now() + ms;
  let status;
  do {
    ({ status } = await rec.call(inst, 'check-access', '/api/secure/', undefined, {
      authorization: `Bearer ${access}`,
    }));
    if (status === 401) return true;
    await sleep(100);
  } while (rec.now() < until);
  return status;
}

/** `workers` clients looping until `stop()` is true: bounded load, one request in flight per worker. */
export async function runTraffic(rec, users, workers, stop) {
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (!stop()) {
        if (rec.live().length === 0) await sleep(100);
        else await session(rec, users);
      }
    }),
  );
}
