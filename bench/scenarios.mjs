import { PASSWORD, settings } from './lib/settings.mjs';
import { es256Pem } from './lib/tokens.mjs';

/**
 * The scenarios of issue 6. `instances(ctx)` names every server process and its env; each group's targets
 * are measured in interleaved rounds, and its ratios compare targets measured in the same rounds.
 */
const OFF = { THROTTLE_ENABLED: 'false', BRUTE_FORCE_ENABLED: 'false' };
const HUGE = {
  THROTTLE_ENABLED: 'true',
  BRUTE_FORCE_ENABLED: 'false',
  THROTTLE_DEFAULT: '999999999/1s,999999999/1m',
};
const ROTATE = { JWT_ROTATE_REFRESH_TOKENS: 'true', JWT_BLACKLIST_AFTER_ROTATION: 'true' };

export function instances(ctx) {
  const pg = { DATABASE_URL: ctx.small.url };
  return {
    ceiling: { ceiling: true },
    pg: { ...pg, ...OFF },
    'pg-es256': { ...pg, ...OFF, JWT_ALGORITHM: 'ES256', JWT_SIGNING_KEY: es256Pem() },
    'pg-mem': { ...pg, ...HUGE },
    'pg-redis': { ...pg, ...HUGE, REDIS_URL: settings.redisUrl },
    // The core's guard (no revocation check): a build of the last commit before src/sessions/, own database.
    core: { baseline: 'core', ...OFF },
    // The hand-written JWS codec and guard before the card's stack (issue 9), own database.
    prestack: { baseline: 'prestack', ...OFF },
    // Today's build without what the baseline did not have yet (metrics, load shedding): the stack alone.
    'pg-lean': { ...pg, ...OFF, METRICS_ENABLED: 'false', OVERLOAD_MAX_EVENT_LOOP_DELAY: '0' },
    'pg-rot': { ...pg, ...OFF, ...ROTATE },
    'pg-rot-large': { DATABASE_URL: ctx.large.url, ...OFF, ...ROTATE },
    // The Django reference (bench/django/): simplejwt on gunicorn, own database, rotation off and on.
    django: { django: { rotate: false } },
    'django-rot': { django: { rotate: true } },
    emb: { DATA_DIR: ctx.embDir('emb'), ...OFF },
    'emb-rot': { DATA_DIR: ctx.embDir('emb-rot'), ...OFF, ...ROTATE },
  };
}

const secure = (instance, label = instance) => ({
  id: `secure@${instance}`,
  label,
  instance,
  spec: async (ctx) => ({
    path: '/api/secure/',
    headers: { authorization: `Bearer ${await ctx.access(instance)}` },
  }),
});
const refresh = (instance, rotate, label) => ({
  id: `refresh@${instance}`,
  label,
  instance,
  spec: async (ctx) => {
    const pool = await ctx.pool(instance);
    await pool.topUp(rotate ? 2 * settings.connections : 1);
    return { refresh: { pool, rotate } };
  },
});
const loginSpec = async (ctx) => ({
  method: 'POST',
  path: '/api/token/',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: ctx.username, password: PASSWORD }),
});

const overhead = (pct) => ({ min: 1 - pct / 100, text: `overhead ≤ ${pct}%` });
const duringLogins = (instance, label) => ({
  ...secure(instance, label),
  id: `secure+login@${instance}`,
  background: { id: `login-bg@${instance}`, instance, spec: loginSpec, connections: 4 },
});
const vsDjango = (label, bastion, django, times) => ({
  label: `${label}: Bastion vs Django`,
  num: bastion,
  den: django,
  ...(times ? { goal: { min: times, text: `≥ ${times}× Django (issue 11)` } } : {}),
});

/** Scenario 0: each row of issue 11 with both anchors, the node:http ceiling and Django, in the same rounds. */
const ANCHORS = {
  id: 'anchors',
  title: '0. Anchors: the node:http ceiling and the Django reference (simplejwt on gunicorn) on every row',
  targets: [
    { id: 'ceiling', label: 'node:http ceiling', instance: 'ceiling', spec: async () => ({ path: '/' }) },
    secure('django', 'Django: GET /api/secure/ HS256'),
    secure('pg', 'Bastion: GET /api/secure/ HS256'),
    refresh('django', false, 'Django: refresh, rotation off (same token)'),
    refresh('pg', false, 'Bastion: refresh, rotation off (same token)'),
    refresh('django-rot', true, 'Django: refresh, rotation on (chained)'),
    refresh('pg-rot', true, 'Bastion: refresh, rotation on (chained)'),
    duringLogins('django', 'Django: GET /api/secure/ during 4 login loops'),
    duringLogins('pg', 'Bastion: GET /api/secure/ during 4 login loops'),
  ],
  ratios: [
    {
      label: 'GET /api/secure/: Bastion vs the ceiling',
      num: 'secure@pg',
      den: 'ceiling',
      goal: { min: 0.25, text: '≥ 25% (issue 11)' },
    },
    { label: 'GET /api/secure/: Django vs the ceiling', num: 'secure@django', den: 'ceiling' },
    vsDjango('GET /api/secure/', 'secure@pg', 'secure@django', 15),
    vsDjango('refresh, rotation off', 'refresh@pg', 'refresh@django', 2),
    vsDjango('refresh, rotation on', 'refresh@pg-rot', 'refresh@django-rot', 4),
    vsDjango('GET /api/secure/ during logins', 'secure+login@pg', 'secure+login@django'),
    {
      label: 'Bastion: /api/secure/ during logins vs idle',
      num: 'secure+login@pg',
      den: 'secure@pg',
      goal: { min: 0.8, text: '≥ 80%' },
    },
    { label: 'Django: /api/secure/ during logins vs idle', num: 'secure+login@django', den: 'secure@django' },
  ],
};

export const GROUPS = [
  ANCHORS,
  {
    id: 'ceiling',
    title: '1–3. Ceiling, unauthenticated route, guarded route (HS256, ES256)',
    targets: [
      {
        id: 'ceiling',
        label: 'node:http ceiling (same JSON)',
        instance: 'ceiling',
        spec: async () => ({ path: '/' }),
      },
      {
        id: 'live@pg',
        label: 'GET /health/live',
        instance: 'pg',
        spec: async () => ({ path: '/health/live' }),
      },
      secure('pg', 'GET /api/secure/ HS256'),
      secure('pg-es256', 'GET /api/secure/ ES256'),
    ],
    ratios: [
      { label: '/health/live vs ceiling', num: 'live@pg', den: 'ceiling' },
      {
        label: 'guarded route HS256 vs ceiling',
        num: 'secure@pg',
        den: 'ceiling',
        goal: { min: 0.5, text: '≥ 50%' },
      },
      {
        label: 'guarded route ES256 vs ceiling',
        num: 'secure@pg-es256',
        den: 'ceiling',
        goal: { min: 0.5, text: '≥ 50%' },
      },
    ],
  },
  {
    id: 'throttle',
    title: '3. Throttling on /api/secure/: off, in memory, on Redis',
    targets: [
      secure('pg', 'throttling off'),
      secure('pg-mem', 'throttling in memory'),
      secure('pg-redis', 'throttling on Redis'),
    ],
    ratios: [
      {
        label: 'in-memory throttling vs off',
        num: 'secure@pg-mem',
        den: 'secure@pg',
        goal: overhead(10),
        probe: 'pg-mem',
      },
      {
        label: 'Redis throttling vs off',
        num: 'secure@pg-redis',
        den: 'secure@pg',
        goal: overhead(25),
        probe: 'pg-redis',
      },
    ],
  },
  {
    id: 'revocation',
    title: "3b. Revocation check: today's guard vs the core's guard (no setting switches the check off)",
    targets: [
      secure('core', "core's guard (baseline commit)"),
      secure('pg', "today's guard, throttling off"),
    ],
    ratios: [
      {
        label: "today's guard vs the core's guard",
        num: 'secure@pg',
        den: 'secure@core',
        goal: overhead(10),
        note: 'upper bound: the revocation check cannot be switched off alone, so this includes every change since the baseline commit',
      },
    ],
  },
  {
    id: 'stack',
    title:
      "3c. The card's stack: @nestjs/jwt + Passport's AuthGuard('jwt') vs the hand-written codec and guard",
    targets: [
      secure('prestack', 'hand-written JWS codec and guard (the commit before issue 9)'),
      secure('pg-lean', "JwtService + JwtStrategy + AuthGuard('jwt'), metrics and load shedding off"),
      secure('pg', "the same with today's defaults (metrics, load shedding)"),
    ],
    ratios: [
      {
        label: "AuthGuard('jwt') vs the hand-written guard (like for like)",
        num: 'secure@pg-lean',
        den: 'secure@prestack',
        goal: { min: 0.8, text: '≥ 80%' },
      },
      {
        label: "today's defaults vs the hand-written guard",
        num: 'secure@pg',
        den: 'secure@prestack',
      },
    ],
  },
  {
    id: 'access',
    title: '3d. Declared permissions and API keys vs the plain guarded route (issue 14)',
    targets: [
      secure('pg', 'GET /api/secure/ (access token, no rule)'),
      {
        id: 'permission@pg',
        label: "GET /api/secure/permission/ (access token, @Permissions('auth.view_user'))",
        instance: 'pg',
        spec: async (ctx) => ({
          path: '/api/secure/permission/',
          headers: { authorization: `Bearer ${await ctx.access('pg')}` },
        }),
      },
      {
        id: 'apikey@pg',
        label: 'GET /api/secure/ with an API key (Authorization: Api-Key)',
        instance: 'pg',
        spec: async (ctx) => ({
          path: '/api/secure/',
          headers: { authorization: `Api-Key ${await ctx.apiKey('pg')}` },
        }),
      },
    ],
    ratios: [
      {
        label: '@Permissions route vs the plain guarded route',
        num: 'permission@pg',
        den: 'secure@pg',
        goal: overhead(10),
      },
      {
        label: 'API-key call vs the plain guarded route',
        num: 'apikey@pg',
        den: 'secure@pg',
        goal: overhead(10),
      },
    ],
  },
  {
    id: 'gateway',
    title: '3e. The forward-auth check a gateway calls per request vs the plain guarded route (issue 20)',
    targets: [
      secure('pg', 'GET /api/secure/ (access token)'),
      {
        id: 'check@pg',
        label: 'GET /api/auth/check/ (access token, X-Forwarded-Method/-Uri, identity headers)',
        instance: 'pg',
        spec: async (ctx) => ({
          path: '/api/auth/check/',
          headers: {
            authorization: `Bearer ${await ctx.access('pg')}`,
            'x-forwarded-method': 'GET',
            'x-forwarded-uri': '/orders/42?expand=lines',
          },
        }),
      },
    ],
    ratios: [
      {
        label: 'check endpoint vs GET /api/secure/',
        num: 'check@pg',
        den: 'secure@pg',
        goal: { min: 0.9, text: '≥ 0.9× GET /api/secure/ (issue 20)' },
      },
    ],
  },
  {
    id: 'refresh',
    title: '4. POST /api/token/refresh/ on Postgres, rotation off and on',
    targets: [refresh('pg', false, 'rotation off'), refresh('pg-rot', true, 'rotation on (chained)')],
    ratios: [{ label: 'rotation on vs off', num: 'refresh@pg-rot', den: 'refresh@pg' }],
    absolute: [
      { label: 'refresh with rotation on Postgres', target: 'refresh@pg-rot', min: 1500, unit: 'req/s' },
    ],
  },
  {
    id: 'login',
    title: '5. POST /api/token/ (argon2id), and /api/secure/ while logins run',
    targets: [
      { id: 'login@pg', label: 'POST /api/token/ alone', instance: 'pg', spec: loginSpec },
      secure('pg', 'GET /api/secure/ idle'),
      duringLogins('pg', 'GET /api/secure/ during logins'),
    ],
    ratios: [
      {
        label: '/api/secure/ during logins vs idle',
        num: 'secure+login@pg',
        den: 'secure@pg',
        goal: { min: 0.8, text: '≥ 80%' },
      },
    ],
  },
  {
    id: 'rows',
    title: '6. Refresh (rotation on) with small vs large token tables',
    targets: [refresh('pg-rot', true, 'small tables'), refresh('pg-rot-large', true, 'large tables')],
    ratios: [
      {
        label: 'large vs small token tables (throughput)',
        num: 'refresh@pg-rot-large',
        den: 'refresh@pg-rot',
        goal: { min: 0.9, text: 'flat (≥ 90%)' },
      },
    ],
  },
  {
    id: 'embedded',
    title: '7. Embedded database (PGlite) vs Postgres for scenarios 3 and 4',
    targets: [
      secure('pg', 'secure, Postgres'),
      secure('emb', 'secure, embedded'),
      refresh('pg', false, 'refresh, Postgres'),
      refresh('emb', false, 'refresh, embedded'),
      refresh('pg-rot', true, 'refresh rotating, Postgres'),
      refresh('emb-rot', true, 'refresh rotating, embedded'),
    ],
    ratios: [
      { label: 'embedded vs Postgres: /api/secure/', num: 'secure@emb', den: 'secure@pg' },
      { label: 'embedded vs Postgres: refresh', num: 'refresh@emb', den: 'refresh@pg' },
      { label: 'embedded vs Postgres: refresh rotating', num: 'refresh@emb-rot', den: 'refresh@pg-rot' },
    ],
  },
];
