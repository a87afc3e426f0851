/**
 * Joining with an invite in a real browser, independent of the other suites (its own server on its own SQLite file,
 * loaded with `aftercare demo`): a clinician enrols a patient without a login and sees the code and QR code; the
 * patient (a second browser) opens the link, makes a sign-in, picks Spanish and lands on Today; the link then says
 * it was used. axe and 360 px on the join screen.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen, expectAccessible, launchBrowser, newPhone, signInWithPassword } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

describe('joining with an invite', () => {
  let server: RunningServer;
  let browser: Browser;
  let inviteUrl = '';
  let clinicianPage: Page;

  beforeAll(async () => {
    server = await startServer({ name: 'invite', demo: true, env: { AFTERCARE_LOGIN_RATE_LIMIT: '1000' } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  async function newContext(): Promise<BrowserContext> {
    return newPhone(browser, { baseURL: server.baseUrl });
  }

  it('lets a clinician enrol without a login and see the invite code, link and QR code', async () => {
    const clinician = server.accounts.find((a) => a.role === 'clinician');
    expect(clinician).toBeDefined();
    const context = await newContext();
    const page: Page = await context.newPage();
    clinicianPage = page;
    await signInWithPassword(page, { email: clinician?.email ?? '', password: clinician?.password ?? '' });
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();

    await page.goto('/#/enrol');
    await page.getByRole('heading', { name: 'Enrol a patient', level: 1 }).waitFor();
    await page.getByLabel('Full name').fill('Inés Invite');
    await page.getByRole('button', { name: 'Enrol' }).click();
    const card = page.locator('.invite-card');
    await card.getByRole('heading', { name: 'Invite for Inés Invite' }).waitFor();
    expect(await card.getByTestId('invite-code').textContent()).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const qr = card.getByRole('img', { name: 'QR code with the invite link' });
    await qr.waitFor();
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    inviteUrl = (await card.getByTestId('invite-link').textContent()) ?? '';
    expect(inviteUrl).toMatch(new RegExp(`^${server.baseUrl.replace(/\./g, '\\.')}/#/join/[\\w-]{43}$`));
    await card.getByText(/^Works once, until /).waitFor();
    await expectAccessible(page, 'enrolment with invite');
  });

  it('lets the patient open the link, make a sign-in, pick Spanish and land on Today', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(inviteUrl);
    await page.getByText('Welcome, Inés.').waitFor();
    await checkScreen(page, 'join');
    await page.getByLabel('Your e-mail').fill('ines.invite@example.org');
    await page.getByLabel('Choose a password').fill('a long walk home');
    await page.getByLabel('Your language').selectOption('es');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByText(/^Día/).first().waitFor();
    await page.getByRole('link', { name: 'Emergencia' }).first().waitFor();
    await context.close();
  });

  it('tells whoever opens the used link to ask the care team for a new one', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(inviteUrl);
    await page.getByRole('alert').filter({ hasText: 'Ask your care team for a new one.' }).waitFor();
    await expectAccessible(page, 'used invite');
    await context.close();
  });

  it('lets the team make a new invite on the record, which the patient uses by typing the code', async () => {
    const page = clinicianPage;
    await page.goto('/#/enrol');
    await page.getByLabel('Full name').fill('Tomás Código');
    await page.getByRole('button', { name: 'Enrol' }).click();
    const firstLink = (await page.locator('.invite-card').getByTestId('invite-link').textContent()) ?? '';
    await page.goto('/#/');
    await page.getByRole('link', { name: 'Tomás Código' }).first().click();
    await page.getByRole('heading', { name: 'Tomás Código', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Make a new invite' }).click();
    const code = (await page.locator('.invite-card').getByTestId('invite-code').textContent()) ?? '';
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await checkScreen(page, 'patient record with a new invite');
    // The invite made at enrolment stopped working.
    const token = firstLink.slice(firstLink.lastIndexOf('/') + 1);
    expect((await fetch(`${server.baseUrl}/api/v1/invites/${token}`)).status).toBe(410);

    const context = await newContext();
    const patient = await context.newPage();
    await patient.goto('/');
    await patient.getByRole('link', { name: 'I have a code from my care team' }).click();
    await patient.getByLabel('Code').fill(code.toLowerCase().replace('-', ' '));
    await patient.getByRole('button', { name: 'Next' }).click();
    await patient.getByText('Welcome, Tomás.').waitFor();
    await patient.getByLabel('Your e-mail').fill('tomas.codigo@example.org');
    await patient.getByLabel('Choose a password').fill('a long walk home');
    await patient.getByRole('button', { name: 'Join' }).click();
    await patient.getByText(/^Day/).first().waitFor();
    await context.close();
  });
});
