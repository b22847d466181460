// What /metrics adds to each request, without HTTP noise (issue 13): the onResponse hook's work, i.e.
// RouteDurations.observe (cached label child + prom-client's observe), timed in a tight loop.
// Usage: npx nest build && node bench/metrics-observe.mjs
import { Registry } from 'prom-client';
import { RouteDurations } from '../dist/src/metrics/route-durations.js';

const N = Number(process.env.OBSERVATIONS ?? 2_000_000);
const durations = new RouteDurations(
  new Registry(),
  [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
);
const perCall = [];
for (let round = 0; round < 5; round++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) durations.observe('GET', '/api/secure', 200, 0.0001 + (i & 7) * 1e-5);
  perCall.push(Number(process.hrtime.bigint() - start) / N);
}
const median = [...perCall].sort((a, b) => a - b)[2];
process.stdout.write(
  `observe: ${median.toFixed(0)} ns per request (median of 5 rounds of ${N}; rounds: ${perCall.map((n) => n.toFixed(0)).join(', ')})\n`,
);
