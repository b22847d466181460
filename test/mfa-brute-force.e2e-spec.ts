import { SecurityEventsService } from '../src/security-events/security-events.service';
import { createTestApp, TestApp } from './utils/create-test-app';
import { createUser } from './utils/factories';
import { loopback, RawResponse, requestFrom } from './utils/loopback-client';
import { BOOT_TIMEOUT, codeAt, enrolTotp, nextCode, TestClock } from './utils/mfa-helpers';
import { deltas, scrape } from './utils/metrics-helpers';
import { storages } from './utils/traffic-helpers';

const WRONG_PASSWORD = { detail: 'No active account found with the given credentials' };
const CODE_INVALID = { detail: 'Invalid code.', code: 'mfa_code_invalid' };
const LOGINS = (outcome: string) => `bastion_logins_total{outcome="${outcome}"}`;

/**
 * Wrong second factors are failed logins: they count in the account's streak of unknown clients (so
 * a stolen password plus guessed codes from many addresses is backed off, right code or not), while
 * the owner's device, known by its device token, keeps its own allowance and gets in.
 */
describe.each(storages())('second factor and the brute-force defence (%s storage)', (_name, storageEnv) => {
  let t: TestApp;
  let clock: TestClock;
  beforeAll(async () => {
    t = await createTestApp({ BRUTE_FORCE_ENABLED: 'true', ...storageEnv }, { listen: true });
    clock = new TestClock(t);
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    clock?.release();
    await t?.close();
  });

  const post = (from: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    requestFrom(t.url, from, 'POST', path, { body, headers });
  const verdict = (r: RawResponse) => ({ status: r.status, body: r.body });

  it('a distributed code-guessing attack is backed off; the owner’s device still gets in', async () => {
    const u = await createUser(t);
    const { secret } = await enrolTotp(t, u, clock);
    const creds = { username: u.username, password: u.password };
    const before = await scrape(t);

    // the owner logs in from their usual client: both steps, a device token at the end
    const owner = await post(loopback(0), '/api/token/', creds);
    expect(owner.status).toBe(401);
    const ownerToken = (owner.body as { mfa_token: string }).mfa_token;
    const done = await post(loopback(0), '/api/token/mfa/', {
      mfa_token: ownerToken,
      otp: nextCode(clock, secret),
    });
    expect(done.status).toBe(200);
    const device = done.headers['x-device-token'] as string;
    expect(device).toMatch(/^[\w-]{22}\.\d+\.[\w-]{43}$/);

    // an attacker with the password guesses codes from 20 addresses
    let challenged = 0;
    let kept: string | undefined;
    for (let a = 1; a <= 20; a++) {
      const first = await post(loopback(a), '/api/token/', creds);
      if (first.status === 401 && (first.body as { code?: string }).code === 'mfa_required') {
        challenged += 1;
        const token = (first.body as { mfa_token: string }).mfa_token;
        kept ??= token;
        if (token === kept) continue; // kept for later, with its attempts untouched
        const guess = await post(loopback(a), '/api/token/mfa/', { mfa_token: token, otp: '000000' });
        expect(verdict(guess)).toEqual({ status: 401, body: CODE_INVALID });
      } else {
        expect(verdict(first)).toEqual({ status: 401, body: WRONG_PASSWORD });
      }
    }
    expect(challenged).toBeLessThanOrEqual(5);
    // backed off: even the right code from an unknown client is refused as a wrong one
    const right = await post(loopback(21), '/api/token/mfa/', {
      mfa_token: kept,
      otp: nextCode(clock, secret),
    });
    expect(verdict(right)).toEqual({ status: 401, body: CODE_INVALID });

    // the owner's device: its own streak
    const mine = { 'X-Device-Token': device };
    const again = await post(loopback(0), '/api/token/', creds, mine);
    expect(again.status).toBe(401);
    const token = (again.body as { mfa_token: string }).mfa_token;
    const code = codeAt(secret, clock.now() + 30_000); // the step after the one just refused
    expect((await post(loopback(0), '/api/token/mfa/', { mfa_token: token, otp: code }, mine)).status).toBe(
      200,
    );

    const failed = await t.app.get(SecurityEventsService).page({ userId: u.id, type: 'mfa_failed' }, 100, 0);
    expect(failed.count).toBeGreaterThanOrEqual(challenged - 1);
    const counted = deltas(before, await scrape(t), [
      LOGINS('mfa_required'),
      LOGINS('mfa_failed'),
      LOGINS('success'),
    ]);
    expect(counted[LOGINS('mfa_required')]).toBe(challenged + 2);
    expect(counted[LOGINS('mfa_failed')]).toBe(challenged); // challenged - 1 guesses + the refused right code
    expect(counted[LOGINS('success')]).toBe(2);
  });
});
