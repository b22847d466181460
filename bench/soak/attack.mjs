import { execFile } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PASSWORD } from '../lib/settings.mjs';
import { runTraffic } from './traffic.mjs';

/**
 * The attacker phase (issue 10), after the faults, while the mixed traffic goes on: `guessers` loopback
 * aliases (127.0.1.x) guess the victim's password, the victim's known client (it logged in just before,
 * and sends back its X-Device-Token) logs in every VICTIM_EVERY_MS, a flood of bad tokens from its own
 * process hits instance A for the middle half of the phase, and probers time A's /health/live on its API port
 * and on its HEALTH_PORT (`o.a.healthUrl`, the liveness worker thread). Every other address guesses
 * DJANGO_VICTIM instead, whose bcrypt hash is checked in the same hash workers as argon2id.
 * `o` = {rec, a, b, users, workers, seconds, guessers, guessEveryMs, flood: {connections, ms, max}}.
 */
export const VICTIM = 'soak-victim';
/**
 * The Django-hash variant: an imported user whose stored hash is Django's `bcrypt$` at cost 12 (set by
 * bench/soak.mjs), guessed by every other address. Its owner logs in only after the phase (a right password
 * re-hashes it to argon2id, which would end the variant).
 */
export const DJANGO_VICTIM = 'soak-victim-django';
const VICTIM_EVERY_MS = 500;
const PROBE_EVERY_MS = 100;
const FLOOD_ADDRESSES = 50;
const tally = (map, key) => (map[key] = (map[key] ?? 0) + 1);

/** One request on a node:http agent (its `localAddress` is the client the server sees); never throws. */
function send(url, agent, method = 'GET', body = undefined) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve) => {
    const done = (status) => resolve({ status, ms: performance.now() - started });
    const req = request(url, {
      method,
      agent,
      timeout: 10_000,
      headers: payload === undefined ? {} : { 'content-type': 'application/json' },
    });
    req.on('response', (res) => res.resume().on('end', () => done(res.statusCode)));
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => done(e.code ?? e.message));
    req.end(payload);
  });
}

/**
 * N addresses, one guess in flight each, alternating instances, until `end` (rec time). With `guessEveryMs`
 * each address starts a guess at most that often (staggered), as one staying under a per-address limit
 * would; 0: as fast as the answers come.
 */
async function guess(o, end) {
  const statuses = {};
  const django = {};
  const pause = (ms) => sleep(Math.max(0, Math.min(ms, end - o.rec.now())));
  await Promise.all(
    Array.from({ length: o.guessers }, async (_, i) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.1.${i + 1}` });
      await pause((o.guessEveryMs * i) / o.guessers);
      for (let n = 0; o.rec.now() < end; n++) {
        const started = o.rec.now();
        const inst = n % 2 ? o.b : o.a;
        const username = i % 2 ? DJANGO_VICTIM : VICTIM;
        const body = { username, password: `guess-${i}-${n}` };
        const { status } = await send(`${inst.url}/api/token/`, agent, 'POST', body);
        tally(statuses, status);
        if (username === DJANGO_VICTIM) tally(django, status);
        await pause(o.guessEveryMs - (o.rec.now() - started));
      }
      agent.destroy();
    }),
  );
  return { statuses, django };
}

/** The victim's client: its device token from the login before the phase, renewed at each login. */
async function victimLogins(o, token, stop) {
  const r = { rounds: 0, in: 0, retries: 0, statuses: {}, maxMs: 0 };
  for (let n = 0; !stop(); n++) {
    r.rounds++;
    const t = o.rec.now();
    for (let attempt = 0; attempt < 5; attempt++) {
      const res = await o.rec.call(
        n % 2 ? o.b : o.a,
        'victim-login',
        '/api/token/',
        { username: VICTIM, password: PASSWORD },
        { 'x-device-token': token },
      );
      tally(r.statuses, res.status || 'error');
      token = res.headers?.get('x-device-token') ?? token;
      if (res.status === 200) r.in++;
      if (res.status !== 503) break; // shed or hash queue full: try again, as a client honouring 503 would
      r.retries++;
      await sleep(500);
    }
    r.maxMs = Math.max(r.maxMs, o.rec.now() - t);
    await sleep(VICTIM_EVERY_MS);
  }
  return r;
}

/** `url` (A's /health/live) from a fresh connection every PROBE_EVERY_MS, as an orchestrator probes it. */
async function probeLiveness(url, stop) {
  const r = { ms: [], statuses: {} };
  while (!stop()) {
    const res = await send(url, false);
    tally(r.statuses, res.status);
    r.ms.push(res.ms);
    await sleep(PROBE_EVERY_MS);
  }
  return r;
}

function flood(o) {
  const args = [o.flood.connections, o.flood.ms, o.flood.max, FLOOD_ADDRESSES].map(String);
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [join(import.meta.dirname, 'flood.mjs'), `${o.a.url}/api/secure/`, ...args],
      { timeout: o.flood.ms + 30_000 },
      (e, out) => resolve(e ? { error: e.message, statuses: {}, requests: 0 } : JSON.parse(out)),
    ),
  );
}

/** bastion_logins_total by outcome, summed over both instances (a failed scrape is retried). */
async function loginCounters(o) {
  const sum = { success: 0, failure: 0, refused: 0 };
  for (const inst of [o.a, o.b]) {
    let text;
    for (let i = 0; i < 20 && text === undefined; i++) {
      const res = await fetch(`${inst.url}/metrics`).catch(() => undefined);
      if (res?.status === 200) text = await res.text();
      else await sleep(500);
    }
    if (text === undefined) throw new Error(`no /metrics from ${inst.name}`);
    for (const m of text.matchAll(/^bastion_logins_total\{outcome="(\w+)"\} (\d+)/gm))
      sum[m[1]] += Number(m[2]);
  }
  return sum;
}

/** Runs the phase; returns what it measured (checks are made by the report). */
export async function attackPhase(o) {
  const before = await loginCounters(o);
  const first = await o.rec.call(o.a, 'victim-login', '/api/token/', {
    username: VICTIM,
    password: PASSWORD,
  });
  const token = first.headers?.get('x-device-token');
  if (first.status !== 200 || !token)
    throw new Error(`victim's first login: ${first.status}, device token ${token}`);
  const window = { kind: 'attack', from: o.rec.now() };
  o.rec.windows.push(window);
  const end = window.from + o.seconds * 1000;
  const stop = () => o.rec.now() >= end;
  const flooded = sleep((o.seconds * 1000 - o.flood.ms) / 2).then(() => flood(o));
  const [, guessed, victim, live, healthPort, floodResult] = await Promise.all([
    runTraffic(o.rec, o.users, o.workers, stop),
    guess(o, end),
    victimLogins(o, token, stop),
    probeLiveness(`${o.a.url}/health/live`, stop),
    o.a.healthUrl ? probeLiveness(`${o.a.healthUrl}/health/live`, stop) : undefined,
    flooded,
  ]);
  window.to = o.rec.now();
  await sleep(1000);
  const djangoLogin = await o.rec.call(o.a, 'victim-login', '/api/token/', {
    username: DJANGO_VICTIM,
    password: PASSWORD,
  });
  const after = await loginCounters(o);
  const delta = Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));
  return {
    window,
    guessers: o.guessers,
    guessEveryMs: o.guessEveryMs,
    guesses: guessed.statuses,
    djangoVictim: { guesses: guessed.django, after: djangoLogin.status },
    logins: delta,
    victim,
    live,
    healthPort,
    flood: { connections: o.flood.connections, plannedMs: o.flood.ms, ...floodResult },
  };
}
