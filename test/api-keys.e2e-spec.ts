import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UserAccessService } from '../src/permissions/user-access.service';
import { RevocationService } from '../src/sessions/revocation.service';
import { UserLifecycleService } from '../src/users/user-lifecycle.service';
import { UserManagementService } from '../src/users/user-management.service';
import { createTestApp, TestApp } from './utils/create-test-app';
import { LogCapture } from './utils/log-capture';
import { apiKey, DENIED, login, newKey } from './utils/api-key-helpers';
import { createUser, grant, TestUser, uniqueUsername } from './utils/factories';
import { advanceClock, bearer, QUIET, within } from './utils/sessions-helpers';
import { describeUnless } from './utils/skip';

const DB = process.env.TEST_DATABASE_URL;
const REDIS = process.env.TEST_REDIS_URL;
const KEY_FORMAT = /^[A-Za-z0-9_-]{12}\.[A-Za-z0-9_-]{43}$/;
const denied = DENIED;
const notWithKey = { detail: 'API keys cannot be used for this action.', code: 'permission_denied' };
const failed = (detail: string) => ({ detail, code: 'authentication_failed' });

async function superuser(t: TestApp): Promise<TestUser> {
  const username = uniqueUsername('root');
  const password = `pw-${randomBytes(6).toString('hex')}`;
  const user = await t.app
    .get(UserManagementService)
    .create({ username, password, isStaff: true, isSuperuser: true });
  return { id: user.id, username, password };
}

describe('API keys', () => {
  let t: TestApp;
  const log = new LogCapture();
  beforeAll(async () => {
    t = await createTestApp({ ...QUIET, LOG_LEVEL: 'info' }, { logStream: log });
  });
  afterAll(() => t.close());

  it('are shown once, stored as a hash, and call /api/secure/ as their owner', async () => {
    const user = await createUser(t);
    const s = await login(t, user);
    const { access } = s;
    const created = await newKey(t, s, { name: 'nightly-export' });
    expect(created).toMatchObject({ name: 'nightly-export', permissions: null });
    expect(created.key).toMatch(KEY_FORMAT);
    expect(created.key.startsWith(`${created.prefix}.`)).toBe(true);

    await t.http
      .get('/api/secure/')
      .set(...apiKey(created.key))
      .expect(200, { message: 'This is a secure endpoint.' });
    const me = await t.http
      .get('/api/users/me/')
      .set(...apiKey(created.key))
      .expect(200);
    expect((me.body as { username: string }).username).toBe(user.username);

    const listed = await t.http
      .get('/api/keys/')
      .set(...bearer(access))
      .expect(200);
    const [row] = listed.body as Record<string, unknown>[];
    expect(Object.keys(row).sort()).toEqual([
      'created',
      'expires_at',
      'id',
      'last_used',
      'name',
      'permissions',
      'prefix',
    ]);
    expect(row).toMatchObject({ id: created.id, name: 'nightly-export', prefix: created.prefix });
    // Never in clear: not in the table, not in the audit trail, not in the logs.
    const secret = created.key.slice(13);
    const rows: unknown[] = await t.app
      .get(DataSource)
      .query(`SELECT * FROM api_key WHERE user_id = $1`, [user.id]);
    const events: unknown[] = await t.app
      .get(DataSource)
      .query(`SELECT * FROM security_event WHERE user_id = $1`, [user.id]);
    await new Promise((r) => setImmediate(r));
    for (const text of [JSON.stringify(rows), JSON.stringify(events), log.text])
      expect(text).not.toContain(secret);
    expect(JSON.stringify(events)).toContain('api_key_created');
  });

  it('records last use in batches: one list shows it within seconds', async () => {
    const s = await login(t, await createUser(t));
    const { access } = s;
    const k = await newKey(t, s);
    const before = await t.http
      .get('/api/keys/')
      .set(...bearer(access))
      .expect(200);
    expect((before.body as { last_used: string | null }[])[0].last_used).toBeNull();
    for (let i = 0; i < 20; i++)
      await t.http
        .get('/api/secure/')
        .set(...apiKey(k.key))
        .expect(200);
    const ms = await within(8000, async () => {
      const res = await t.http.get('/api/keys/').set(...bearer(access));
      return (res.body as { last_used: string | null }[])[0].last_used !== null;
    });
    expect(ms).toBeGreaterThanOrEqual(0);
  });

  it("act with at most the key's permissions: a superuser's view-only key lists users but cannot change them", async () => {
    const root = await superuser(t);
    const target = await createUser(t);
    const s = await login(t, root);
    const k = await newKey(t, s, { permissions: ['auth.view_user'] });
    expect(k.permissions).toEqual(['auth.view_user']);
    await t.http
      .get('/api/admin/users/')
      .set(...apiKey(k.key))
      .expect(200);
    await t.http
      .patch(`/api/admin/users/${target.id}/`)
      .set(...apiKey(k.key))
      .send({ is_active: false })
      .expect(403, denied);
    await t.http
      .get('/api/admin/groups/')
      .set(...apiKey(k.key))
      .expect(403, denied);
    // The owner's unscoped key may do what the owner may.
    const full = await newKey(t, s);
    await t.http
      .patch(`/api/admin/users/${target.id}/`)
      .set(...apiKey(full.key))
      .send({ is_active: false })
      .expect(200);
  });

  it("never exceed the owner's permissions: a scope is cut to what the owner holds now", async () => {
    const viewer = await createUser(t, { permissions: ['auth.view_user'] });
    const s = await login(t, viewer);
    const { access } = s;
    await t.http
      .post('/api/keys/')
      .set(...bearer(access))
      .send({ name: 'x', password: s.password, permissions: ['auth.view_user', 'auth.change_user'] })
      .expect(400, { permissions: ['You do not hold auth.change_user.'] });
    await t.http
      .post('/api/keys/')
      .set(...bearer(access))
      .send({ name: 'x', password: s.password, permissions: ['auth.fly'] })
      .expect(400, { permissions: ['Object with codename=auth.fly does not exist.'] });
    const k = await newKey(t, s, { permissions: ['auth.view_user'] });
    await t.http
      .get('/api/admin/users/')
      .set(...apiKey(k.key))
      .expect(200);
    await t.app.get(UserAccessService).set(viewer.id, { permissions: [] });
    await t.http
      .get('/api/admin/users/')
      .set(...apiKey(k.key))
      .expect(403, denied);
  });

  it('answer 401 in DRF words for a malformed, unknown, revoked or expired key, or an inactive or deleted owner', async () => {
    const user = await createUser(t);
    const s = await login(t, user);
    const { access } = s;
    const k = await newKey(t, s);
    const wrongSecret = `${k.prefix}.${randomBytes(32).toString('base64url')}`;
    const cases: [string, object][] = [
      ['Api-Key', failed('Invalid API key header. No credentials provided.')],
      [`Api-Key ${k.key} extra`, failed('Invalid API key header. API key string should not contain spaces.')],
      // The scheme is the first word whatever follows it; the key is separated by spaces only.
      [`Api-Key\t${k.key}`, failed('Invalid API key header. API key string should not contain spaces.')],
      ['Api-Key not-a-key', failed('Invalid API key.')],
      [`Api-Key ${k.key}x`, failed('Invalid API key.')],
      [`Api-Key ${wrongSecret}`, failed('Invalid API key.')],
      [
        `Api-Key ${randomBytes(9).toString('base64url')}.${randomBytes(32).toString('base64url')}`,
        failed('Invalid API key.'),
      ],
    ];
    for (const [header, body] of cases) {
      const res = await t.http.get('/api/secure/').set('Authorization', header);
      expect({ header, status: res.status, body: res.body as unknown }).toEqual({
        header,
        status: 401,
        body,
      });
      expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
    }
    // still good after all that
    await t.http
      .get('/api/secure/')
      .set(...apiKey(k.key))
      .expect(200);

    const expiring = await newKey(t, s, { expires_at: new Date(Date.now() + 60_000).toISOString() });
    await t.http
      .get('/api/secure/')
      .set(...apiKey(expiring.key))
      .expect(200);
    const restore = advanceClock(t, 61);
    try {
      await t.http
        .get('/api/secure/')
        .set(...apiKey(expiring.key))
        .expect(401, failed('API key has expired.'));
    } finally {
      restore();
    }

    await t.http
      .delete(`/api/keys/${k.id}/`)
      .set(...bearer(access))
      .expect(204);
    await t.http
      .get('/api/secure/')
      .set(...apiKey(k.key))
      .expect(401, failed('Invalid API key.'));
    await t.http
      .delete(`/api/keys/${k.id}/`)
      .set(...bearer(access))
      .expect(404);

    // An owner made inactive outside the lifecycle (a Django import, say): the key fails with them.
    const other = await newKey(t, s);
    const flag = async (active: boolean) => {
      await t.app.get(UserManagementService).setActive(user.username, active);
      await t.app.get(RevocationService).userChanged(user.id);
    };
    await flag(false);
    await t.http
      .get('/api/secure/')
      .set(...apiKey(other.key))
      .expect(401, failed('User inactive or deleted.'));
    await flag(true);
    await t.http
      .get('/api/secure/')
      .set(...apiKey(other.key))
      .expect(200);
    // Deactivation through the lifecycle revokes the keys for good (test/api-key-authority.e2e-spec.ts).
    await t.app.get(UserLifecycleService).setActive(user.username, false);
    await t.http
      .get('/api/secure/')
      .set(...apiKey(other.key))
      .expect(401, failed('Invalid API key.'));
  });

  it('cannot mint tokens, change passwords, manage sessions or manage keys', async () => {
    const user = await createUser(t);
    const s = await login(t, user);
    const k = await newKey(t, s);
    const as = { Authorization: `Api-Key ${k.key}` };
    await t.http.post('/api/keys/').set(as).send({ name: 'more' }).expect(403, notWithKey);
    await t.http.get('/api/keys/').set(as).expect(403, notWithKey);
    await t.http.delete(`/api/keys/${k.id}/`).set(as).expect(403, notWithKey);
    await t.http
      .post('/api/users/me/password/')
      .set(as)
      .send({ old_password: user.password, new_password: 'An0ther-Passw0rd!' })
      .expect(403, notWithKey);
    await t.http.get('/api/sessions/').set(as).expect(403, notWithKey);
    await t.http.post('/api/sessions/revoke-all/').set(as).expect(403, notWithKey);
    // The token endpoints take credentials in the body, never a key: no pair for a key alone.
    await t.http.post('/api/token/').set(as).send({}).expect(400);
    await t.http.get('/api/secure/').set(as).expect(200);
  });

  it('validate the body in DRF words', async () => {
    const s = await login(t, await createUser(t));
    const { access } = s;
    const post = (body: object) =>
      t.http
        .post('/api/keys/')
        .set(...bearer(access))
        .send({ password: s.password, ...body });
    await post({}).expect(400, { name: ['This field is required.'] });
    await post({ name: 'x', expires_at: 'tomorrow' }).expect(400, {
      expires_at: [
        'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
      ],
    });
    await post({ name: 'x', expires_at: '2001-01-01T00:00:00Z' }).expect(400, {
      expires_at: ['Must be in the future.'],
    });
    await post({ name: 'x', permissions: 'auth.view_user' }).expect(400, {
      permissions: ['Expected a list of items but got type "str".'],
    });
    await t.http
      .delete('/api/keys/not-a-number/')
      .set(...bearer(access))
      .expect(404);
  });
});

describe('API keys: their own limit (THROTTLE_API_KEY)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      THROTTLE_ENABLED: 'true',
      THROTTLE_DEFAULT: '1000/1s',
      THROTTLE_API_KEY: '3/1m',
      BRUTE_FORCE_ENABLED: 'false',
    });
  });
  afterAll(() => t.close());

  it('counts each key apart, after it is known good, and leaves tokens and other keys alone', async () => {
    const s = await login(t, await createUser(t));
    const { access } = s;
    const a = await newKey(t, s);
    const b = await newKey(t, s);
    const forged = `${a.prefix}.${randomBytes(32).toString('base64url')}`;
    for (let i = 0; i < 5; i++)
      await t.http
        .get('/api/secure/')
        .set(...apiKey(forged))
        .expect(401); // a forged key with a's prefix uses up nothing of a's
    for (let i = 0; i < 3; i++)
      await t.http
        .get('/api/secure/')
        .set(...apiKey(a.key))
        .expect(200);
    const refused = await t.http
      .get('/api/secure/')
      .set(...apiKey(a.key))
      .expect(429);
    expect(refused.body).toMatchObject({
      code: 'throttled',
      limit: { scope: 'api_key', rate: '3/1m', setting: 'THROTTLE_API_KEY' },
    });
    expect(refused.headers['retry-after']).toBeDefined();
    await t.http
      .get('/api/secure/')
      .set(...apiKey(b.key))
      .expect(200);
    await t.http
      .get('/api/secure/')
      .set(...bearer(access))
      .expect(200);
  });
});

describeUnless('api-keys', !DB && 'needs TEST_DATABASE_URL (two instances, one database)')(
  'API keys across instances',
  () => {
    let a: TestApp;
    let b: TestApp;
    const env = { ...QUIET, ...(REDIS ? { REDIS_URL: REDIS } : {}) };
    beforeAll(async () => {
      a = await createTestApp(env);
      b = await createTestApp(env);
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
    });

    it('a key revoked on A fails on B within 1 s', async () => {
      const s = await login(a, await createUser(a));
      const { access } = s;
      const k = await newKey(a, s);
      await b.http
        .get('/api/secure/')
        .set(...apiKey(k.key))
        .expect(200); // B now holds the key in memory
      await a.http
        .delete(`/api/keys/${k.id}/`)
        .set(...bearer(access))
        .expect(204);
      const ms = await within(1000, async () => {
        const res = await b.http.get('/api/secure/').set(...apiKey(k.key));
        return res.status === 401;
      });
      expect(ms).toBeGreaterThanOrEqual(0);
    });

    it("granting a permission to a key's owner on A applies to the key on B within 1 s", async () => {
      const user = await createUser(a);
      const s = await login(a, user);
      const k = await newKey(a, s);
      await b.http
        .get('/api/admin/users/')
        .set(...apiKey(k.key))
        .expect(403, denied);
      await grant(a, user.id, ['auth.view_user']);
      const ms = await within(1000, async () => {
        const res = await b.http.get('/api/admin/users/').set(...apiKey(k.key));
        return res.status === 200;
      });
      expect(ms).toBeGreaterThanOrEqual(0);
    });
  },
);
