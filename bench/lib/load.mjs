import autocannon from 'autocannon';
import { memoryMb } from './instance.mjs';

/** Samples the resident memory of `pids` every 100 ms until stopped; returns the peak per pid (MB). */
export function sampleRss(pids) {
  const peak = new Map(pids.map((p) => [p, 0]));
  const tick = () => {
    for (const p of pids) peak.set(p, Math.max(peak.get(p), memoryMb(p) ?? 0));
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
 * One autocannon run against `instance`: `spec` is {method, path, headers, body, requests, connections}.
 * Successes are 2xx only; rps = 2xx per second of the run.
 */
export async function runLoad(instance, spec, seconds) {
  const stopRss = sampleRss([instance.pid]);
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
  const rss = stopRss().get(instance.pid);
  const secs = result.duration || seconds;
  return {
    rps: result['2xx'] / secs,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    rssMb: rss,
  };
}

export const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
