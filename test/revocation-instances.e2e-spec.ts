import { createTestApp, TestApp } from './utils/create-test-app';
import { createUser, obtainPair } from './utils/factories';
import { P, rejected } from './utils/contract-helpers';
import { bearer, QUIET, within } from './utils/sessions-helpers';
import { RevocationBus } from '../src/revocation/revocation-bus';
import { UserLifecycleService } from '../src/users/user-lifecycle.service';
import { describeUnless } from './utils/skip';

const DB = process.env.TEST_DATABASE_URL;
const REDIS = process.env.TEST_REDIS_URL;

/** Two instances on one database: logout on A, the access token refused on B within 1 s. */
function twoInstances(label: string, env: Record<string, string>, transport: string): void {
  describe(`instant revocation across instances (${label})`, () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      a = await createTestApp({ ...QUIET, ...env });
      b = await createTestApp({ ...QUIET, ...env });
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
    });

    it(`uses ${transport} to broadcast`, () => {
      expect(b.app.get(RevocationBus).transport).toBe(transport);
    });

    it('refuses on B, within 1 s, the access token of a session logged out on A', async () => {
      const user = await createUser(a);
      const pair = await obtainPair(a, user);
      await b.http
        .get(P.secure)
        .set(...bearer(pair.access))
        .expect(200); // B now caches the live session
      await a.http.post(P.blacklist).send({ refresh: pair.refresh }).expect(200);
      const ms = await within(
        1000,
        async () => (await b.http.get(P.secure).set(...bearer(pair.access))).status === 401,
      );
      expect(ms).toBeGreaterThanOrEqual(0);
      const res = await b.http.get(P.secure).set(...bearer(pair.access));
      expect({ status: res.status, body: res.body as unknown }).toEqual({
        status: 401,
        body: rejected('Token is blacklisted'),
      });
    });

    it('refuses on B, within 1 s, the tokens of a user deactivated on A (user cache invalidated)', async () => {
      const user = await createUser(a);
      const pair = await obtainPair(a, user);
      await b.http
        .get(P.secure)
        .set(...bearer(pair.access))
        .expect(200);
      await a.app.get(UserLifecycleService).setActive(user.username, false);
      const ms = await within(
        1000,
        async () => (await b.http.get(P.secure).set(...bearer(pair.access))).status === 401,
      );
      expect(ms).toBeGreaterThanOrEqual(0);
      await b.http
        .get(P.secure)
        .set(...bearer(pair.access))
        .expect(401, { detail: 'User is inactive', code: 'user_inactive' });
    });
  });
}

if (DB && REDIS) {
  twoInstances('Postgres + Redis pub/sub', { REDIS_URL: REDIS }, 'redis');
} else {
  describeUnless(
    'revocation-instances.e2e-spec (Postgres + Redis part)',
    'TEST_DATABASE_URL and TEST_REDIS_URL are not both set',
  )('instant revocation across instances (Postgres + Redis)', () => {
    it('needs TEST_DATABASE_URL and TEST_REDIS_URL', () => undefined);
  });
}

if (DB) {
  twoInstances('Postgres LISTEN/NOTIFY, no Redis', { REDIS_URL: '' }, 'postgres');
} else {
  describeUnless(
    'revocation-instances.e2e-spec (LISTEN/NOTIFY part)',
    'TEST_DATABASE_URL is not set (needs a real PostgreSQL)',
  )('instant revocation across instances (Postgres LISTEN/NOTIFY)', () => {
    it('needs TEST_DATABASE_URL', () => undefined);
  });
}
