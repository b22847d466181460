import { Response } from 'supertest';
import { CROSS_SITE_REFUSED } from '../src/auth/cross-site.guard';
import { createTestApp, TestApp } from './utils/create-test-app';
import { createUser, TestUser } from './utils/factories';
import { freshIp, TRUST_LOCAL } from './utils/traffic-helpers';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example';
const REFUSED = { detail: CROSS_SITE_REFUSED, code: 'permission_denied' };
const WRONG = { detail: 'No active account found with the given credentials' };
const setCookies = (res: Response): string[] => [res.headers['set-cookie'] ?? []].flat();
/** `name=value` of each device cookie the answer sets. */
const deviceCookies = (res: Response) =>
  setCookies(res)
    .filter((c) => c.startsWith('bastion_device'))
    .map((c) => c.split(';')[0]);

/**
 * Login cannot be forged from another site (src/auth/cross-site.guard.ts): the token endpoints set cookies
 * (device cookie; refresh cookie in cookie mode), so a browser's cross-site request is refused before any
 * password check, whatever its body; clients that send no Origin / Sec-Fetch-Site (curl, servers, DRF-style
 * form posts) work as before. Device cookies are one per account, so no login replaces another account's.
 */
describe('cross-site login refused, device cookies one per account', () => {
  let t: TestApp;
  let victim: TestUser;
  let attacker: TestUser;
  const form = (u: TestUser, headers: Record<string, string> = {}) =>
    t.http
      .post('/api/token/')
      .set({ 'X-Forwarded-For': freshIp(), ...headers })
      .type('form')
      .send(new URLSearchParams({ username: u.username, password: u.password }).toString());

  beforeAll(async () => {
    t = await createTestApp({
      ...TRUST_LOCAL,
      CORS_ORIGINS: APP,
      JWT_REFRESH_COOKIE: 'true',
      BRUTE_FORCE_ENABLED: 'true',
    });
    victim = await createUser(t);
    attacker = await createUser(t);
  });
  afterAll(() => t.close());

  it.each([
    ['a form with a foreign Origin', { Origin: EVIL }],
    ['a form marked cross-site by the browser', { 'Sec-Fetch-Site': 'cross-site' }],
    [
      'a form from a sibling site not in CORS_ORIGINS',
      { Origin: 'https://blog.example.com', 'Sec-Fetch-Site': 'same-site' },
    ],
    ['a form from a sandboxed frame (Origin: null)', { Origin: 'null' }],
  ])('%s: 403 in the contract shape, no cookie set', async (_name, headers) => {
    const res = await form(attacker, headers).expect(403);
    expect(res.body).toEqual(REFUSED);
    expect(setCookies(res)).toEqual([]);
  });

  it('refuses a multipart body and the sliding login from a foreign Origin too', async () => {
    const multipart = await t.http
      .post('/api/token/')
      .set({ Origin: EVIL, 'X-Forwarded-For': freshIp() })
      .field('username', attacker.username)
      .field('password', attacker.password)
      .expect(403);
    expect(setCookies(multipart)).toEqual([]);
    const sliding = await t.http
      .post('/api/token/sliding/')
      .set({ Origin: EVIL, 'X-Forwarded-For': freshIp() })
      .send({ username: attacker.username, password: attacker.password })
      .expect(403);
    expect(sliding.body).toEqual(REFUSED);
  });

  it.each([
    ['no Origin, no Sec-Fetch-Site (curl, a server, a DRF form client)', {}],
    ['an Origin in CORS_ORIGINS', { Origin: APP, 'Sec-Fetch-Site': 'same-site' }],
    [
      'Sec-Fetch-Site: same-origin',
      { Origin: 'https://bastion.example.com', 'Sec-Fetch-Site': 'same-origin' },
    ],
    [
      'an older browser on the same host (Origin names the Host)',
      { Origin: 'http://bastion.test', Host: 'bastion.test' },
    ],
  ])('control: %s logs in and gets its cookies', async (_name, headers) => {
    const res = await form(victim, headers).expect(200);
    expect(deviceCookies(res)).toHaveLength(1);
    expect(setCookies(res).some((c) => c.startsWith('bastion_refresh='))).toBe(true);
  });

  it("after the attacker's cross-site attempts and guesses, the victim's device cookie still lets them in", async () => {
    const first = await form(victim, { Origin: APP }).expect(200);
    const [victimCookie] = deviceCookies(first);
    expect(victimCookie).toMatch(/^bastion_device_[\w-]{16}=[\w-]{22}\.\d+\.[\w-]{43}$/);

    // The attacker's own login, from a page of theirs: refused, so no cookie of theirs is planted.
    await form(attacker, { Origin: EVIL }).expect(403);
    // Even where it may log in (same site), its device cookie has its own name: it sits beside the victim's.
    const [attackerCookie] = deviceCookies(await form(attacker, { Origin: APP }).expect(200));
    expect(attackerCookie.split('=')[0]).not.toBe(victimCookie.split('=')[0]);

    // Guesses at the victim's password from 8 addresses back unknown clients off ...
    for (let i = 0; i < 8; i++) {
      const res = await form({ ...victim, password: `guess-${i}` });
      expect(res.status).toBe(401);
    }
    expect((await form(victim)).body).toEqual(WRONG); // an unknown client: refused though right
    // ... but the victim's browser, sending both cookies, gets in.
    const back = await form(victim, { Origin: APP, Cookie: `${attackerCookie}; ${victimCookie}` });
    expect(back.status).toBe(200);
  });
});
