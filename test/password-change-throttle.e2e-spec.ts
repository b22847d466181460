import { createTestApp, TestApp } from './utils/create-test-app';
import { createUser, obtainPair } from './utils/factories';
import { expectThrottled, freshIp, TRUST_LOCAL } from './utils/traffic-helpers';

describe('password change shares the login throttle', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      THROTTLE_ENABLED: 'true',
      ...TRUST_LOCAL,
      THROTTLE_DEFAULT: '50/10s',
      THROTTLE_LOGIN: '2/10s',
      THROTTLE_LOGIN_USER: '50/10s',
    });
  });
  afterAll(() => t.close());

  it('refuses a password change once the client IP has used up its login attempts', async () => {
    const user = await createUser(t);
    const { access } = await obtainPair(t, user); // from the test's own address, not `ip`
    const ip = freshIp();
    const login = () =>
      t.http
        .post('/api/token/')
        .set('X-Forwarded-For', ip)
        .send({ username: user.username, password: 'wrong' });
    expect((await login()).status).toBe(401);
    expect((await login()).status).toBe(401);
    const change = await t.http
      .post('/api/users/me/password/')
      .set('X-Forwarded-For', ip)
      .set('Authorization', `Bearer ${access}`)
      .send({ old_password: 'guess-1', new_password: 'a-new-password-1' });
    expectThrottled(change, 'login');
  });
});
