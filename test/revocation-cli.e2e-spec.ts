import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledBuild } from './utils/compiled-build';
import { createTestApp, TEST_SIGNING_KEY, TestApp } from './utils/create-test-app';
import { createUser, obtainPair } from './utils/factories';
import { P, rejected } from './utils/contract-helpers';
import { bearer, QUIET, within } from './utils/sessions-helpers';
import { describeUnless } from './utils/skip';

const DB = process.env.TEST_DATABASE_URL;
const REDIS = process.env.TEST_REDIS_URL;

/**
 * The CLI as a real process next to a running instance on the same PostgreSQL: changepassword, setactive
 * and deleteuser end the user's sessions and the instance hears of it (Redis, else LISTEN/NOTIFY) at once,
 * though it had the session and the user in its caches; so does importusers of a user's permissions.
 */
function cliAgainstInstance(label: string, redisUrl: string): void {
  describe(`CLI user changes reach a running instance (${label})`, () => {
    let build: CompiledBuild;
    let t: TestApp;
    const cwd = mkdtempSync(join(tmpdir(), 'bastion-h4-cli-'));
    const cli = (args: string[], input?: string) =>
      build.run(build.cliMain, args, {
        cwd,
        input,
        env: {
          JWT_SIGNING_KEY: TEST_SIGNING_KEY,
          LOG_LEVEL: 'silent',
          NODE_ENV: 'test',
          DATABASE_URL: DB!,
          REDIS_URL: redisUrl,
        },
      });
    const status = async (access: string) => (await t.http.get(P.secure).set(...bearer(access))).status;
    beforeAll(async () => {
      build = CompiledBuild.create();
      t = await createTestApp({ ...QUIET, REDIS_URL: redisUrl });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('changepassword revokes every session of the user at once', async () => {
      const u = await createUser(t);
      const pair = await obtainPair(t, u);
      expect(await status(pair.access)).toBe(200);
      const run = await cli(['changepassword', u.username, '--password-stdin'], 'brand new password');
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      expect(await within(1000, async () => (await status(pair.access)) === 401)).toBeGreaterThanOrEqual(0);
      await t.http
        .get(P.secure)
        .set(...bearer(pair.access))
        .expect(401, rejected('Token is blacklisted'));
      await t.http.post(P.refresh).send({ refresh: pair.refresh }).expect(401);
    });

    it('setactive false answers user_inactive at once; reactivation leaves old tokens dead', async () => {
      const u = await createUser(t);
      const pair = await obtainPair(t, u);
      expect(await status(pair.access)).toBe(200);
      expect((await cli(['setactive', u.username, 'false'])).code).toBe(0);
      expect(await within(1000, async () => (await status(pair.access)) === 401)).toBeGreaterThanOrEqual(0);
      await t.http
        .get(P.secure)
        .set(...bearer(pair.access))
        .expect(401, { detail: 'User is inactive', code: 'user_inactive' });
      expect((await cli(['setactive', u.username, 'true'])).code).toBe(0);
      await t.http
        .get(P.secure)
        .set(...bearer(pair.access))
        .expect(401, rejected('Token is blacklisted'));
      const fresh = await obtainPair(t, u);
      expect(await status(fresh.access)).toBe(200);
      expect((await cli(['deleteuser', u.username])).code).toBe(0);
      expect(await within(1000, async () => (await status(fresh.access)) === 401)).toBeGreaterThanOrEqual(0);
      await t.http
        .get(P.secure)
        .set(...bearer(fresh.access))
        .expect(401, { detail: 'User not found', code: 'user_not_found' });
    });

    it('importusers gives a logged-in user the groups and permissions of a dumpdata file at once', async () => {
      const u = await createUser(t);
      const pair = await obtainPair(t, u);
      const users = async () => (await t.http.get('/api/admin/users/').set(...bearer(pair.access))).status;
      expect(await users()).toBe(403);
      const file = join(cwd, `dumpdata-auth-${u.id}.json`);
      const group = { name: `viewers-${u.id}`, permissions: [['view_user', 'auth', 'user']] };
      const user = { username: u.username, password: '!', date_joined: '2024-01-01T00:00:00Z' };
      writeFileSync(
        file,
        JSON.stringify([
          { model: 'auth.group', pk: 1, fields: group },
          { model: 'auth.user', pk: u.id, fields: { ...user, groups: [1], user_permissions: [] } },
        ]),
      );
      const run = await cli(['importusers', file]);
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      expect(await within(1000, async () => (await users()) === 200)).toBeGreaterThanOrEqual(0);
    });

    it("revokeapikey stops a user's key at once", async () => {
      const u = await createUser(t);
      const pair = await obtainPair(t, u);
      const created = await t.http
        .post('/api/keys/')
        .set(...bearer(pair.access))
        .send({ name: 'leaked', password: u.password })
        .expect(201);
      const { key, prefix } = created.body as { key: string; prefix: string };
      const keyStatus = async () =>
        (await t.http.get(P.secure).set('Authorization', `Api-Key ${key}`)).status;
      expect(await keyStatus()).toBe(200); // the instance now holds the key in memory
      const run = await cli(['revokeapikey', prefix]);
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      expect(await within(1000, async () => (await keyStatus()) === 401)).toBeGreaterThanOrEqual(0);
    });

    it('importusers of a user deactivated in Django answers user_inactive at once', async () => {
      const u = await createUser(t);
      const pair = await obtainPair(t, u);
      expect(await status(pair.access)).toBe(200); // the instance now caches the user
      const file = join(cwd, `dumpdata-inactive-${u.id}.json`);
      const fields = {
        username: u.username,
        password: '!',
        is_active: false,
        date_joined: '2024-01-01T00:00:00Z',
      };
      writeFileSync(file, JSON.stringify([{ model: 'auth.user', pk: u.id, fields }]));
      const run = await cli(['importusers', file]);
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      expect(await within(1000, async () => (await status(pair.access)) === 401)).toBeGreaterThanOrEqual(0);
      await t.http
        .get(P.secure)
        .set(...bearer(pair.access))
        .expect(401, { detail: 'User is inactive', code: 'user_inactive' });
    });
  });
}

if (DB) {
  if (REDIS) cliAgainstInstance('Redis pub/sub', REDIS);
  cliAgainstInstance('Postgres LISTEN/NOTIFY', '');
}
if (!DB || !REDIS) {
  describeUnless(
    'revocation-cli.e2e-spec',
    DB
      ? 'TEST_REDIS_URL is not set: the Redis variant is skipped'
      : 'TEST_DATABASE_URL is not set (the embedded database admits one process at a time)',
  )('CLI user changes reach a running instance (skipped parts)', () => {
    it('needs TEST_DATABASE_URL (and TEST_REDIS_URL for the Redis variant)', () => undefined);
  });
}
