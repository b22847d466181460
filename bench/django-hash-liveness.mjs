import bcrypt from 'bcryptjs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createUser, ensureBuilt, Instance } from './lib/instance.mjs';
import { query } from './lib/postgres.mjs';
import { settings } from './lib/settings.mjs';

/**
 * `node bench/django-hash-liveness.mjs`: what wrong passwords for an imported Django user do to the event loop.
 * One instance (BENCH_DIST, default dist/) on LIVENESS_DATABASE_URL (a database of yours; the script adds a user),
 * with limits off so every guess reaches the hasher. A user gets a `bcrypt$` hash at Django's cost 12; then
 * /health/live on the API port is timed every 50 ms, first idle, then while 16 clients send wrong passwords
 * for that user back to back. Also times one wrong password of that user against one unknown username.
 */
const DB = process.env.LIVENESS_DATABASE_URL;
const SECONDS = Number(process.env.LIVENESS_SECONDS ?? 10);
const PARALLEL = 16;
if (!DB) throw new Error('LIVENESS_DATABASE_URL: the database the instance may use');

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const summary = (xs) =>
  `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (${xs.length})`;

async function timed(url, init) {
  const t = performance.now();
  const res = await fetch(url, init).catch((e) => ({
    status: e.cause?.code ?? e.message,
    text: async () => '',
  }));
  await res.text();
  return { status: res.status, ms: performance.now() - t };
}

async function probe(url, stop) {
  const ms = [];
  const statuses = {};
  while (!stop()) {
    const r = await timed(`${url}/health/live`);
    ms.push(r.ms);
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    await sleep(50);
  }
  return { ms, statuses };
}

const login = (url, username, password) =>
  timed(`${url}/api/token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

ensureBuilt();
const env = { DATABASE_URL: DB, THROTTLE_ENABLED: 'false', BRUTE_FORCE_ENABLED: 'false', LOG_LEVEL: 'warn' };
const username = `liveness-${Date.now().toString(36)}`;
createUser(env, username, 'the-right-password', settings.dist);
await query(DB, 'UPDATE users SET password_hash = $1 WHERE username = $2', [
  `bcrypt$${bcrypt.hashSync('the-right-password', 12)}`,
  username,
]);
const app = new Instance('liveness', await freePort(), env);
await app.start();
try {
  const url = app.url;
  await login(url, 'warm-up-unknown', 'x');
  const wrong = [];
  const unknown = [];
  for (let i = 0; i < 5; i++) {
    wrong.push((await login(url, username, `wrong-${i}`)).ms);
    unknown.push((await login(url, `nobody-${i}`, `wrong-${i}`)).ms);
  }
  let end = Date.now() + 3000;
  const idle = await probe(url, () => Date.now() >= end);
  end = Date.now() + SECONDS * 1000;
  const logins = { statuses: {}, ms: [] };
  const [busy] = await Promise.all([
    probe(url, () => Date.now() >= end),
    ...Array.from({ length: PARALLEL }, async (_, i) => {
      for (let n = 0; Date.now() < end; n++) {
        const r = await login(url, username, `guess-${i}-${n}`);
        logins.statuses[r.status] = (logins.statuses[r.status] ?? 0) + 1;
        logins.ms.push(r.ms);
      }
    }),
  ]);
  const right = await login(url, username, 'the-right-password');
  console.log(`dist: ${settings.dist}`);
  console.log(`one wrong password, bcrypt user: ${summary(wrong)}; unknown username: ${summary(unknown)}`);
  console.log(`/health/live idle: ${summary(idle.ms)}, statuses ${JSON.stringify(idle.statuses)}`);
  console.log(
    `/health/live under ${PARALLEL} parallel wrong logins: ${summary(busy.ms)}, statuses ${JSON.stringify(busy.statuses)}`,
  );
  console.log(`the wrong logins: ${summary(logins.ms)}, statuses ${JSON.stringify(logins.statuses)}`);
  console.log(`then the right password: ${right.status}`);
} finally {
  await app.stop();
}
