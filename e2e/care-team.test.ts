/**
 * The care team's side in a real browser, independent of foundation.test.ts: its own server (`aftercare start`) on
 * its own SQLite file loaded with `aftercare demo`. The dashboard's order, an emergency check-in appearing on an
 * open dashboard without a reload, acknowledge and resolve, the patient record with a message, and disabling an
 * account; axe and 360 px on each new screen.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen, launchBrowser, newPhone, signInWithPassword } from './browser.ts';
import { startServer, type DemoAccount, type RunningServer } from './server.ts';

/** The patient's app, as an HTTP client: sign in, then send a check-in. */
async function sendCheckIn(baseUrl: string, account: DemoAccount, text: string): Promise<void> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const sent = await fetch(`${baseUrl}/api/v1/patients/${account.patientId ?? ''}/check-ins`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ language: 'en', text }),
  });
  expect(sent.status).toBe(201);
}

/** The patient names on the dashboard, top to bottom. */
async function dashboardOrder(page: Page): Promise<string[]> {
  return page.locator('.dashboard-list > li h3').allTextContents();
}

async function signIn(page: Page, account: DemoAccount): Promise<void> {
  await signInWithPassword(page, account);
  await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
}

describe('the care team in the browser', () => {
  let server: RunningServer;
  let baseUrl: string;
  let accounts: DemoAccount[];
  let browser: Browser;
  let clinician: BrowserContext;
  let page: Page;
  const account = (pick: (a: DemoAccount) => boolean): DemoAccount => {
    const found = accounts.find(pick);
    if (found === undefined) {
      throw new Error('demo account missing');
    }
    return found;
  };
  const alex = () => account((a) => a.email.startsWith('alex.rivera.'));

  beforeAll(async () => {
    server = await startServer({ name: 'care-team', demo: true, env: { AFTERCARE_LOGIN_RATE_LIMIT: '1000' } });
    baseUrl = server.baseUrl;
    accounts = server.accounts;

    browser = await launchBrowser();
    clinician = await newContext();
    page = await clinician.newPage();
  });

  async function newContext(): Promise<BrowserContext> {
    return newPhone(browser, { baseURL: baseUrl });
  }

  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  it('orders the dashboard by need, with words beside the colours and the alert to act on', async () => {
    await signIn(
      page,
      account((a) => a.role === 'clinician'),
    );
    await page.locator('.dashboard-list > li').first().waitFor();
    // María has an open "call today" alert (fever); Alex (day 1) and Sam (day 20) are doing well.
    expect(await dashboardOrder(page)).toEqual(['María López', 'Alex Rivera', 'Sam Okafor']);
    const maria = page.getByRole('listitem').filter({ hasText: 'María López' });
    expect(await maria.textContent()).toContain('Call today');
    expect(await maria.textContent()).toContain('Day 6');
    // A trend with a text alternative.
    await page
      .getByRole('img', { name: /^Last \d+: / })
      .first()
      .waitFor();
    // The alerts panel shows her own words.
    await page.locator('.alerts-panel').getByText('Tengo escalofríos y me siento débil.').waitFor();
    await page.getByText('Live: this list updates by itself.').waitFor();
    await checkScreen(page, 'dashboard');

    // Search and filter.
    await page.getByLabel('Search by name').fill('sam');
    await expect.poll(() => dashboardOrder(page)).toEqual(['Sam Okafor']);
    await page.getByLabel('Search by name').fill('');
    await page.getByLabel('Show').selectOption('contact-provider');
    await expect.poll(() => dashboardOrder(page)).toEqual(['María López']);
    await page.getByLabel('Show').selectOption('all');
    await expect.poll(() => dashboardOrder(page)).toEqual(['María López', 'Alex Rivera', 'Sam Okafor']);
  });

  it('shows a patient’s emergency check-in on the open dashboard without a reload', async () => {
    await page.evaluate(() => {
      (window as unknown as { stillThisPage: boolean }).stillThisPage = true;
    });
    await sendCheckIn(baseUrl, alex(), 'Blood is soaking through my bandage and I feel dizzy');
    await expect
      .poll(() => dashboardOrder(page), { timeout: 10_000 })
      .toEqual(['Alex Rivera', 'María López', 'Sam Okafor']);
    const row = page.getByRole('listitem').filter({ hasText: 'Alex Rivera' });
    expect(await row.textContent()).toContain('1 emergency');
    await page.getByRole('status').filter({ hasText: 'New alert for Alex Rivera.' }).waitFor({ state: 'attached' });
    expect(await page.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(true);
    await checkScreen(page, 'dashboard with an emergency');
  });

  it('acknowledges the alert with a note, then resolves it', async () => {
    const card = page.locator('.alert-card').filter({ hasText: 'Alex Rivera' });
    await card.getByText('Blood is soaking through my bandage and I feel dizzy').first().waitFor();
    await card.getByLabel('Note: what you did or will do').fill('Called Alex: going to the emergency room.');
    await card.getByRole('button', { name: 'Acknowledge the alert for Alex Rivera' }).click();
    await card.getByText(/^Acknowledged by Dr Robin Demo at /).waitFor();
    await card.getByText('Called Alex: going to the emergency room.').waitFor();
    // Acknowledged is not resolved: Alex stays at the top.
    expect((await dashboardOrder(page))[0]).toBe('Alex Rivera');
    await checkScreen(page, 'acknowledged alert');

    await card.getByRole('button', { name: 'Resolve the alert for Alex Rivera' }).click();
    await expect.poll(() => card.count()).toBe(0);
    await expect.poll(() => dashboardOrder(page)).toEqual(['María López', 'Alex Rivera', 'Sam Okafor']);
  });

  it('opens the patient record: charts, timeline, and a message to the patient', async () => {
    await page.getByRole('link', { name: 'Alex Rivera' }).first().click();
    await page.getByRole('heading', { name: 'Alex Rivera', level: 1 }).waitFor();
    await page.getByRole('img', { name: /^Pain \(0 to 10\) at each check-in/ }).waitFor();
    const timeline = page.locator('.timeline');
    await timeline.getByText('Emergency: resolved').waitFor();
    await timeline.getByText(/Get emergency care now\. .*Blood is soaking/).waitFor();
    await page.getByText('Messages are not for emergencies. In an emergency the patient should call 911.').waitFor();
    await page.getByLabel('Message to Alex Rivera').fill('Please rest today and call us if it bleeds again.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.thread').getByText('Please rest today and call us if it bleeds again.').waitFor();
    await checkScreen(page, 'patient record');
  });

  it('lets an admin disable a clinician, whose session ends at once, and enable them again', async () => {
    const admin = await newContext();
    const adminPage = await admin.newPage();
    await signIn(
      adminPage,
      account((a) => a.role === 'admin'),
    );
    await adminPage.getByRole('link', { name: 'Care team' }).click();
    await adminPage.getByRole('heading', { name: 'Care team', level: 1 }).waitFor();
    await checkScreen(adminPage, 'care team members');

    adminPage.once('dialog', (dialog) => void dialog.accept());
    await adminPage.getByRole('button', { name: 'Disable Dr Robin Demo' }).click();
    await adminPage
      .getByRole('status')
      .filter({ hasText: 'Dr Robin Demo is disabled and signed out everywhere.' })
      .waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    await adminPage.getByRole('button', { name: 'Enable Dr Robin Demo' }).click();
    await adminPage.getByRole('status').filter({ hasText: 'Dr Robin Demo can sign in again.' }).waitFor();
    await checkScreen(adminPage, 'care team members after enabling');
    await admin.close();
  });
});
