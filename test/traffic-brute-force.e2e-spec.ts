import { createTestApp, TestApp } from './utils/create-test-app';
import { createUser, TestUser } from './utils/factories';
import { freshIp, sleep, storages, TRUST_LOCAL } from './utils/traffic-helpers';

const WRONG_PASSWORD_BODY = { detail: 'No active account found with the given credentials' };

describe.each(storages())('brute-force defence on login (%s storage)', (_name, storageEnv) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BRUTE_FORCE_ENABLED: 'true', ...TRUST_LOCAL, ...storageEnv });
  });
  afterAll(() => t.close());

  const login = (u: { username: string; password: string }, ip: string, path = '/api/token/') =>
    t.http.post(path).set('X-Forwarded-For', ip).send({ username: u.username, password: u.password });

  async function fail(u: TestUser, ip: string, times: number): Promise<void> {
    for (let i = 0; i < times; i++) {
      const res = await login({ username: u.username, password: `wrong-${i}` }, ip);
      expect({ status: res.status, body: res.body as unknown }).toEqual({
        status: 401,
        body: WRONG_PASSWORD_BODY,
      });
    }
  }

  it('backs one IP off after 5 failures, answering exactly like a wrong password, while the owner logs in elsewhere', async () => {
    const user = await createUser(t);
    const attacker = freshIp();
    await fail(user, attacker, 5);
    const refused = await login(user, attacker);
    const wrong = await login({ username: user.username, password: 'nope' }, freshIp());
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(wrong.body);
    expect(refused.headers['www-authenticate']).toBe(wrong.headers['www-authenticate']);
    expect(refused.headers['content-type']).toBe(wrong.headers['content-type']);
    // the owner, from another IP, is not locked out (also through the sliding login)
    expect((await login(user, freshIp())).status).toBe(200);
    expect((await login(user, freshIp(), '/api/token/sliding/')).status).toBe(200);
    // the refusal lasts 1 s after the 5th failure; then a success resets the count
    await sleep(1100);
    expect((await login(user, attacker)).status).toBe(200);
    await fail(user, attacker, 4);
    expect((await login(user, attacker)).status).toBe(200);
  });

  it('doubles the refusal window at each further failure', async () => {
    const user = await createUser(t);
    const ip = freshIp();
    await fail(user, ip, 5);
    await sleep(1100);
    await fail(user, ip, 1); // 6th failure: 2 s
    await sleep(1100);
    expect((await login(user, ip)).status).toBe(401);
    await sleep(1000);
    expect((await login(user, ip)).status).toBe(200);
  });

  it('refuses the 101st failure within an hour, from any IP, even with the right password', async () => {
    const user = await createUser(t);
    for (let i = 0; i < 24; i++) await fail(user, freshIp(), 4);
    await fail(user, freshIp(), 3);
    expect((await login(user, freshIp())).status).toBe(200); // 99 failures: still open
    await fail(user, freshIp(), 1); // the 100th
    const res = await login(user, freshIp());
    expect({ status: res.status, body: res.body as unknown }).toEqual({
      status: 401,
      body: WRONG_PASSWORD_BODY,
    });
  });
});

describe('brute-force defence switched off', () => {
  it('BRUTE_FORCE_ENABLED=false never refuses the right password', async () => {
    const t = await createTestApp({ ...TRUST_LOCAL });
    try {
      const user = await createUser(t);
      const ip = freshIp();
      for (let i = 0; i < 6; i++) {
        await t.http
          .post('/api/token/')
          .set('X-Forwarded-For', ip)
          .send({ username: user.username, password: 'bad' });
      }
      expect((await t.http.post('/api/token/').set('X-Forwarded-For', ip).send(user)).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
