import { existsSync } from 'node:fs';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { SecurityEventsService } from '../src/security-events/security-events.service';
import { createTestApp, TestApp } from './utils/create-test-app';
import { createUser, decodeClaims, TestUser } from './utils/factories';
import { BOOT_TIMEOUT } from './utils/mfa-helpers';
import { describeUnless } from './utils/skip';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * The origin the browser is at. WebAuthn needs a secure context (localhost counts) and the server checks
 * the origin it signs (WEBAUTHN_ORIGINS), so the page is opened here and every request to it is handed
 * to the test app, whatever port that listens on.
 */
const ORIGIN = 'http://localhost:4173';
const describeWithBrowser = describeUnless(
  'mfa-passkeys.e2e-spec',
  !existsSync(CHROMIUM) && `no browser at ${CHROMIUM} (apt-get install chromium to run it)`,
);

interface Answer {
  status: number;
  body: Record<string, unknown> | null;
}
/** What the page's script and browser give (the test is compiled without the DOM's types). */
interface BastionPage {
  bastion: {
    login(u: string, p: string): Promise<Answer>;
    addPasskey(access: string, password: string, name: string): Promise<Answer>;
  };
  PublicKeyCredential: { parseRequestOptionsFromJSON(options: unknown): unknown };
  navigator: { credentials: { get(o: { publicKey: unknown }): Promise<{ toJSON(): unknown }> } };
}

/** Passkeys for real: Chromium with a virtual authenticator (DevTools' WebAuthn domain) on the served page. */
describeWithBrowser('passkeys in a real browser (chromium, virtual authenticator)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let cdp: CDPSession;
  let authenticatorId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    // The page's origin is a browser origin the API serves (CORS_ORIGINS): token routes refuse any other.
    t = await createTestApp(
      { WEBAUTHN_RP_ID: 'localhost', WEBAUTHN_ORIGINS: ORIGIN, CORS_ORIGINS: ORIGIN },
      { listen: true },
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.route(`${ORIGIN}/**`, async (route) => {
      const url = new URL(route.request().url());
      await route.fulfill({ response: await route.fetch({ url: `${t.url}${url.pathname}${url.search}` }) });
    });
    cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'usb',
        hasResidentKey: false,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    }));
    await page.goto(`${ORIGIN}/docs/mfa/`);
    await page.waitForFunction(() => 'bastion' in globalThis);
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const login = (u: TestUser) =>
    page.evaluate(
      ([n, p]) => (globalThis as unknown as BastionPage).bastion.login(n, p),
      [u.username, u.password],
    );
  const add = (access: string, u: TestUser) =>
    page.evaluate(
      ([a, p]) => (globalThis as unknown as BastionPage).bastion.addPasskey(a, p, 'Virtual key'),
      [access, u.password],
    );

  it('registers a passkey (password again), then logs in with it as the second step', async () => {
    const u = await createUser(t);
    const plain = await login(u);
    expect(plain.status).toBe(200);
    const wrong = await page.evaluate(
      ([a]) => (globalThis as unknown as BastionPage).bastion.addPasskey(a, 'wrong', 'x'),
      [plain.body!.access as string],
    );
    expect(wrong).toEqual({ status: 400, body: { password: ['Wrong password.'] } });

    const added = await add(plain.body!.access as string, u);
    expect(added.status).toBe(200);
    expect(added.body!.recovery_codes).toHaveLength(10);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);

    const first = await t.http
      .post('/api/token/')
      .send({ username: u.username, password: u.password })
      .expect(401);
    expect(first.body).toMatchObject({ code: 'mfa_required', methods: ['webauthn', 'recovery_code'] });
    expect((first.body as { webauthn: { rpId: string } }).webauthn.rpId).toBe('localhost');

    const both = await login(u); // the page: password, then navigator.credentials.get()
    expect(both.status).toBe(200);
    expect(decodeClaims(both.body!.access as string).user_id).toBe(u.id);
    expect(
      (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials[0].signCount,
    ).toBeGreaterThan(0);
    const enrolled = await t.app
      .get(SecurityEventsService)
      .page({ userId: u.id, type: 'mfa_enrolled' }, 10, 0);
    expect(enrolled.events.map((e) => e.detail)).toEqual(['webauthn']);
    expect(pageErrors).toEqual([]);
  });

  it('refuses an assertion for another login’s challenge, and a replayed one', async () => {
    const u = await createUser(t);
    const plain = await login(u);
    expect((await add(plain.body!.access as string, u)).status).toBe(200);
    // an assertion made for one mfa_token's challenge, sent with another mfa_token
    const stolen = await page.evaluate(
      async ([n, p]) => {
        const post = (path: string, body: unknown) =>
          fetch(path, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
        const a = await post('/api/token/', { username: n, password: p });
        const b = await post('/api/token/', { username: n, password: p });
        const w = globalThis as unknown as BastionPage;
        const options = w.PublicKeyCredential.parseRequestOptionsFromJSON(a.body.webauthn);
        const json = (await w.navigator.credentials.get({ publicKey: options })).toJSON();
        const crossed = await post('/api/token/mfa/', { mfa_token: b.body.mfa_token, webauthn: json });
        const right = await post('/api/token/mfa/', { mfa_token: a.body.mfa_token, webauthn: json });
        const c = await post('/api/token/', { username: n, password: p });
        const replayed = await post('/api/token/mfa/', { mfa_token: c.body.mfa_token, webauthn: json });
        return [crossed.status, right.status, replayed.status];
      },
      [u.username, u.password],
    );
    expect(stolen).toEqual([401, 200, 401]);
  });
});
