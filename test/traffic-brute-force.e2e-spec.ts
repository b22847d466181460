import { createTestApp, TestApp } from './utils/create-test-app';
import { createUser, TestUser } from './utils/factories';
import { loopback, RawResponse, requestFrom } from './utils/loopback-client';
import { sleep, storages } from './utils/traffic-helpers';

const WRONG_PASSWORD = {
  status: 401,
  body: { detail: 'No active account found with the given credentials' },
};
const DEVICE_COOKIE =
  /^(bastion_device_[\w-]{16})=([^;]+); Max-Age=\d+; Path=\/api\/token; Secure; HttpOnly; SameSite=Strict$/;

/**
 * The failed-login defence, from real distinct clients (loopback source addresses, no proxy headers).
 * Unknown clients of an account are backed off together; a client the owner logged in from before
 * (its device token) keeps an allowance of its own, so no number of guessers locks the owner out.
 */
describe.each(storages())('brute-force defence without victim lockout (%s storage)', (_name, storageEnv) => {
  let t: TestApp;
  let fast: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BRUTE_FORCE_ENABLED: 'true', ...storageEnv }, { listen: true });
    fast = await createTestApp(
      {
        BRUTE_FORCE_ENABLED: 'true',
        BRUTE_FORCE_BASE_DELAY: '1s',
        BRUTE_FORCE_MAX_DELAY: '2s',
        ...storageEnv,
      },
      { listen: true },
    );
  });
  afterAll(async () => {
    await t?.close();
    await fast?.close();
  });

  const login = (
    app: TestApp,
    from: string,
    u: { username: string; password: string },
    headers: Record<string, string> = {},
    path = '/api/token/',
  ): Promise<RawResponse> =>
    requestFrom(app.url, from, 'POST', path, {
      body: { username: u.username, password: u.password },
      headers,
    });

  const verdict = (r: RawResponse) => ({ status: r.status, body: r.body });

  async function fail(app: TestApp, u: TestUser, from: string, times: number, headers = {}): Promise<void> {
    for (let i = 0; i < times; i++) {
      expect(verdict(await login(app, from, { ...u, password: `wrong-${i}` }, headers))).toEqual(
        WRONG_PASSWORD,
      );
    }
  }

  it('after 100 failures from 20 addresses the owner’s earlier client logs in at once; unknown clients are refused like a wrong password', async () => {
    const user = await createUser(t);
    const first = await login(t, loopback(0), user);
    expect(first.status).toBe(200);
    const device = first.headers['x-device-token'] as string;
    expect(device).toMatch(/^[\w-]{22}\.\d+\.[\w-]{43}$/);
    const cookie = ([first.headers['set-cookie']].flat() as string[]).find((c) => DEVICE_COOKIE.test(c));
    const [, cookieName, cookieValue] = DEVICE_COOKIE.exec(cookie ?? '') ?? [];
    expect(cookieValue).toBe(device);

    for (let a = 1; a <= 20; a++) await fail(t, user, loopback(a), 5);

    // an unknown client, even with the right password: refused, exactly like a wrong password
    const refused = await login(t, loopback(21), user);
    const wrong = await login(t, loopback(22), { ...user, password: 'nope' });
    expect(verdict(refused)).toEqual(WRONG_PASSWORD);
    expect(refused.headers['www-authenticate']).toBe(wrong.headers['www-authenticate']);
    expect(refused.headers['content-type']).toBe(wrong.headers['content-type']);
    expect(refused.headers['x-device-token']).toBeUndefined();

    // the owner's earlier client: by header (API client), by cookie (browser), from its usual address or another
    expect((await login(t, loopback(0), user, { 'X-Device-Token': device })).status).toBe(200);
    expect((await login(t, loopback(0), user, { Cookie: `${cookieName}=${device}` })).status).toBe(200);
    expect(
      (await login(t, loopback(23), user, { 'X-Device-Token': device }, '/api/token/sliding/')).status,
    ).toBe(200);
    // its token is bound to the account, and a forged one is an unknown client
    const other = await createUser(t);
    const forged = `${device.slice(0, -1)}${device.endsWith('A') ? 'B' : 'A'}`; // never the token itself
    expect(verdict(await login(t, loopback(0), user, { 'X-Device-Token': forged }))).toEqual(WRONG_PASSWORD);
    for (let a = 1; a <= 5; a++) await fail(t, other, loopback(a), 1);
    expect(verdict(await login(t, loopback(0), other, { 'X-Device-Token': device }))).toEqual(WRONG_PASSWORD);
  });

  it('backs unknown clients off per account: doubling from BRUTE_FORCE_BASE_DELAY, capped at BRUTE_FORCE_MAX_DELAY', async () => {
    const user = await createUser(fast);
    for (let a = 0; a < 5; a++) await fail(fast, user, loopback(a), 1); // five addresses, one guess each
    expect(verdict(await login(fast, loopback(5), user))).toEqual(WRONG_PASSWORD); // refused for 1 s
    await sleep(1100);
    expect((await login(fast, loopback(5), user)).status).toBe(200); // a success resets the streak
    await fail(fast, user, loopback(6), 5);
    await sleep(1100);
    await fail(fast, user, loopback(7), 1); // 6th: 2 s
    await sleep(1100);
    expect(verdict(await login(fast, loopback(8), user))).toEqual(WRONG_PASSWORD);
    await sleep(1000);
    await fail(fast, user, loopback(7), 1); // 7th: capped at 2 s, not 4
    await sleep(2100);
    expect((await login(fast, loopback(8), user)).status).toBe(200);
  });

  it('a known device that guesses is backed off on its own, without touching the account’s other clients', async () => {
    const user = await createUser(fast);
    const device = (await login(fast, loopback(0), user)).headers['x-device-token'] as string;
    const mine = { 'X-Device-Token': device };
    await fail(fast, user, loopback(0), 5, mine);
    expect(verdict(await login(fast, loopback(0), user, mine))).toEqual(WRONG_PASSWORD);
    expect((await login(fast, loopback(1), user)).status).toBe(200); // unknown clients: their own streak
    await sleep(1100);
    const again = await login(fast, loopback(0), user, mine);
    expect(again.status).toBe(200);
    expect((again.headers['x-device-token'] as string).split('.')[0]).toBe(device.split('.')[0]); // same device, renewed
  });
});

describe('brute-force defence switched off', () => {
  it('BRUTE_FORCE_ENABLED=false never refuses the right password and hands out no device token', async () => {
    const t = await createTestApp({}, { listen: true });
    try {
      const user = await createUser(t);
      for (let i = 0; i < 6; i++)
        await requestFrom(t.url, loopback(0), 'POST', '/api/token/', {
          body: { username: user.username, password: 'bad' },
        });
      const res = await requestFrom(t.url, loopback(0), 'POST', '/api/token/', { body: user });
      expect(res.status).toBe(200);
      expect(res.headers['x-device-token']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
