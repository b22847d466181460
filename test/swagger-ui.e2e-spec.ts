import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, TestApp } from './utils/create-test-app';
import { describeUnless } from './utils/skip';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
/** Served over plain HTTP under a name that is not localhost, like a deployment behind a TLS gateway. */
const HOST = 'bastion.test';
const describeWithBrowser = describeUnless(
  'swagger-ui.e2e-spec',
  !haveChromium && `no browser at ${CHROMIUM} (apt-get install chromium to run it)`,
);

/**
 * A person in a real browser, with the documented examples as they are: register (bob), log in with "Try it
 * out", Authorize with the access token, call /api/secure/.
 */
describeWithBrowser('Swagger UI in a real browser (chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    t = await createTestApp({}, { listen: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        // a non-localhost name over plain HTTP, as a deployment is reached (localhost gets browser leniency)
        `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
      ],
    });
    page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The operation block of one endpoint, e.g. ('post', '/api/token/'). */
  const operation = (method: string, path: string) =>
    page
      .locator(`.opblock-${method}`)
      .filter({ has: page.locator(`[data-path="${path}"]`) })
      .first();

  it('registers and logs in with the examples as they are, authorizes and calls GET /api/secure/', async () => {
    await page.goto(`${t.url.replace('127.0.0.1', HOST)}/docs`);
    await page.locator('.swagger-ui .info .title').waitFor({ timeout: 20_000 });

    const register = operation('post', '/api/users/');
    await register.locator('.opblock-summary').click();
    await register.getByRole('button', { name: 'Try it out' }).click();
    await register.getByRole('button', { name: 'Execute' }).click();
    const registered = register.locator('.live-responses-table .response .response-col_status').first();
    await registered.waitFor({ timeout: 15_000 });
    // 201; on a shared PostgreSQL an earlier run may have registered bob with the same example already.
    expect(await registered.textContent()).toMatch(/201|400/);

    const obtain = operation('post', '/api/token/');
    await obtain.locator('.opblock-summary').click();
    await obtain.getByRole('button', { name: 'Try it out' }).click();
    await obtain.getByRole('button', { name: 'Execute' }).click();
    const responseBody = obtain.locator('.live-responses-table .response .microlight').first();
    await responseBody.waitFor({ timeout: 15_000 });
    const tokens = JSON.parse((await responseBody.textContent()) ?? '{}') as { access?: string };
    expect(tokens.access).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    await page.locator('.auth-wrapper .authorize').first().click();
    const dialog = page.locator('.dialog-ux .modal-ux');
    await dialog
      .locator('input[type=text], input[type=password]')
      .first()
      .fill(tokens.access as string);
    await dialog.locator('button.modal-btn.authorize').first().click();
    await dialog.locator('button.btn-done').first().click();

    const secure = operation('get', '/api/secure/');
    await secure.locator('.opblock-summary').click();
    await secure.getByRole('button', { name: 'Try it out' }).click();
    await secure.getByRole('button', { name: 'Execute' }).click();
    const secureBody = secure.locator('.live-responses-table .response .microlight').first();
    await secureBody.waitFor({ timeout: 15_000 });
    expect(JSON.parse((await secureBody.textContent()) ?? '{}')).toEqual({
      message: 'This is a secure endpoint.',
    });
    expect(
      await secure.locator('.live-responses-table .response .response-col_status').first().textContent(),
    ).toContain('200');
    expect(pageErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  });
});
