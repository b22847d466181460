import { setTimeout as sleep } from 'node:timers/promises';
import { redisKeyCount } from '../lib/redis.mjs';
import { PASSWORD } from '../lib/settings.mjs';
import { refusedWithin } from './traffic.mjs';

/**
 * The three faults of issue 6, injected while the traffic runs. Each returns its checks:
 * {name, ok, detail, timing}; a timing check (a latency bound) does not fail the smoke run, only the full one.
 * `f` = {rec, proxy, redis, a, b, user, dbTimeoutMs, redisTimeoutMs, faultMs, failOpen}.
 */
const check = (name, ok, detail) => ({ name, ok: Boolean(ok), detail });
const timing = (name, ok, detail) => ({ ...check(name, ok, detail), timing: true });

async function waitReady(rec, inst, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if ((await rec.call(inst, 'ready', '/health/ready')).status === 200) return true;
    await sleep(200);
  }
  return false;
}

async function loginOn(f, inst) {
  const r = await f.rec.call(inst, 'login', '/api/token/', { username: f.user, password: PASSWORD });
  return r.status === 200 ? r.json : undefined;
}

/** Postgres taken away behind the TCP proxy: fast 503s during, recovery by itself after. */
export async function postgresOutage(f) {
  const window = { kind: 'postgres', from: f.rec.now() };
  f.rec.windows.push(window);
  f.proxy.cut();
  const t = Date.now();
  const during = await f.rec.call(f.a, 'login', '/api/token/', { username: f.user, password: PASSWORD });
  const probeMs = Date.now() - t;
  await sleep(Math.max(0, f.faultMs - probeMs));
  f.proxy.restore();
  const back = Date.now();
  const ready = [await waitReady(f.rec, f.a, 30_000), await waitReady(f.rec, f.b, 30_000)];
  const recoveryMs = Date.now() - back;
  window.to = f.rec.now() + f.dbTimeoutMs + 1000;
  const after = await loginOn(f, f.b);
  const refreshed =
    after && (await f.rec.call(f.a, 'refresh', '/api/token/refresh/', { refresh: after.refresh })).status;
  const slowest = Math.max(
    0,
    ...f.rec.events.filter((e) => e.t >= window.from && e.t <= window.to).map((e) => e.ms),
  );
  return [
    check('postgres down: login answers 503', during.status === 503, `status ${during.status}`),
    timing(
      'postgres down: that 503 comes within DB_TIMEOUT + 1 s',
      probeMs <= f.dbTimeoutMs + 1000,
      `${probeMs} ms (DB_TIMEOUT ${f.dbTimeoutMs} ms)`,
    ),
    timing(
      'postgres down: no request waits longer than DB_TIMEOUT + 1.5 s',
      slowest <= f.dbTimeoutMs + 1500,
      `slowest ${slowest} ms`,
    ),
    check(
      'postgres back: both instances ready again by themselves',
      ready.every(Boolean),
      `ready ${ready} after ${recoveryMs} ms`,
    ),
    check('postgres back: login and rotation work again', refreshed === 200, `refresh status ${refreshed}`),
  ];
}

/** Our own redis-server stopped and started: throttling per THROTTLE_FAIL_OPEN, revocations converge. */
export async function redisRestart(f) {
  const probe = await loginOn(f, f.a);
  const window = { kind: 'redis', from: f.rec.now(), failOpen: f.failOpen };
  f.rec.windows.push(window);
  await f.redis.stop();
  const t = Date.now();
  const down = await f.rec.call(f.a, 'login', '/api/token/', { username: f.user, password: PASSWORD });
  const loginMs = Date.now() - t;
  const pair = down.status === 200 ? down.json : undefined;
  const logout =
    pair && (await f.rec.call(f.a, 'logout', '/api/token/blacklist/', { refresh: pair.refresh })).status;
  await sleep(f.faultMs);
  await f.redis.start();
  const back = Date.now();
  const served = [await servedAgain(f, f.a, probe), await servedAgain(f, f.b, probe)];
  const backMs = Date.now() - back;
  window.to = f.rec.now();
  const fresh = await loginOn(f, f.a);
  const freshOut =
    fresh && (await f.rec.call(f.a, 'logout', '/api/token/blacklist/', { refresh: fresh.refresh })).status;
  const freshRefused = fresh ? await refusedWithin(f.rec, f.b, fresh.access, 1000) : 'no token';
  const counted = await countersBack(f, probe);
  const expected = f.failOpen ? 'served (fail-open)' : 'refused with 503 (fail-closed)';
  const checks = [
    check(
      `redis down: login ${expected}`,
      down.status === (f.failOpen ? 200 : 503),
      `status ${down.status}, logout ${logout}`,
    ),
    timing(
      `redis down: that answer comes within REDIS_TIMEOUT + 1 s`,
      loginMs <= f.redisTimeoutMs + 1000,
      `${loginMs} ms`,
    ),
    check(
      'redis back: both instances serve the throttled route again',
      served.every(Boolean),
      `after ${backMs} ms`,
    ),
    check(
      'redis back: a new logout reaches the other instance within 1 s',
      freshOut === 200 && freshRefused === true,
      `logout ${freshOut}, access on B ${freshRefused}`,
    ),
    check(
      'redis back: counters are in Redis again (within 15 s)',
      counted.keys > 0,
      `${counted.keys} keys after ${counted.ms} ms`,
    ),
  ];
  if (pair) checks.push(...(await outageLogoutConverged(f, pair)));
  return checks;
}

/** Throttled requests until their counters show up in the restarted Redis (the apps reconnect with backoff). */
async function countersBack(f, probe) {
  const start = Date.now();
  let keys = 0;
  while (keys === 0 && Date.now() - start < 15_000) {
    for (const inst of [f.a, f.b]) {
      await f.rec.call(inst, 'secure', '/api/secure/', undefined, {
        authorization: `Bearer ${probe.access}`,
      });
    }
    keys = await redisKeyCount(f.redis.url);
    if (keys === 0) await sleep(200);
  }
  return { keys, ms: Date.now() - start };
}

/** The throttled route answers 200 again on `inst` (at once when failing open), polling up to 15 s. */
async function servedAgain(f, inst, probe) {
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    const r = await f.rec.call(inst, 'secure', '/api/secure/', undefined, {
      authorization: `Bearer ${probe.access}`,
    });
    if (r.status === 200) return true;
    await sleep(100);
  }
  return false;
}

/** A logout made on A while Redis was down (fail-open only): after reconnection B must refuse its tokens. */
async function outageLogoutConverged(f, pair) {
  const converged = await refusedWithin(f.rec, f.b, pair.access, 3000);
  const refresh = (await f.rec.call(f.b, 'check-refresh', '/api/token/refresh/', { refresh: pair.refresh }))
    .status;
  return [
    check(
      'redis back: logout made during the outage refuses the access token on the other instance within 3 s',
      converged === true,
      `last status ${converged}`,
    ),
    check(
      'redis back: that refresh token is refused on the other instance',
      refresh === 401,
      `status ${refresh}`,
    ),
  ];
}

/** Instance B killed with SIGKILL: A keeps serving, nothing B issued or revoked is lost; B restarted after. */
export async function killInstance(f) {
  const before = await loginOn(f, f.b);
  const loggedOut =
    before && (await f.rec.call(f.b, 'logout', '/api/token/blacklist/', { refresh: before.refresh })).status;
  const issued = await loginOn(f, f.b);
  const window = { kind: 'kill', inst: f.b.name, from: f.rec.now() };
  f.rec.windows.push(window);
  f.b.serving = false;
  await f.b.stop('SIGKILL');
  await sleep(f.faultMs);
  const served = f.rec.events.filter((e) => e.inst === f.a.name && e.t >= window.from);
  const refusedOnA = before ? await refusedWithin(f.rec, f.a, before.access, 1000) : 'no token';
  const oldRefresh =
    before &&
    (await f.rec.call(f.a, 'check-refresh', '/api/token/refresh/', { refresh: before.refresh })).status;
  const carried =
    issued && (await f.rec.call(f.a, 'refresh', '/api/token/refresh/', { refresh: issued.refresh })).status;
  await f.b.start();
  f.b.serving = true;
  window.to = f.rec.now();
  const ok = served.filter((e) => e.status > 0 && e.status < 500).length;
  return [
    check(
      'one instance killed: the other keeps serving',
      served.length > 0 && ok === served.length,
      `${ok}/${served.length} answered < 500 on ${f.a.name}`,
    ),
    check(
      'killed instance: its logout still holds on the other',
      loggedOut === 200 && refusedOnA === true && oldRefresh === 401,
      `logout ${loggedOut}, access ${refusedOnA}, refresh ${oldRefresh}`,
    ),
    check(
      'killed instance: a refresh token it issued works on the other',
      carried === 200,
      `status ${carried}`,
    ),
  ];
}
