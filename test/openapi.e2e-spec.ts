import { TOTP } from 'otpauth';
import { Response } from 'supertest';
import { RouteTable } from '../src/http/route-table';
import { createTestApp, TestApp } from './utils/create-test-app';
import {
  ADMIN_PERMISSIONS,
  createUser,
  decodeClaims,
  obtainPair,
  TestUser,
  uniqueUsername,
} from './utils/factories';
import { bearer } from './utils/sessions-helpers';
import { freshIp, TRUST_LOCAL } from './utils/traffic-helpers';

// The OpenAPI document against the running server: every real route is documented and nothing else,
// and every documented answer is one the server really gives, with the documented keys.

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
}
interface Answer {
  headers?: Record<string, unknown>;
  content?: Record<string, { schema: Schema; example?: unknown }>;
}
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  requestBody?: unknown;
  responses: Record<string, Answer>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
  tags?: { name: string; description?: string }[];
}

/** A user of the probes: their password, a live pair and its session id. */
interface Login {
  user: TestUser;
  access: string;
  refresh: string;
  sid: string;
}
interface Ctx {
  t: TestApp;
  staff: Login;
  /** An API key of the staff user. */
  apiKey: string;
  login(): Promise<Login>;
  sliding(u: TestUser): Promise<string>;
}
type Probe = (c: Ctx, send: Send) => Promise<Response>;
type Send = (opts?: {
  auth?: string;
  apiKey?: string;
  body?: unknown;
  path?: Record<string, string>;
}) => Promise<Response>;

const BIG = { username: 'x'.repeat(70 * 1024) };
const id = (v: number | string) => ({ id: String(v) });

/** One real request per documented answer that is cheap to produce, by operation and status. */
const PROBES: Record<string, Record<string, Probe>> = {
  'POST /api/token/': {
    200: async (c, send) => send({ body: await creds(c) }),
    400: (_c, send) => send({ body: { password: 'x' } }),
    401: async (c, send) => send({ body: { ...(await creds(c)), password: 'wrong' } }),
  },
  'POST /api/token/sliding/': {
    200: async (c, send) => send({ body: await creds(c) }),
    400: (_c, send) => send({ body: { password: 'x' } }),
    401: async (c, send) => send({ body: { ...(await creds(c)), password: 'wrong' } }),
  },
  'POST /api/token/refresh/': {
    200: async (c, send) => send({ body: { refresh: (await c.login()).refresh } }),
    400: (_c, send) => send({ body: {} }),
    401: (_c, send) => send({ body: { refresh: 'junk' } }),
  },
  'POST /api/token/verify/': {
    200: async (c, send) => send({ body: { token: (await c.login()).access } }),
    400: (_c, send) => send({ body: {} }),
    401: (_c, send) => send({ body: { token: 'junk' } }),
  },
  'POST /api/token/blacklist/': {
    200: async (c, send) => send({ body: { refresh: (await c.login()).refresh } }),
    400: (_c, send) => send({ body: {} }),
    401: (_c, send) => send({ body: { refresh: 'junk' } }),
  },
  'POST /api/token/sliding/refresh/': {
    200: async (c, send) => send({ body: { token: await c.sliding((await c.login()).user) } }),
    400: (_c, send) => send({ body: {} }),
    401: (_c, send) => send({ body: { token: 'junk' } }),
  },
  'POST /api/users/': {
    201: (_c, send) => send({ body: { username: uniqueUsername('reg'), password: 'long enough pw' } }),
    400: (c, send) => send({ body: { username: c.staff.user.username, password: 'long enough pw' } }),
  },
  'GET /api/users/me/': {
    200: (c, send) => send({ auth: c.staff.access }),
    401: (_c, send) => send(),
  },
  'POST /api/users/me/password/': {
    200: async (c, send) => {
      const me = await c.login();
      return send({
        auth: me.access,
        body: { old_password: me.user.password, new_password: 'a new passphrase' },
      });
    },
    400: async (c, send) =>
      send({
        auth: (await c.login()).access,
        body: { old_password: 'wrong', new_password: 'a new passphrase' },
      }),
    401: (_c, send) => send({ body: {} }),
    403: (c, send) => send({ apiKey: c.apiKey, body: {} }),
  },
  'GET /api/users/me/mfa/': {
    200: async (c, send) => send({ auth: (await c.login()).access }),
    401: (_c, send) => send(),
    403: (c, send) => send({ apiKey: c.apiKey }),
  },
  'POST /api/users/me/mfa/totp/': {
    200: async (c, send) => {
      const me = await c.login();
      return send({ auth: me.access, body: { password: me.user.password } });
    },
    400: async (c, send) => send({ auth: (await c.login()).access, body: { password: 'wrong' } }),
    401: (_c, send) => send({ body: {} }),
    403: (c, send) => send({ apiKey: c.apiKey, body: {} }),
  },
  'POST /api/users/me/mfa/totp/confirm/': {
    200: async (c, send) => {
      const { me, secret } = await startTotp(c);
      return send({ auth: me.access, body: { otp: totpAt(secret, 0) } });
    },
    400: async (c, send) => {
      const { me, secret } = await startTotp(c);
      return send({ auth: me.access, body: { otp: wrongCode(secret) } });
    },
    401: (_c, send) => send({ body: {} }),
    403: (c, send) => send({ apiKey: c.apiKey, body: {} }),
  },
  'POST /api/users/me/mfa/webauthn/': {
    200: async (c, send) => {
      const me = await c.login();
      return send({ auth: me.access, body: { password: me.user.password } });
    },
    400: async (c, send) => send({ auth: (await c.login()).access, body: { password: 'wrong' } }),
    401: (_c, send) => send({ body: {} }),
    403: (c, send) => send({ apiKey: c.apiKey, body: {} }),
  },
  'POST /api/users/me/mfa/webauthn/confirm/': {
    400: async (c, send) => send({ auth: (await c.login()).access, body: { credential: {} } }),
    401: (_c, send) => send({ body: {} }),
    403: (c, send) => send({ apiKey: c.apiKey, body: {} }),
  },
  'POST /api/users/me/mfa/recovery-codes/': {
    200: async (c, send) => {
      const me = await mfaLogin(c);
      return send({ auth: me.access, body: { password: me.user.password } });
    },
    400: async (c, send) => send({ auth: (await c.login()).access, body: { password: 'wrong' } }),
    401: (_c, send) => send({ body: {} }),
    403: (c, send) => send({ apiKey: c.apiKey, body: {} }),
  },
  'DELETE /api/users/me/mfa/{id}/': {
    204: async (c, send) => {
      const me = await mfaLogin(c);
      const body = { password: me.user.password, otp: totpAt(me.secret, 30) };
      return send({ auth: me.access, path: id(me.deviceId), body });
    },
    400: async (c, send) => {
      const me = await mfaLogin(c);
      return send({ auth: me.access, path: id(me.deviceId), body: { password: 'wrong' } });
    },
    401: (_c, send) => send({ path: id(1), body: {} }),
    403: (c, send) => send({ apiKey: c.apiKey, path: id(1), body: {} }),
    404: async (c, send) => {
      const me = await c.login();
      return send({ auth: me.access, path: id(2147483647), body: { password: me.user.password } });
    },
  },
  'POST /api/token/mfa/': {
    200: async (c, send) => {
      const me = await mfaLogin(c);
      const first = await c.t.http
        .post('/api/token/')
        .send({ username: me.user.username, password: me.user.password });
      const { mfa_token } = first.body as { mfa_token: string };
      return send({ body: { mfa_token, otp: totpAt(me.secret, 30) } });
    },
    400: (_c, send) => send({ body: { mfa_token: 'x' } }),
    401: async (c, send) => {
      const me = await mfaLogin(c);
      const first = await c.t.http
        .post('/api/token/')
        .send({ username: me.user.username, password: me.user.password });
      const { mfa_token } = first.body as { mfa_token: string };
      return send({ body: { mfa_token, otp: wrongCode(me.secret) } });
    },
  },
  'GET /api/secure/': {
    200: (c, send) => send({ auth: c.staff.access }),
    401: (_c, send) => send(),
  },
  'GET /api/secure/permission/': {
    200: (c, send) => send({ apiKey: c.apiKey }),
    401: (_c, send) => send(),
    403: async (c, send) => send({ auth: (await c.login()).access }),
  },
  'GET /api/sessions/': {
    200: (c, send) => send({ auth: c.staff.access }),
    401: (_c, send) => send(),
    403: (c, send) => send({ apiKey: c.apiKey }),
  },
  'POST /api/sessions/revoke-all/': {
    200: async (c, send) => send({ auth: (await c.login()).access }),
    400: async (c, send) => send({ auth: (await c.login()).access, body: { keep_current: 'maybe' } }),
    401: (_c, send) => send({ body: {} }),
    403: (c, send) => send({ apiKey: c.apiKey, body: {} }),
  },
  'DELETE /api/sessions/{id}/': {
    204: async (c, send) => {
      const me = await c.login();
      return send({ auth: me.access, path: id(me.sid) });
    },
    401: (_c, send) => send({ path: id('x') }),
    403: (c, send) => send({ apiKey: c.apiKey, path: id('x') }),
    404: (c, send) => send({ auth: c.staff.access, path: id('not-a-session') }),
  },
  'POST /api/keys/': {
    201: (c, send) =>
      send({ auth: c.staff.access, body: { name: 'probe', password: c.staff.user.password } }),
    400: async (c, send) =>
      send({ auth: (await c.login()).access, body: { name: 'probe', password: 'wrong' } }),
    401: (_c, send) => send({ body: {} }),
    403: (c, send) => send({ apiKey: c.apiKey, body: { name: 'probe' } }),
  },
  'GET /api/keys/': {
    200: (c, send) => send({ auth: c.staff.access }),
    401: (_c, send) => send(),
    403: (c, send) => send({ apiKey: c.apiKey }),
  },
  'DELETE /api/keys/{id}/': {
    204: async (c, send) => {
      const res = await c.t.http
        .post('/api/keys/')
        .set(...bearer(c.staff.access))
        .send({ name: 'doomed', password: c.staff.user.password })
        .expect(201);
      return send({ auth: c.staff.access, path: id((res.body as { id: number }).id) });
    },
    401: (_c, send) => send({ path: id(1) }),
    403: (c, send) => send({ apiKey: c.apiKey, path: id(1) }),
    404: (c, send) => send({ auth: c.staff.access, path: id(2147483647) }),
  },
  'GET /api/admin/users/': {
    200: (c, send) => send({ auth: c.staff.access }),
    400: (c, send) => send({ auth: c.staff.access, path: { query: '?search=a%00b' } }),
    401: (_c, send) => send(),
    403: async (c, send) => send({ auth: (await c.login()).access }),
    404: (c, send) => send({ auth: c.staff.access, path: { query: '?page=0' } }),
  },
  'PATCH /api/admin/users/{id}/': {
    200: async (c, send) =>
      send({ auth: c.staff.access, path: id((await c.login()).user.id), body: { is_active: true } }),
    400: (c, send) => send({ auth: c.staff.access, path: id(c.staff.user.id), body: { groups: ['nobody'] } }),
    401: (_c, send) => send({ path: id(1), body: {} }),
    403: async (c, send) => send({ auth: (await c.login()).access, path: id(1), body: { is_active: true } }),
    404: (c, send) => send({ auth: c.staff.access, path: id(2147483647), body: { is_active: true } }),
  },
  'DELETE /api/admin/users/{id}/': {
    204: async (c, send) => send({ auth: c.staff.access, path: id((await c.login()).user.id) }),
    401: (_c, send) => send({ path: id(1) }),
    403: async (c, send) => send({ auth: (await c.login()).access, path: id(1) }),
    404: (c, send) => send({ auth: c.staff.access, path: id('abc') }),
  },
  'POST /api/admin/users/{id}/revoke-sessions/': {
    200: async (c, send) => send({ auth: c.staff.access, path: id((await c.login()).user.id) }),
    401: (_c, send) => send({ path: id(1) }),
    403: async (c, send) => send({ auth: (await c.login()).access, path: id(1) }),
    404: (c, send) => send({ auth: c.staff.access, path: id(2147483647) }),
  },
  'GET /api/admin/events/': {
    200: (c, send) => send({ auth: c.staff.access, path: { query: '?type=login' } }),
    400: (c, send) => send({ auth: c.staff.access, path: { query: '?user_id=x' } }),
    401: (_c, send) => send(),
    403: async (c, send) => send({ auth: (await c.login()).access }),
    404: (c, send) => send({ auth: c.staff.access, path: { query: '?page=999' } }),
  },
  'GET /api/admin/groups/': {
    200: (c, send) => send({ auth: c.staff.access }),
    401: (_c, send) => send(),
    403: async (c, send) => send({ auth: (await c.login()).access }),
    404: (c, send) => send({ auth: c.staff.access, path: { query: '?page=0' } }),
  },
  'POST /api/admin/groups/': {
    201: (c, send) =>
      send({ auth: c.staff.access, body: { name: uniqueUsername('g'), permissions: ['auth.view_user'] } }),
    400: (c, send) => send({ auth: c.staff.access, body: { name: 'g', permissions: ['auth.fly'] } }),
    401: (_c, send) => send({ body: {} }),
    403: async (c, send) => send({ auth: (await c.login()).access, body: { name: 'g' } }),
  },
  'GET /api/admin/groups/{id}/': {
    200: async (c, send) => send({ auth: c.staff.access, path: id(await group(c)) }),
    401: (_c, send) => send({ path: id(1) }),
    403: async (c, send) => send({ auth: (await c.login()).access, path: id(1) }),
    404: (c, send) => send({ auth: c.staff.access, path: id(2147483647) }),
  },
  'PATCH /api/admin/groups/{id}/': {
    200: async (c, send) =>
      send({ auth: c.staff.access, path: id(await group(c)), body: { permissions: ['auth.view_group'] } }),
    400: async (c, send) =>
      send({ auth: c.staff.access, path: id(await group(c)), body: { permissions: ['auth.fly'] } }),
    401: (_c, send) => send({ path: id(1), body: {} }),
    403: async (c, send) => send({ auth: (await c.login()).access, path: id(1), body: { name: 'x' } }),
    404: (c, send) => send({ auth: c.staff.access, path: id('abc'), body: { name: 'x' } }),
  },
  'DELETE /api/admin/groups/{id}/': {
    204: async (c, send) => send({ auth: c.staff.access, path: id(await group(c)) }),
    401: (_c, send) => send({ path: id(1) }),
    403: async (c, send) => send({ auth: (await c.login()).access, path: id(1) }),
    404: (c, send) => send({ auth: c.staff.access, path: id(2147483647) }),
  },
  'GET /api/admin/permissions/': {
    200: (c, send) => send({ auth: c.staff.access }),
    401: (_c, send) => send(),
    403: async (c, send) => send({ auth: (await c.login()).access }),
    404: (c, send) => send({ auth: c.staff.access, path: { query: '?page=2' } }),
  },
  'GET /health/live': { 200: (_c, send) => send() },
  'GET /health/ready': { 200: (_c, send) => send() },
  'GET /.well-known/jwks.json': { 200: (_c, send) => send() },
  'POST /api/token/introspect/': {
    200: (c, send) => send({ apiKey: c.apiKey, body: { token: c.staff.access } }),
    400: (c, send) => send({ apiKey: c.apiKey, body: {} }),
    401: (_c, send) => send({ body: { token: 'x' } }),
    403: (c, send) => send({ auth: c.staff.access, body: { token: 'x' } }),
  },
};

/** Routes left out of the document, and why. */
const UNDOCUMENTED = new Set([
  // The gateway's forward-auth endpoint answers any method (a gateway's check request may keep the
  // original one), which OpenAPI cannot say in one operation: docs/gateway.md documents it.
  '/api/auth/check',
]);

/** Documented answers no probe above produces, and why (each has a spec of its own). */
const NOT_PROBED: Record<string, string> = {
  'POST /api/users/me/mfa/webauthn/confirm/ 200': 'needs an authenticator: test/mfa-passkeys.e2e-spec.ts',
  'GET /health/ready 503': 'needs the database down: test/database-outage.e2e-spec.ts',
  // Produced below on the throttled app with REGISTRATION_ENABLED=false.
  'POST /api/users/ 403': 'throttled app',
};

/** A new group, made through the API; its id. */
async function group(c: Ctx): Promise<number> {
  const res = await c.t.http
    .post('/api/admin/groups/')
    .set(...bearer(c.staff.access))
    .send({ name: uniqueUsername('g') })
    .expect(201);
  return (res.body as { id: number }).id;
}

/** The TOTP code of `secret` for now + `aheadSeconds` (the server accepts one step either side). */
const totpAt = (secret: string, aheadSeconds: number): string =>
  new TOTP({ secret }).generate({ timestamp: Date.now() + aheadSeconds * 1000 });

/** A six-digit code that none of the window's steps (the previous, this, the next) accepts. */
function wrongCode(secret: string): string {
  const valid = new Set([-30, 0, 30, 60].map((ahead) => totpAt(secret, ahead)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

/** A new user, logged in, with a TOTP enrolment started (not confirmed yet) and its secret. */
async function startTotp(c: Ctx): Promise<{ me: Login; secret: string }> {
  const me = await c.login();
  const started = await c.t.http
    .post('/api/users/me/mfa/totp/')
    .set(...bearer(me.access))
    .send({ password: me.user.password })
    .expect(200);
  return { me, secret: (started.body as { secret: string }).secret };
}

/**
 * A new user with a confirmed TOTP device (confirmed with this step's code: the next use takes
 * `totpAt(secret, 30)`), logged in before the enrolment.
 */
async function mfaLogin(c: Ctx): Promise<Login & { secret: string; deviceId: string }> {
  const { me, secret } = await startTotp(c);
  const auth = bearer(me.access);
  await c.t.http
    .post('/api/users/me/mfa/totp/confirm/')
    .set(...auth)
    .send({ otp: totpAt(secret, 0) })
    .expect(200);
  const listed = await c.t.http
    .get('/api/users/me/mfa/')
    .set(...auth)
    .expect(200);
  const deviceId = (listed.body as { devices: { id: string }[] }).devices[0].id;
  return { ...me, secret, deviceId };
}

async function creds(c: Ctx): Promise<{ username: string; password: string }> {
  const { user } = await c.login();
  return { username: user.username, password: user.password };
}

function operations(doc: OpenApi): { key: string; method: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      op,
    })),
  );
}

function sender(t: TestApp, method: string, path: string, ip?: string): Send {
  return async (opts = {}) => {
    const { query = '', ...params } = opts.path ?? {};
    const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => params[name]) + query;
    let req = t.http[method.toLowerCase() as 'get'](url);
    if (ip) req = req.set('X-Forwarded-For', ip);
    if (opts.auth) req = req.set(...bearer(opts.auth));
    if (opts.apiKey) req = req.set('Authorization', `Api-Key ${opts.apiKey}`);
    if (opts.body !== undefined)
      req = req.set('Content-Type', 'application/json').send(JSON.stringify(opts.body));
    return req;
  };
}

function resolve(doc: OpenApi, schema: Schema): Schema {
  return schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!] : schema;
}

/** The body has no key the schema does not document, and every key it requires. */
function expectBodyMatches(doc: OpenApi, where: string, answer: Answer, res: Response): void {
  const content = answer.content?.['application/json'];
  if (!content) {
    expect([where, res.text]).toEqual([where, '']);
    return;
  }
  let schema = resolve(doc, content.schema);
  let body = res.body as unknown;
  if (schema.type === 'array') {
    expect([where, Array.isArray(body)]).toEqual([where, true]);
    if ((body as unknown[]).length === 0) return;
    schema = resolve(doc, schema.items!);
    body = (body as unknown[])[0];
  }
  if (!schema.properties) return;
  const keys = Object.keys(body as object);
  const documented = Object.keys(schema.properties);
  expect([where, keys.filter((k) => !documented.includes(k))]).toEqual([where, []]);
  expect([where, (schema.required ?? []).filter((k) => !keys.includes(k))]).toEqual([where, []]);
}

/**
 * How a documented 4xx example differs from the real answer: its keys (nested too), and every value that does
 * not depend on time or on the request (`detail` of a 429 counts seconds; a token error's `messages` name the
 * token). Empty when the example is the answer.
 */
function exampleDrift(where: string, example: unknown, body: unknown, path = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(example) && isObject(body)) {
    const keys = [...new Set([...Object.keys(example), ...Object.keys(body)])].sort();
    return keys.flatMap((k) =>
      k in example && k in body
        ? exampleDrift(where, example[k], body[k], `${path}.${k}`)
        : [
            `${where}: ${path}.${k} ${k in example ? 'documented but not given' : 'given but not documented'}`,
          ],
    );
  }
  if (VARYING.some((v) => v.test(`${where} ${path}`))) return [];
  return JSON.stringify(example) === JSON.stringify(body)
    ? []
    : [`${where}: ${path} documented ${JSON.stringify(example)}, given ${JSON.stringify(body)}`];
}

/** Values of an example that depend on the moment or on the request, compared by shape only. */
const VARYING = [/ 429 \.detail$/, / 429 \.limit\.rate$/, /\.messages$/];

describe('the OpenAPI document tells the truth', () => {
  let t: TestApp;
  let doc: OpenApi;
  let ctx: Ctx;

  beforeAll(async () => {
    t = await createTestApp({ WEBAUTHN_RP_ID: 'localhost', WEBAUTHN_ORIGINS: 'http://localhost:3000' });
    doc = (await t.http.get('/docs-json').expect(200)).body as OpenApi;
    const login = async (user?: TestUser): Promise<Login> => {
      const u = user ?? (await createUser(t));
      const pair = await obtainPair(t, u);
      return { user: u, ...pair, sid: decodeClaims(pair.access).sid as string };
    };
    const staff = await login(
      await createUser(t, {
        isStaff: true,
        permissions: [...ADMIN_PERMISSIONS, 'bastion.introspect_token'],
      }),
    );
    const created = await t.http
      .post('/api/keys/')
      .set(...bearer(staff.access))
      .send({ name: 'openapi', password: staff.user.password })
      .expect(201);
    ctx = {
      t,
      staff,
      apiKey: (created.body as { key: string }).key,
      login: () => login(),
      sliding: async (u) =>
        (
          (await t.http.post('/api/token/sliding/').send({ username: u.username, password: u.password }))
            .body as { token: string }
        ).token,
    };
  });
  afterAll(() => t.close());

  it('documents every real route, and no route that does not exist', () => {
    const real = t.app
      .get(RouteTable)
      .all()
      .filter((r) => !UNDOCUMENTED.has(r.path))
      .flatMap((r) => r.methods.map((m) => `${m} ${r.path}`))
      .sort();
    const documented = operations(doc)
      .map(({ method, path }) => `${method} ${path.replace(/\/$/, '').replace(/\{(\w+)\}/g, ':$1')}`)
      .sort();
    expect(documented).toEqual(real);
  });

  it('offers both schemes, bearer tokens and API keys, and only the bearer scheme where keys are refused', () => {
    const security = (method: string, path: string) =>
      ((doc.paths[path][method] as Operation & { security?: object[] }).security ?? []).flatMap((r) =>
        Object.keys(r),
      );
    const schemes = (doc.components as { securitySchemes?: Record<string, object> }).securitySchemes;
    expect(schemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      'api-key': { type: 'apiKey', in: 'header', name: 'Authorization' },
    });
    expect(security('get', '/api/secure/').sort()).toEqual(['api-key', 'bearer']);
    expect(security('get', '/api/admin/users/').sort()).toEqual(['api-key', 'bearer']);
    for (const [method, path] of [
      ['post', '/api/keys/'],
      ['get', '/api/sessions/'],
      ['post', '/api/users/me/password/'],
    ])
      expect([path, security(method, path)]).toEqual([path, ['bearer']]);
  });

  it('writes paths as clients call them, describes every operation and tag', () => {
    const tags = new Map((doc.tags ?? []).map((tag) => [tag.name, tag.description]));
    for (const { key, path, op } of operations(doc)) {
      expect([key, path.startsWith('/api/') && !path.endsWith('/')]).toEqual([key, false]);
      expect([key, Boolean(op.summary), Boolean(op.description)]).toEqual([key, true, true]);
      for (const tag of op.tags ?? []) expect([key, tag, Boolean(tags.get(tag))]).toEqual([key, tag, true]);
    }
  });

  it('has a probe for every documented answer (429, 413 and 415 are probed for all below)', () => {
    const generic = new Set(['413', '415', '429']);
    const missing = operations(doc).flatMap(({ key, op }) =>
      Object.keys(op.responses)
        .filter((s) => !generic.has(s) && !PROBES[key]?.[s] && !NOT_PROBED[`${key} ${s}`])
        .map((s) => `${key} ${s}`),
    );
    expect(missing).toEqual([]);
    const stale = Object.entries(PROBES).flatMap(([key, byStatus]) =>
      Object.keys(byStatus)
        .filter((s) => !operations(doc).find((o) => o.key === key)?.op.responses[s])
        .map((s) => `${key} ${s}`),
    );
    expect(stale).toEqual([]);
  });

  it('gives every documented answer, with the documented keys; a 4xx example is the real answer', async () => {
    const drift: string[] = [];
    for (const { key, method, path, op } of operations(doc)) {
      for (const [status, probe] of Object.entries(PROBES[key] ?? {})) {
        const res = await probe(ctx, sender(t, method, path));
        expect([key, res.status]).toEqual([key, Number(status)]);
        expectBodyMatches(doc, `${key} ${status}`, op.responses[status], res);
        const example = op.responses[status].content?.['application/json']?.example;
        if (status.startsWith('4') && example !== undefined)
          drift.push(...exampleDrift(`${key} ${status}`, example, res.body));
      }
    }
    expect(drift).toEqual([]);
  });

  it('documents the answer to malformed JSON on every route that takes a body', async () => {
    for (const { key, method, path, op } of operations(doc).filter(
      ({ op }) => op.requestBody !== undefined,
    )) {
      const res = await t.http[method.toLowerCase() as 'post'](path.replace('{id}', '1'))
        .set(...bearer(ctx.staff.access))
        .set('Content-Type', 'application/json')
        .send('{bad');
      expect([key, res.status, res.body]).toEqual([
        key,
        400,
        { detail: expect.stringMatching(/^JSON parse error - /) as string },
      ]);
      expectBodyMatches(doc, `${key} 400`, op.responses['400'], res);
    }
  });

  it('answers 413 and 415 on every route that takes a body, as documented', async () => {
    const withBody = operations(doc).filter(({ op }) => op.requestBody !== undefined);
    expect(withBody.length).toBeGreaterThanOrEqual(10);
    for (const { key, method, path, op } of withBody) {
      expect([key, Object.keys(op.responses)]).toEqual([key, expect.arrayContaining(['413', '415'])]);
      const send = sender(t, method, path);
      const tooLarge = await send({ auth: ctx.staff.access, body: BIG, path: id(1) });
      expect([key, tooLarge.status]).toEqual([key, 413]);
      expectBodyMatches(doc, `${key} 413`, op.responses['413'], tooLarge);
      let req = t.http[method.toLowerCase() as 'post'](path.replace('{id}', '1'));
      req = req.set(...bearer(ctx.staff.access)).set('Content-Type', 'text/plain');
      const unsupported = await req.send('x');
      expect([key, unsupported.status]).toEqual([key, 415]);
      expectBodyMatches(doc, `${key} 415`, op.responses['415'], unsupported);
    }
  });

  it('answers 405 with Allow for the methods a documented path does not have', async () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      const methods = Object.keys(item).map((m) => m.toUpperCase());
      const res = await t.http.put(path.replace('{id}', '1')).set(...bearer(ctx.staff.access));
      expect([path, res.status, res.body]).toEqual([path, 405, { detail: 'Method "PUT" not allowed.' }]);
      for (const m of methods) expect([path, res.headers.allow]).toEqual([path, expect.stringContaining(m)]);
    }
  });
});

describe('the OpenAPI document tells the truth on a throttled server', () => {
  let t: TestApp;
  let doc: OpenApi;

  beforeAll(async () => {
    t = await createTestApp({
      THROTTLE_ENABLED: 'true',
      // Every limit refuses the second request; a route's own scope clears last, so its 429 names it.
      THROTTLE_DEFAULT: '1/1m',
      THROTTLE_LOGIN: '1/2m',
      THROTTLE_LOGIN_USER: '1/3m',
      THROTTLE_TOKEN: '1/2m',
      THROTTLE_REGISTER: '1/2m',
      REGISTRATION_ENABLED: 'false',
      ...TRUST_LOCAL,
    });
    doc = (await t.http.get('/docs-json').set('X-Forwarded-For', freshIp()).expect(200)).body as OpenApi;
  });
  afterAll(() => t.close());

  it('refuses registration with the documented 403 when it is disabled', async () => {
    const res = await sender(t, 'POST', '/api/users/', freshIp())({ body: {} });
    expect(res.status).toBe(403);
    expectBodyMatches(doc, 'POST /api/users/ 403', doc.paths['/api/users/'].post.responses['403'], res);
  });

  it("answers 429 with the documented headers and example (its route's scope) on every throttled route, and only there", async () => {
    const drift: string[] = [];
    for (const { key, method, path, op } of operations(doc)) {
      const send = sender(t, method, path, freshIp());
      await send({ path: id(1) });
      const second = await send({ path: id(1) });
      const documented = op.responses['429'];
      expect([key, second.status === 429]).toEqual([key, documented !== undefined]);
      if (!documented) continue;
      expectBodyMatches(doc, `${key} 429`, documented, second);
      const missing = Object.keys(documented.headers ?? {}).filter(
        (h) => second.headers[h.toLowerCase()] === undefined,
      );
      expect([key, missing]).toEqual([key, []]);
      drift.push(
        ...exampleDrift(`${key} 429`, documented.content?.['application/json']?.example, second.body),
      );
    }
    expect(drift).toEqual([]);
  });
});
