/**
 * Passkeys in the real Chromium with a virtual authenticator (CDP WebAuthn): a demo patient adds one in Settings, signs
 * out, signs back in with it (no password) and removes it; the same for a clinician on the Account screen. The app is
 * opened at http://localhost: an IP address cannot be a WebAuthn relying party id.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen, launchBrowser, PHONE } from './browser.ts';
import { startServer, type DemoAccount, type RunningServer } from './server.ts';

describe('passkeys', () => {
  let server: RunningServer;
  let browser: Browser;
  let baseURL: string;

  beforeAll(async () => {
    server = await startServer({ name: 'passkeys', demo: true, env: { AFTERCARE_LOGIN_RATE_LIMIT: '1000' } });
    baseURL = server.baseUrl.replace('127.0.0.1', 'localhost');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  function account(role: string): DemoAccount {
    const found = server.accounts.find((a) => a.role === role);
    if (found === undefined) {
      throw new Error(`no demo ${role}`);
    }
    return found;
  }

  /** A phone-sized page with a platform authenticator that holds passkeys and checks the user (as a phone does). */
  async function phoneWithAuthenticator(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL, viewport: PHONE, locale: 'en-US', timezoneId: 'UTC' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    return { context, page };
  }

  async function signInWithPassword(page: Page, who: DemoAccount): Promise<void> {
    await page.goto('/');
    await page.getByLabel('E-mail').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  }

  /** Adds a passkey on the screen showing the Passkeys card, signs out, and signs back in with it alone. */
  async function addSignOutAndBackIn(page: Page, label: string): Promise<void> {
    const card = page.locator('section.passkeys');
    await card.getByText('You have no passkeys yet.').waitFor();
    await card.getByLabel('Name for this passkey').fill(label);
    await card.getByRole('button', { name: 'Add a passkey' }).click();
    await card.getByText('Your passkey is ready.').waitFor();
    await card.getByText(label, { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await page.getByRole('button', { name: 'Use a passkey instead' }).click();
    // Signed in: the sign-in form is gone (no password was typed).
    await page.getByLabel('E-mail').waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  }

  async function removeOnly(page: Page, label: string): Promise<void> {
    const card = page.locator('section.passkeys');
    await card.getByText(label, { exact: true }).waitFor();
    await card.getByText(/Last used/).waitFor();
    await card.getByRole('button', { name: `Remove ${label}` }).click();
    await card.getByText('The passkey is gone.', { exact: false }).waitFor();
    await card.getByText('You have no passkeys yet.').waitFor();
  }

  it('lets a patient add a passkey in Settings, sign in with it alone, and remove it', async () => {
    const patient = account('patient');
    const { context, page } = await phoneWithAuthenticator();
    await signInWithPassword(page, patient);
    await page.goto('/#/settings');
    await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
    await checkScreen(page, 'settings with passkeys');
    await addSignOutAndBackIn(page, 'My phone');

    const me: unknown = await page.evaluate(async () => (await fetch('/api/v1/me')).json() as Promise<unknown>);
    expect(me).toMatchObject({ user: { email: patient.email, role: 'patient' } });
    await page.goto('/#/settings');
    await removeOnly(page, 'My phone');

    // A passkey that is gone cannot sign in any more.
    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await page.getByRole('button', { name: 'Use a passkey instead' }).click();
    await page.getByText('That did not work.', { exact: false }).waitFor();
    await checkScreen(page, 'sign-in with a passkey refused');
    await context.close();
  });

  it('lets a clinician add a passkey on the Account screen, sign in with it alone, and remove it', async () => {
    const clinician = account('clinician');
    const { context, page } = await phoneWithAuthenticator();
    await signInWithPassword(page, clinician);
    await page.goto('/#/account');
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    await addSignOutAndBackIn(page, 'Ward laptop');

    await page.goto('/#/account');
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    await removeOnly(page, 'Ward laptop');
    await context.close();
  });
});
