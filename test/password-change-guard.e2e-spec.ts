import { SecurityEventsService } from '../src/security-events/security-events.service';
import { createTestApp, TestApp } from './utils/create-test-app';
import { createUser } from './utils/factories';
import { loopback, requestFrom } from './utils/loopback-client';

const WRONG_OLD = {
  status: 400,
  body: { old_password: ['Your old password was entered incorrectly. Please enter it again.'] },
};

/**
 * The password change is guarded like a login: with a stolen access token, guesses of old_password
 * from many addresses share the account's failure streak (unknown clients), each failure is a
 * `password_change_failed` event, and the owner's device keeps its own allowance.
 */
describe('password change guarded like login', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BRUTE_FORCE_ENABLED: 'true', THROTTLE_ENABLED: 'true' }, { listen: true });
  });
  afterAll(() => t?.close());

  it('12 addresses with a stolen access token get 5 real guesses, all answered alike; the owner’s device still changes it', async () => {
    const user = await createUser(t);
    const owner = await requestFrom(t.url, loopback(0), 'POST', '/api/token/', { body: user });
    const { access } = owner.body as { access: string };
    const device = owner.headers['x-device-token'] as string;
    const change = (from: string, old: string, headers: Record<string, string> = {}) =>
      requestFrom(t.url, from, 'POST', '/api/users/me/password/', {
        body: { old_password: old, new_password: 'a brand new passphrase' },
        headers: { Authorization: `Bearer ${access}`, ...headers },
      });

    for (let a = 1; a <= 12; a++) {
      for (let i = 0; i < 10; i++) {
        const res = await change(loopback(a), `guess-${a}-${i}`);
        expect({ status: res.status, body: res.body }).toEqual(WRONG_OLD);
      }
    }
    // the guessing is over for unknown clients: the right old password is refused alike
    const right = await change(loopback(13), user.password);
    expect({ status: right.status, body: right.body }).toEqual(WRONG_OLD);

    const { events: rows } = await t.app
      .get(SecurityEventsService)
      .page({ userId: user.id, type: 'password_change_failed' }, 500, 0);
    expect(rows).toHaveLength(121);
    expect(rows.filter((r) => r.detail === 'wrong old password')).toHaveLength(5);
    expect(new Set(rows.map((r) => r.ip)).size).toBe(13);

    // the owner's device (the token from its login) has its own allowance
    const mine = await change(loopback(0), user.password, { 'X-Device-Token': device });
    expect(mine.status).toBe(200);
  });
});
