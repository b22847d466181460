import { FastifyReply, FastifyRequest } from 'fastify';
import { JwtAuthGuard } from '../src/auth/jwt-auth.guard';
import { JwtStrategy } from '../src/auth/jwt.strategy';
import { ValidToken } from '../src/common/token-types';
import { UserResolver } from '../src/auth/user-resolver';
import { AccessGate } from '../src/auth/access-gate';
import { createTestApp, TestApp } from './utils/create-test-app';
import { createUser, obtainPair } from './utils/factories';
import { QUIET } from './utils/sessions-helpers';
import { describeUnless } from './utils/skip';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (
  o: Record<string, unknown>,
) => Promise<{ requests: { average: number }; non2xx: number }>;

const RUN = process.env.BENCH_GUARD === '1';
// A measurement, not a test (speed goals live in benchmarks): it runs only when asked for.
const describeBench = describeUnless(
  'guard-overhead.e2e-spec',
  !RUN && 'a benchmark of ~1 minute: set BENCH_GUARD=1 to measure',
);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const where = process.env.TEST_DATABASE_URL ? 'Postgres' : 'the embedded database';

type Admit = (token: ValidToken) => Promise<unknown>;

/**
 * GET /api/secure/ requests/s with three guards, in interleaved rounds in one process (BENCH_GUARD=1):
 * - core: the core's guard (token validation, then a database lookup of the user on every request);
 * - cached user only: validation + the cached user check, no session revocation check;
 * - sessions: this guard (cached user + cached session revocation check).
 */
describeBench(`guard overhead on /api/secure/ (${where})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ...QUIET, LOG_LEVEL: 'silent' }, { listen: true });
  });
  afterAll(() => t?.close());

  it('measures the guard alone in a tight loop (authentications/s)', async () => {
    const user = await createUser(t);
    const { access } = await obtainPair(t, user);
    const { variants, authenticator } = setUp();
    const original = authenticator.gate;
    // The guard's out-of-pipeline entry (the 405 path): the same Passport run as the global guard.
    const guard = t.app.get(JwtAuthGuard, { strict: false });
    const request = () =>
      ({
        headers: { authorization: `Bearer ${access}` },
        raw: { rawHeaders: ['Authorization', `Bearer ${access}`] },
      }) as unknown as FastifyRequest;
    const reply = {} as FastifyReply;
    const results: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
    try {
      for (let round = 0; round < ROUNDS * 4; round += 1) {
        for (const [name, admit] of Object.entries(variants)) {
          authenticator.gate = { admit };
          const n = name === 'core' ? 200 : 4000;
          const start = process.hrtime.bigint();
          for (let i = 0; i < n; i += 1) await guard.authenticate(request(), reply);
          results[name].push(n / (Number(process.hrtime.bigint() - start) / 1e9));
        }
      }
    } finally {
      authenticator.gate = original;
    }
    report('tight loop, authenticate() per second', results);
  });

  function setUp() {
    const gate = t.app.get(AccessGate);
    const resolver = t.app.get(UserResolver, { strict: false });
    const userCache = (
      gate as unknown as { users: { forClaims: (c: unknown) => Promise<{ user: unknown }> } }
    ).users;
    const variants: Record<string, Admit> = {
      core: (token) => resolver.requireActive(token.claims),
      'cached user only': async (token) => (await userCache.forClaims(token.claims)).user,
      sessions: (token) => gate.admit(token),
    };
    // JwtStrategy.validate() asks its AccessGate; the variants stand in for it.
    const strategy: object = t.app.get(JwtStrategy, { strict: false });
    const authenticator = strategy as { gate: { admit: Admit } };
    return { variants, authenticator };
  }

  function report(what: string, results: Record<string, number[]>): void {
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const m = Object.fromEntries(Object.entries(results).map(([k, xs]) => [k, median(xs)]));
    const lines = Object.entries(results).map(
      ([k, xs]) =>
        `  ${k.padEnd(17)} median ${m[k].toFixed(0)}/s  min ${Math.min(...xs).toFixed(0)} max ${Math.max(...xs).toFixed(0)}`,
    );
    // Per-round ratios: both variants of a round ran back to back, so machine load mostly cancels out.
    const ratio = (x: string, y: string) => median(results[x].map((v, i) => v / results[y][i]));
    const vsCore = ((ratio('sessions', 'core') - 1) * 100).toFixed(1);
    const vsUser = ((1 - ratio('sessions', 'cached user only')) * 100).toFixed(1);
    console.log(
      `${what} (${where}, ${results.core.length} interleaved rounds):\n${lines.join('\n')}\n` +
        `  sessions vs core (median per-round ratio): ${vsCore}% ; ` +
        `cost of the session check over cached-user-only: ${vsUser}%`,
    );
    expect(m.sessions).toBeGreaterThan(0);
  }

  it('measures requests/s of GET /api/secure/ with the three guards', async () => {
    const user = await createUser(t);
    const { access } = await obtainPair(t, user);
    const { variants, authenticator } = setUp();
    const original = authenticator.gate;
    const results: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
    try {
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const [name, admit] of Object.entries(variants)) {
          authenticator.gate = { admit };
          const r = await autocannon({
            url: `${t.url}/api/secure/`,
            headers: { authorization: `Bearer ${access}` },
            connections: 10,
            duration: SECONDS,
          });
          expect(r.non2xx).toBe(0);
          results[name].push(r.requests.average);
        }
      }
    } finally {
      authenticator.gate = original;
    }
    report(`HTTP, ${SECONDS}s x 10 connections, requests per second`, results);
  });
});
