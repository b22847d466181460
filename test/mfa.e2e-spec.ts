import { SecurityEventsService } from '../src/security-events/security-events.service';
import { createTestApp, TestApp } from './utils/create-test-app';
import { createUser, decodeClaims, TestUser } from './utils/factories';
import { BOOT_TIMEOUT, codeAt, enrolTotp, firstStep, nextCode, TestClock } from './utils/mfa-helpers';
import { bearer } from './utils/sessions-helpers';

const MFA_REQUIRED = { detail: 'Multi-factor authentication required.', code: 'mfa_required' };
const CODE_INVALID = { detail: 'Invalid code.', code: 'mfa_code_invalid' };
const TOKEN_INVALID = { detail: 'MFA token is invalid or expired.', code: 'mfa_token_invalid' };

/** The second factor end to end: enrolment, the two-step login, replay, recovery codes, removal. */
describe('TOTP second factor', () => {
  let t: TestApp;
  let clock: TestClock;
  beforeAll(async () => {
    t = await createTestApp();
    clock = new TestClock(t);
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    clock?.release();
    await t?.close();
  });

  const second = (body: Record<string, unknown>) => t.http.post('/api/token/mfa/').send(body);
  const events = async (u: TestUser, type: string) =>
    (await t.app.get(SecurityEventsService).page({ userId: u.id, type }, 50, 0)).events;

  it('leaves a user without a factor exactly as before, an `otp` field included', async () => {
    const u = await createUser(t);
    const plain = await t.http
      .post('/api/token/')
      .send({ username: u.username, password: u.password })
      .expect(200);
    expect(Object.keys(plain.body as object)).toEqual(['refresh', 'access']);
    const withOtp = await t.http
      .post('/api/token/')
      .send({ username: u.username, password: u.password, otp: '000000' })
      .expect(200);
    expect(Object.keys(withOtp.body as object)).toEqual(['refresh', 'access']);
    const access = (plain.body as { access: string }).access;
    const mine = await t.http
      .get('/api/users/me/mfa/')
      .set(...bearer(access))
      .expect(200);
    expect(mine.body).toEqual({ devices: [], recovery_codes_left: 0 });
  });

  it('enrol -> confirm -> mfa_required -> a code -> the pair; the same code again is refused', async () => {
    const u = await createUser(t);
    const { secret, recoveryCodes } = await enrolTotp(t, u, clock);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    const challenge = await firstStep(t, u);
    expect(challenge).toMatchObject({ ...MFA_REQUIRED, methods: ['otp', 'recovery_code'] });
    expect(challenge.mfa_token).toMatch(/^[\w-]{43}$/);

    const code = nextCode(clock, secret);
    const pair = await second({ mfa_token: challenge.mfa_token, otp: code }).expect(200);
    expect(Object.keys(pair.body as object)).toEqual(['refresh', 'access']);
    expect(decodeClaims((pair.body as { access: string }).access).user_id).toBe(u.id);

    // the same code, in a new second step: refused (each code works once)
    const again = await firstStep(t, u);
    await second({ mfa_token: again.mfa_token, otp: code }).expect(401, CODE_INVALID);
    // ... and the used mfa_token is spent
    await second({ mfa_token: challenge.mfa_token, otp: nextCode(clock, secret) }).expect(401, TOKEN_INVALID);
    expect((await events(u, 'mfa_failed')).length).toBe(1);
    expect((await events(u, 'login_succeeded')).length).toBeGreaterThanOrEqual(2);
  });

  it('answers the pair at once when the login already carries a current code', async () => {
    const u = await createUser(t);
    const { secret } = await enrolTotp(t, u, clock);
    const res = await t.http
      .post('/api/token/')
      .send({ username: u.username, password: u.password, otp: nextCode(clock, secret) })
      .expect(200);
    expect(Object.keys(res.body as object)).toEqual(['refresh', 'access']);
    const wrong = await t.http
      .post('/api/token/')
      .send({ username: u.username, password: u.password, otp: '000000' })
      .expect(401);
    expect(wrong.body).toMatchObject(MFA_REQUIRED);
  });

  it('takes a recovery code once', async () => {
    const u = await createUser(t);
    const { recoveryCodes } = await enrolTotp(t, u, clock);
    const first = await firstStep(t, u);
    await second({ mfa_token: first.mfa_token, recovery_code: recoveryCodes[3].toUpperCase() }).expect(200);
    const next = await firstStep(t, u);
    await second({ mfa_token: next.mfa_token, recovery_code: recoveryCodes[3] }).expect(401, CODE_INVALID);
    await second({ mfa_token: next.mfa_token, recovery_code: recoveryCodes[4] }).expect(200);
    expect((await events(u, 'recovery_code_used')).map((e) => e.detail)).toEqual(['8 left', '9 left']);
  });

  it('the sliding login takes the same second step and answers a sliding token', async () => {
    const u = await createUser(t);
    const { secret } = await enrolTotp(t, u, clock);
    const challenge = await firstStep(t, u, '/api/token/sliding/');
    const res = await second({ mfa_token: challenge.mfa_token, otp: nextCode(clock, secret) }).expect(200);
    expect(Object.keys(res.body as object)).toEqual(['token']);
    expect(decodeClaims((res.body as { token: string }).token).token_type).toBe('sliding');
  });

  it('an mfa_token is spent after MFA_TOKEN_ATTEMPTS wrong codes, and expires', async () => {
    const u = await createUser(t);
    const { secret } = await enrolTotp(t, u, clock);
    const challenge = await firstStep(t, u);
    for (let i = 0; i < 5; i++)
      await second({ mfa_token: challenge.mfa_token, otp: '00000' + i }).expect(401, CODE_INVALID);
    await second({ mfa_token: challenge.mfa_token, otp: nextCode(clock, secret) }).expect(401, TOKEN_INVALID);

    const late = await firstStep(t, u);
    clock.advance(301);
    await second({ mfa_token: late.mfa_token, otp: nextCode(clock, secret) }).expect(401, TOKEN_INVALID);
    await second({ mfa_token: 'nonsense', otp: '123456' }).expect(401, TOKEN_INVALID);
  });

  it('asks for exactly one factor in the second step', async () => {
    await second({ mfa_token: 'x' }).expect(400, {
      non_field_errors: ['Send exactly one of otp, recovery_code or webauthn.'],
    });
    await second({ mfa_token: 'x', otp: '1', recovery_code: '2' }).expect(400);
    await second({ otp: '1' }).expect(400, { mfa_token: ['This field is required.'] });
  });

  it('refuses enrolment without the right password, and confirmation without the right code', async () => {
    const u = await createUser(t);
    const login = await t.http
      .post('/api/token/')
      .send({ username: u.username, password: u.password })
      .expect(200);
    const access = (login.body as { access: string }).access;
    await t.http
      .post('/api/users/me/mfa/totp/')
      .set(...bearer(access))
      .send({ password: 'wrong' })
      .expect(400, { password: ['Wrong password.'] });
    await t.http
      .post('/api/users/me/mfa/totp/confirm/')
      .set(...bearer(access))
      .send({ otp: '123456' })
      .expect(400);
    const started = await t.http
      .post('/api/users/me/mfa/totp/')
      .set(...bearer(access))
      .send({ password: u.password })
      .expect(200);
    const body = started.body as { secret: string; otpauth_url: string; qr_code: string };
    expect(body.otpauth_url).toContain(`secret=${body.secret}`);
    expect(body.qr_code).toMatch(/^data:image\/png;base64,/);
    const wrong = codeAt(body.secret, clock.now() - 5 * 60_000);
    await t.http
      .post('/api/users/me/mfa/totp/confirm/')
      .set(...bearer(access))
      .send({ otp: wrong })
      .expect(400, { otp: ['Invalid code.'] });
    // not active until confirmed: the login is still one step
    await t.http.post('/api/token/').send({ username: u.username, password: u.password }).expect(200);
  });

  it('lists factors without secrets; removing the last one needs the password and a current code', async () => {
    const u = await createUser(t);
    const { secret } = await enrolTotp(t, u, clock);
    const challenge = await firstStep(t, u);
    const pair = await second({ mfa_token: challenge.mfa_token, otp: nextCode(clock, secret) }).expect(200);
    const auth = bearer((pair.body as { access: string }).access);
    const listed = await t.http
      .get('/api/users/me/mfa/')
      .set(...auth)
      .expect(200);
    const body = listed.body as { devices: { id: string; kind: string }[]; recovery_codes_left: number };
    expect(body.recovery_codes_left).toBe(10);
    expect(body.devices).toEqual([expect.objectContaining({ kind: 'totp', name: 'Authenticator app' })]);
    expect(JSON.stringify(body)).not.toContain(secret);
    const id = body.devices[0].id;

    await t.http
      .delete(`/api/users/me/mfa/${id}/`)
      .set(...auth)
      .send({ password: u.password })
      .expect(400, { otp: ['Invalid code.'] });
    await t.http
      .delete(`/api/users/me/mfa/${id}/`)
      .set(...auth)
      .send({ password: 'wrong', otp: nextCode(clock, secret) })
      .expect(400);
    await t.http
      .delete('/api/users/me/mfa/999999999/')
      .set(...auth)
      .send({ password: u.password })
      .expect(404);
    await t.http
      .delete(`/api/users/me/mfa/${id}/`)
      .set(...auth)
      .send({ password: u.password, otp: nextCode(clock, secret) })
      .expect(204);
    await t.http.post('/api/token/').send({ username: u.username, password: u.password }).expect(200);
    expect(
      (
        await t.http
          .get('/api/users/me/mfa/')
          .set(...auth)
          .expect(200)
      ).body,
    ).toEqual({ devices: [], recovery_codes_left: 0 });
  });

  it('regenerates recovery codes with the password; the old ones stop working', async () => {
    const u = await createUser(t);
    const { secret, recoveryCodes } = await enrolTotp(t, u, clock);
    const challenge = await firstStep(t, u);
    const pair = await second({ mfa_token: challenge.mfa_token, otp: nextCode(clock, secret) }).expect(200);
    const auth = bearer((pair.body as { access: string }).access);
    const res = await t.http
      .post('/api/users/me/mfa/recovery-codes/')
      .set(...auth)
      .send({ password: u.password })
      .expect(200);
    const fresh = (res.body as { recovery_codes: string[] }).recovery_codes;
    expect(fresh).toHaveLength(10);
    const next = await firstStep(t, u);
    await second({ mfa_token: next.mfa_token, recovery_code: recoveryCodes[0] }).expect(401, CODE_INVALID);
    await second({ mfa_token: next.mfa_token, recovery_code: fresh[0] }).expect(200);
  });
});

describe('the second step in cookie mode', () => {
  let t: TestApp;
  let clock: TestClock;
  beforeAll(async () => {
    t = await createTestApp({ JWT_REFRESH_COOKIE: 'true', CORS_ORIGINS: 'https://app.example.com' });
    clock = new TestClock(t);
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    clock?.release();
    await t?.close();
  });

  it('sets the refresh cookie exactly as a one-step login does', async () => {
    const plain = await createUser(t);
    const one = await t.http
      .post('/api/token/')
      .send({ username: plain.username, password: plain.password })
      .expect(200);
    const u = await createUser(t);
    const { secret } = await enrolTotp(t, u, clock);
    const challenge = await firstStep(t, u);
    const two = await t.http
      .post('/api/token/mfa/')
      .send({ mfa_token: challenge.mfa_token, otp: nextCode(clock, secret) })
      .expect(200);
    const cookieOf = (res: { headers: Record<string, unknown> }, refresh: string) =>
      ([res.headers['set-cookie']].flat() as string[]).map((c) => c.replace(refresh, 'R'));
    expect(cookieOf(two, (two.body as { refresh: string }).refresh)).toEqual(
      cookieOf(one, (one.body as { refresh: string }).refresh),
    );
  });
});
