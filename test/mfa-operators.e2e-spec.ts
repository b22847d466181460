import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOTP, Secret } from 'otpauth';
import { SecurityEventsService } from '../src/security-events/security-events.service';
import { cliInProcess } from './utils/cli-in-process';
import { createTestApp, TEST_SIGNING_KEY, TestApp } from './utils/create-test-app';
import { preparedDataDir } from './utils/embedded-db';
import { FreshDatabase } from './utils/fresh-database';
import { ADMIN_PERMISSIONS, createUser, TestUser } from './utils/factories';
import { BOOT_TIMEOUT, enrolTotp, firstStep, nextCode, TestClock } from './utils/mfa-helpers';
import { bearer } from './utils/sessions-helpers';

const STAFF_REFUSED = {
  detail: 'Staff accounts need a second factor: enrol one at /api/users/me/mfa/ first.',
  code: 'mfa_required',
};

describe('MFA_REQUIRED_FOR_STAFF and the admin API', () => {
  let t: TestApp;
  let clock: TestClock;
  beforeAll(async () => {
    t = await createTestApp({ MFA_REQUIRED_FOR_STAFF: 'true' });
    clock = new TestClock(t);
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    clock?.release();
    await t?.close();
  });

  /** The password, then the next TOTP code: the user's access token. */
  async function bothSteps(user: TestUser, secret: string): Promise<string> {
    const challenge = await firstStep(t, user);
    const pair = await t.http
      .post('/api/token/mfa/')
      .send({ mfa_token: challenge.mfa_token, otp: nextCode(clock, secret) })
      .expect(200);
    return (pair.body as { access: string }).access;
  }

  it('staff without a factor log in but get 403 mfa_required from the admin API until they enrol', async () => {
    const staff = await createUser(t, { isStaff: true, permissions: ADMIN_PERMISSIONS });
    const login = await t.http
      .post('/api/token/')
      .send({ username: staff.username, password: staff.password })
      .expect(200);
    const auth = bearer((login.body as { access: string }).access);
    await t.http
      .get('/api/admin/users/')
      .set(...auth)
      .expect(403, STAFF_REFUSED);
    await t.http
      .get('/api/admin/events/')
      .set(...auth)
      .expect(403, STAFF_REFUSED);
    await t.http
      .get('/api/users/me/')
      .set(...auth)
      .expect(200); // everything else answers

    const { secret } = await enrolTotp(t, staff, clock);
    await t.http
      .get('/api/admin/users/')
      .set(...auth)
      .expect(200); // the next request sees it
    const access = await bothSteps(staff, secret);
    const search = await t.http
      .get(`/api/admin/users/?search=${staff.username}`)
      .set(...bearer(access))
      .expect(200);
    const listed = (search.body as { results: Record<string, unknown>[] }).results;
    expect(listed).toEqual([expect.objectContaining({ username: staff.username, has_mfa: true })]);
    expect(JSON.stringify(search.body)).not.toContain(secret);
  });

  it('shows has_mfa false for a user without a factor, and leaves non-staff alone', async () => {
    const staff = await createUser(t, { isStaff: true, permissions: ADMIN_PERMISSIONS });
    const { secret } = await enrolTotp(t, staff, clock);
    const plain = await createUser(t);
    const access = await bothSteps(staff, secret);
    const search = await t.http
      .get(`/api/admin/users/?search=${plain.username}`)
      .set(...bearer(access))
      .expect(200);
    const listed = (search.body as { results: Record<string, unknown>[] }).results;
    expect(listed).toEqual([expect.objectContaining({ username: plain.username, has_mfa: false })]);
    await t.http.post('/api/token/').send({ username: plain.username, password: plain.password }).expect(200);
  });
});

/** The CLI's mfa, resetmfa and totp commands, and importusers with django-otp's tables. */
describe('operators: CLI and the django-otp import', () => {
  let work: string;
  let fresh: FreshDatabase | undefined;
  let env: Record<string, string>;
  const FIXTURE = join(__dirname, 'fixtures', 'django-dumpdata-otp.json');
  const PASSWORD = 'lètmein';
  /** RFC 6238's test key ("12345678901234567890"), Grace's device in the fixture. */
  const KEY_HEX = '3132333435363738393031323334353637383930';
  const codeNow = () =>
    HOTP.generate({ secret: Secret.fromHex(KEY_HEX), counter: Math.floor(Date.now() / 30_000) });

  const cli = (args: string[]) => cliInProcess(args, env);
  async function withApp<T>(fn: (t: TestApp) => Promise<T>): Promise<T> {
    const t = await createTestApp(fresh ? { DATABASE_URL: fresh.url } : { DATA_DIR: env.DATA_DIR });
    try {
      return await fn(t);
    } finally {
      await t.close();
    }
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'bastion-mfa-cli-'));
    env = {
      JWT_SIGNING_KEY: TEST_SIGNING_KEY,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      DATA_DIR: join(work, 'data'),
    };
    if (process.env.TEST_DATABASE_URL) {
      fresh = await FreshDatabase.create(process.env.TEST_DATABASE_URL, 'mfa');
      env.DATABASE_URL = fresh.url;
    } else {
      mkdirSync(env.DATA_DIR, { recursive: true });
      renameSync(await preparedDataDir(), join(env.DATA_DIR, 'pglite'));
    }
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    await fresh?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('totp SECRET prints the current code of a base32 secret', async () => {
    const base32 = Secret.fromHex(KEY_HEX).base32;
    const res = await cli(['totp', base32]);
    expect(res.code).toBe(0);
    // the code of this step or, if the step turned meanwhile, of the next one
    const step = Math.floor(Date.now() / 30_000);
    const around = [step - 1, step].map((c) =>
      HOTP.generate({ secret: Secret.fromHex(KEY_HEX), counter: c }),
    );
    expect(around).toContain(res.stdout.trim());
    expect((await cli(['totp', 'not base32!'])).code).toBe(2);
  });

  it("imports django-otp devices (an imported device's current code logs in) and static tokens as recovery codes", async () => {
    const imported = await cli(['importusers', FIXTURE]);
    expect(imported.stdout).toContain(
      'Imported 1 django-otp TOTP device(s) and 2 static token(s) (as recovery codes) of 1 user(s).\n',
    );
    expect(imported.stdout).toMatch(
      /fixtures\/django-dumpdata-otp\.json:\d+: skipped: otp_totp\.totpdevice 2: bad key \(hex\)/,
    );
    expect(imported.code).toBe(1); // the bad entry
    const listed = await cli(['mfa', 'otp-grace']);
    expect(listed.stdout).toMatch(
      /^\d+\ttotp\tGrace's phone\tadded .+\tnever used\nrecovery codes left: 2\n$/,
    );

    await withApp(async (t) => {
      const grace = { id: 8301, username: 'otp-grace', password: PASSWORD };
      const challenge = await firstStep(t, grace);
      expect(challenge.methods).toEqual(['otp', 'recovery_code']);
      await t.http
        .post('/api/token/mfa/')
        .send({ mfa_token: challenge.mfa_token, otp: codeNow() })
        .expect(200);
      const next = await firstStep(t, grace);
      await t.http
        .post('/api/token/mfa/')
        .send({ mfa_token: next.mfa_token, recovery_code: 'K4FZ7SA2' })
        .expect(200);
      // a user whose device could not be imported logs in as before
      await t.http.post('/api/token/').send({ username: 'otp-heidi', password: PASSWORD }).expect(200);
    });

    const reset = await cli(['resetmfa', 'otp-grace']);
    expect(reset).toMatchObject({ code: 0, stdout: 'Removed 1 second factor(s) of "otp-grace".\n' });
    expect((await cli(['mfa', 'otp-grace'])).stdout).toBe(
      'otp-grace: no second factor.\nrecovery codes left: 0\n',
    );
    expect((await cli(['resetmfa', 'nobody-here'])).code).toBe(1);
    await withApp(async (t) => {
      await t.http.post('/api/token/').send({ username: 'otp-grace', password: PASSWORD }).expect(200);
      const events = await t.app.get(SecurityEventsService).page({ userId: 8301, type: 'mfa_reset' }, 10, 0);
      expect(events.events.map((e) => e.detail)).toEqual(['1 device(s) removed by cli resetmfa']);
    });
  });
});
