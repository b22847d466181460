import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { memoryMb } from './instance.mjs';
import { runWrk } from './wrk.mjs';

/** Resident memory of a process and, apart, of its children (Bastion's hash workers, gunicorn's workers), MB. */
function treeMemoryMb(pid) {
  let children = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  } catch {
    // no such process (any more), or a kernel without the children file: the process alone
  }
  const main = memoryMb(pid) ?? 0;
  return { main, children: children.reduce((sum, c) => sum + (memoryMb(Number(c)) ?? 0), 0) };
}

/**
 * Samples the resident memory of `pids` every 100 ms until stopped; per pid the peak of the process itself
 * (`main`), of its children together (`children`) and of both at once (`tree`), MB.
 */
export function sampleRss(pids) {
  const peak = new Map(pids.map((p) => [p, { main: 0, children: 0, tree: 0 }]));
  const tick = () => {
    for (const p of pids) {
      const now = treeMemoryMb(p);
      const max = peak.get(p);
      max.main = Math.max(max.main, now.main);
      max.children = Math.max(max.children, now.children);
      max.tree = Math.max(max.tree, now.main + now.children);
    }
  };
  tick();
  const timer = setInterval(tick, 100);
  return () => {
    clearInterval(timer);
    tick();
    return peak;
  };
}

/**
 * A refresh spec ({refresh: {pool, rotate}}) as the generator takes it: autocannon's per-request hooks, or
 * for wrk one fixed body (rotation off) or one chain head per connection (rotation on).
 */
function forGenerator(spec, generator) {
  if (!spec.refresh) return spec;
  const { pool, rotate } = spec.refresh;
  const base = {
    ...spec,
    method: 'POST',
    path: '/api/token/refresh/',
    headers: { 'content-type': 'application/json' },
  };
  if (generator !== 'wrk') return { ...base, requests: pool.requests(rotate) };
  if (!rotate) return { ...base, body: JSON.stringify({ refresh: pool.free[0] }) };
  return { ...base, chain: { tokens: pool.free.splice(0, spec.connections) } };
}

/**
 * One run against `instance` with `generator` ('wrk' or 'autocannon'): `spec` is {method, path, headers,
 * body, connections} or a refresh spec. Successes are 2xx only; rps = 2xx per second of the run.
 */
export async function runLoad(instance, spec, seconds, generator = 'autocannon') {
  const stopRss = sampleRss([instance.pid]);
  const run = forGenerator(spec, generator);
  const result =
    generator === 'wrk'
      ? await runWrk(instance.url, run, seconds)
      : await runAutocannon(instance, run, seconds);
  const rss = stopRss().get(instance.pid);
  return { ...result, rssMb: rss.main, childrenRssMb: rss.children, treeRssMb: rss.tree };
}

async function runAutocannon(instance, spec, seconds) {
  const result = await autocannon({
    url: instance.url + (spec.path ?? '/'),
    method: spec.method ?? 'GET',
    headers: spec.headers,
    body: spec.body,
    requests: spec.requests,
    connections: spec.connections,
    duration: seconds,
    timeout: 10,
  });
  const secs = result.duration || seconds;
  return {
    rps: result['2xx'] / secs,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
