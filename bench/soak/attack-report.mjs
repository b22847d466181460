/** Checks and the report section of the attacker phase (bench/soak/attack.mjs). */
const check = (name, ok, detail, timing = false) => ({ name, ok: Boolean(ok), detail, timing });
const sum = (statuses) => Object.values(statuses).reduce((a, b) => a + b, 0);
const fmt = (statuses) => JSON.stringify(statuses);
const isServerError = (s) => typeof s === 'number' && s >= 500 && s !== 503;
const serverErrors = (statuses) =>
  Object.entries(statuses)
    .filter(([s]) => isServerError(Number(s)))
    .reduce((a, [, n]) => a + n, 0);

function quantile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN;
}

/** The mixed traffic of the simulated clients during the phase (the victim's logins apart). */
function legitTraffic(rec, w) {
  const events = rec.events.filter((e) => e.t >= w.from && e.t <= w.to && e.kind !== 'victim-login');
  const statuses = {};
  for (const e of events) statuses[e.status || e.error] = (statuses[e.status || e.error] ?? 0) + 1;
  const errors = events.filter((e) => e.status === 0 || e.status >= 500).length;
  return { requests: events.length, statuses, errors, rate: events.length ? errors / events.length : 0 };
}

function latencies(probes) {
  const ms = [...probes.ms].sort((a, b) => a - b);
  return { probes: ms.length, p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), max: ms.at(-1) };
}

/** Every figure of the phase, once. */
export function attackFigures(rec, attack) {
  const seconds = (attack.window.to - attack.window.from) / 1000;
  return {
    seconds,
    guessesMade: sum(attack.guesses),
    guessesAnswered401: attack.guesses[401] ?? 0,
    realChecks: attack.logins.failure,
    refused: attack.logins.refused,
    live: latencies(attack.live),
    healthPort: attack.healthPort && latencies(attack.healthPort),
    legit: legitTraffic(rec, attack.window),
    floodRps: attack.flood.requests / ((attack.flood.ms ?? 1) / 1000),
  };
}

/** The checks that gate the soak: the victim always gets in, no 5xx but shedding's 503, guesses refused. */
export function attackChecks(rec, attack) {
  const f = attackFigures(rec, attack);
  const v = attack.victim;
  const fiveXx =
    serverErrors(attack.guesses) +
    serverErrors(attack.flood.statuses) +
    serverErrors(v.statuses) +
    serverErrors(attack.live.statuses) +
    serverErrors(attack.healthPort?.statuses ?? {}) +
    serverErrors(f.legit.statuses);
  const d = attack.djangoVictim;
  return [
    check(
      'attack (Django-hash variant): the bcrypt-hashed imported user was guessed, every guess refused, no 5xx but 503',
      sum(d.guesses) > 0 && !d.guesses[200] && serverErrors(d.guesses) === 0,
      // Its owner has no device token (a login before the phase would re-hash to argon2id): the backoff may
      // still hold its account after the phase, so that login is reported, not gated.
      `guesses ${fmt(d.guesses)}; its owner's login after the phase: ${d.after}`,
    ),
    check(
      "attack: the victim's known client always got in (never locked out)",
      v.rounds > 0 && v.in === v.rounds && !v.statuses[401],
      `${v.in}/${v.rounds} logins with its device token, statuses ${fmt(v.statuses)} (${v.retries} retried after a 503), slowest ${v.maxMs} ms`,
    ),
    check(
      'attack: the limits refused the guessing (bastion_logins_total{outcome="refused"} > 0)',
      f.refused > 0 && f.guessesMade > 0,
      `${f.guessesMade} guesses from ${attack.guessers} addresses: ${f.realChecks} real password checks, ${f.refused} refused`,
    ),
    check(
      'attack: no 5xx but 503 (load shedding or a full hash queue)',
      fiveXx === 0 && !attack.flood.error,
      `${fiveXx} other 5xx; flood ${fmt(attack.flood.statuses)}${attack.flood.error ? `, ${attack.flood.error}` : ''}`,
    ),
    check(
      'attack: /health/live on the flooded instance always 200',
      sum(attack.live.statuses) > 0 && sum(attack.live.statuses) === (attack.live.statuses[200] ?? 0),
      `${f.live.probes} probes, statuses ${fmt(attack.live.statuses)}`,
      true,
    ),
    ...(attack.healthPort
      ? [
          check(
            "attack: /health/live on the flooded instance's HEALTH_PORT always 200",
            sum(attack.healthPort.statuses) > 0 &&
              sum(attack.healthPort.statuses) === (attack.healthPort.statuses[200] ?? 0),
            `${f.healthPort.probes} probes, statuses ${fmt(attack.healthPort.statuses)}`,
            true,
          ),
        ]
      : []),
  ];
}

const pace = (ms) =>
  ms > 0
    ? `each at most one guess every ${ms / 1000} s, staggered: under a per-address limit such as production's THROTTLE_LOGIN`
    : 'one guess in flight each, as fast as answered';

/** The "Attacker phase" section of soak-latest.md. */
export function attackSection(rec, attack) {
  const f = attackFigures(rec, attack);
  const v = attack.victim;
  const n = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
  return [
    '## Attacker phase',
    '',
    `${f.seconds.toFixed(1)} s after the faults, with the mixed traffic still going: ${attack.guessers} loopback addresses ` +
      `(127.0.1.x) guess the passwords of two accounts (${pace(attack.guessEveryMs)}, alternating instances): half of them ` +
      "one with Bastion's argon2id hash, half an imported one with Django's `bcrypt$` hash (cost 12); the first one's owner's client, " +
      `which logged in just before and sends back its \`X-Device-Token\`, logs in every 0.5 s; for the middle ` +
      `${attack.flood.plannedMs / 1000} s, ${attack.flood.connections} connections from 50 addresses (127.0.2.x, another process) ` +
      "flood instance A's `/api/secure/` with bad tokens; a prober opens a fresh connection to A's `/health/live` " +
      'every 100 ms, on the API port and on `HEALTH_PORT` (the liveness worker thread). Password checks are ' +
      'counted by `bastion_logins_total` on both instances.',
    '',
    '| measure | value |',
    '|---|---|',
    `| guesses made (answered 401 / all) | ${f.guessesAnswered401} / ${f.guessesMade} (${fmt(attack.guesses)}) |`,
    `| guesses at the imported user with a Django \`bcrypt$\` hash (cost 12), by status; its owner's login after | ${fmt(attack.djangoVictim.guesses)}; ${attack.djangoVictim.after} |`,
    `| real password checks allowed (\`outcome="failure"\`) | ${f.realChecks} |`,
    `| guesses refused by the backoff (\`outcome="refused"\`) | ${f.refused} |`,
    `| victim's logins with its device token | ${v.in}/${v.rounds} got in, ${v.statuses[401] ?? 0} refused, ${v.retries} retried after a 503; slowest ${v.maxMs} ms |`,
    `| flood requests by status | ${attack.flood.requests} in ${(attack.flood.ms / 1000).toFixed(1)} s (${f.floodRps.toFixed(0)} req/s): ${fmt(attack.flood.statuses)} |`,
    `| \`/health/live\` on A's API port: p50 / p95 / max | ${n(f.live.p50)} / ${n(f.live.p95)} / ${n(f.live.max)} ms (${f.live.probes} probes, ${fmt(attack.live.statuses)}) |`,
    ...(f.healthPort
      ? [
          `| \`/health/live\` on A's \`HEALTH_PORT\`: p50 / p95 / max | ${n(f.healthPort.p50)} / ${n(f.healthPort.p95)} / ${n(f.healthPort.max)} ms (${f.healthPort.probes} probes, ${fmt(attack.healthPort.statuses)}) |`,
        ]
      : []),
    `| mixed traffic meanwhile: errors (5xx or dropped) | ${f.legit.errors} of ${f.legit.requests} (${(f.legit.rate * 100).toFixed(2)} %): ${fmt(f.legit.statuses)} |`,
    '',
  ];
}
