/**
 * Security in a real browser, on its own server loaded with `aftercare demo`: the admin's Account screen (password
 * change) and audit trail with filters at 360 px; the patient's "who looked at my record" page, download link and
 * record deletion with a confirm step; and a cross-site form post refused by the origin check.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen, launchBrowser, newPhone } from './browser.ts';
import { startServer, type DemoAccount, type RunningServer } from './server.ts';

describe('security screens', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ name: 'security', demo: true, env: { AFTERCARE_LOGIN_RATE_LIMIT: '1000' } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  async function newContext(baseURL = server.baseUrl): Promise<BrowserContext> {
    return newPhone(browser, { baseURL, acceptDownloads: true });
  }

  function account(role: string): DemoAccount {
    const found = server.accounts.find((a) => a.role === role);
    if (found === undefined) {
      throw new Error(`no demo ${role}`);
    }
    return found;
  }

  async function signIn(page: Page, who: DemoAccount): Promise<void> {
    await page.goto('/');
    await page.getByLabel('E-mail').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('gives the admin an Account screen with a password change, and the audit trail with filters', async () => {
    const admin = account('admin');
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, admin);
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();

    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    await checkScreen(page, 'account');
    await page.getByLabel('Your password now').fill(admin.password);
    await page.getByLabel('New password').fill('Password1234');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page
      .getByText(/too common/)
      .first()
      .waitFor();
    await page.getByLabel('Your password now').fill(admin.password);
    await page.getByLabel('New password').fill('quiet harbour at dawn');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed.', { exact: false }).waitFor();
    admin.password = 'quiet harbour at dawn';

    await page.getByRole('link', { name: 'See the audit trail' }).click();
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    const rows = page.locator('.audit-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(3);
    await checkScreen(page, 'audit trail');

    await page.getByLabel('Action').fill('account.password.change');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(async () => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('account.password.change');
    await context.close();
  });

  it('shows the patient who looked at their record, offers the download, and deletes it after a confirm step', async () => {
    const patient = account('patient');
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, patient);
    // Signing in lands on Today (and sets the address): only then go elsewhere.
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1 }).first().waitFor();

    await page.goto('/#/who-looked');
    await page.getByRole('heading', { name: 'Who looked at your record', level: 1 }).waitFor();
    const entries = page.locator('.access-log li');
    await entries.first().waitFor();
    expect(await page.locator('.access-log').textContent()).toMatch(/\(care team\)|\(administrator\)|You /);
    await checkScreen(page, 'who looked');

    const download = page.getByRole('link', { name: 'Download everything we keep' });
    expect(await download.getAttribute('href')).toBe(`/api/v1/patients/${patient.patientId ?? ''}/download`);
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toMatch(/^aftercare-record-\d{4}-\d{2}-\d{2}\.json$/);

    await page.getByRole('button', { name: 'Delete the record' }).click();
    await page.getByRole('heading', { name: 'Are you sure?' }).waitFor();
    await page.getByLabel('Type your password to confirm').fill('not my password at all');
    await page.getByRole('button', { name: 'Yes, delete it for good' }).click();
    await page.getByText('Nothing was deleted', { exact: false }).first().waitFor();
    await page.getByLabel('Type your password to confirm').fill(patient.password);
    await page.getByRole('button', { name: 'Yes, delete it for good' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();

    await signIn(page, patient);
    await page.getByText('That e-mail and password do not match an account.').waitFor();
    await context.close();
  });

  it('refuses a form posted from another website', async () => {
    // A page of another site (served by the browser's test routing) posts a form to Aftercare.
    const context = await newContext();
    await context.route('https://evil.example/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><body><form method="post" action="${server.baseUrl}/api/v1/auth/logout"></form></body></html>`,
      }),
    );
    const page = await context.newPage();
    await page.goto('https://evil.example/');
    await Promise.all([
      page.waitForURL(`${server.baseUrl}/api/v1/auth/logout`),
      page.evaluate(() => {
        document.querySelector('form')?.submit();
      }),
    ]);
    expect(await page.locator('body').textContent()).toContain('CARE_ERR_CROSS_SITE');
    await context.close();
  });
});
