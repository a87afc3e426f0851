/**
 * The care team's plan in a real browser (its own server and SQLite file, loaded with `aftercare demo`): a clinician
 * enrols a patient with an edited medicine, an allergy, a visit and return-to-work advice; the patient joins in a
 * second browser and sees a "your care team changed your plan" card after the clinician changes a dose; messages go
 * both ways with unread counts; the clinician closes the follow-up. axe and 360 px on each new screen.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen, launchBrowser, newPhone, signInWithPassword } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

describe("the care team's plan, messages and closing the follow-up", () => {
  let server: RunningServer;
  let browser: Browser;
  let clinician: Page;
  let patient: Page;
  let inviteUrl = '';

  beforeAll(async () => {
    server = await startServer({ name: 'careteam-plan', demo: true, env: { AFTERCARE_LOGIN_RATE_LIMIT: '1000' } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  async function newContext(): Promise<BrowserContext> {
    return newPhone(browser, { baseURL: server.baseUrl });
  }

  it('enrols a patient with an edited medicine, an allergy, a visit and a return-to-work date', async () => {
    const account = server.accounts.find((a) => a.role === 'clinician');
    clinician = await (await newContext()).newPage();
    await signInWithPassword(clinician, { email: account?.email ?? '', password: account?.password ?? '' });
    await clinician.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();

    await clinician.goto('/#/enrol');
    await clinician.getByRole('heading', { name: 'Enrol a patient', level: 1 }).waitFor();
    await clinician.getByLabel('Full name').fill('Paula Plan');
    const pain = clinician.getByTestId('enrol-medicine').first();
    await pain.getByLabel('Amount').fill('1 tablet');
    await pain.getByLabel('Hours to wait between doses').fill('6');
    await clinician.getByRole('button', { name: 'Add an allergy' }).click();
    await clinician.getByLabel('Allergic to').fill('Penicillin');
    await clinician.getByLabel('Reaction').fill('Hives');
    await clinician.getByLabel('Book Wound check').check();
    await clinician.getByLabel('What we told the patient').fill('Desk work after three days.');
    await clinician.getByLabel('Planned day back at work').fill('2026-12-01');
    await checkScreen(clinician, 'enrolment with plan items');
    await clinician.getByRole('button', { name: 'Enrol', exact: true }).click();
    const card = clinician.locator('.invite-card');
    await card.getByRole('heading', { name: 'Invite for Paula Plan' }).waitFor();
    inviteUrl = (await card.getByTestId('invite-link').textContent()) ?? '';
    expect(inviteUrl).toContain('/#/join/');
  });

  it('lets the patient join and shows the plan change card after the clinician changes the dose', async () => {
    patient = await (await newContext()).newPage();
    await patient.goto(inviteUrl);
    await patient.getByText('Welcome, Paula.').waitFor();
    await patient.getByLabel('Your e-mail').fill('paula.plan@example.org');
    await patient.getByLabel('Choose a password').fill('a long walk home again');
    await patient.getByRole('button', { name: 'Join' }).click();
    await patient.getByRole('heading', { level: 1, name: /^Day/ }).waitFor();
    expect(await patient.getByTestId('plan-changes-card').count()).toBe(0);

    await clinician.goto('/');
    await clinician.getByRole('link', { name: 'Paula Plan' }).click();
    await clinician.getByRole('heading', { name: 'Paula Plan', level: 1 }).waitFor();
    const medicine = clinician.getByTestId('record-medicine').filter({ hasText: 'Pain medicine' });
    expect(await medicine.textContent()).toContain('1 tablet');
    await clinician.getByText('Penicillin').first().waitFor();
    await clinician.getByRole('button', { name: 'Change Pain medicine' }).click();
    await medicine.getByLabel('Amount').fill('2 tablets');
    await medicine.getByRole('button', { name: 'Save' }).click();
    await clinician.getByTestId('record-medicine').filter({ hasText: '2 tablets' }).waitFor();
    await clinician.locator('.plan-changes').getByText('Pain medicine changed: amount 2 tablets.').waitFor();
    await checkScreen(clinician, 'record with plan editing');

    await patient.reload();
    const changes = patient.getByTestId('plan-changes-card');
    await changes.getByRole('heading', { name: 'Your care team changed your plan' }).waitFor();
    await changes.getByText('Pain medicine changed: amount 2 tablets.').waitFor();
    await changes.getByText(/Dr Robin Demo, care team/).waitFor();
    await checkScreen(patient, 'today with plan changes');
    await changes.getByRole('button', { name: 'Got it' }).click();
    await expect.poll(() => changes.count()).toBe(0);
    await patient.reload();
    await patient.getByRole('heading', { level: 1, name: /^Day/ }).waitFor();
    expect(await patient.getByTestId('plan-changes-card').count()).toBe(0);
  });

  it('carries messages both ways with unread counts, and says the thread is not for emergencies', async () => {
    await clinician.goto('/');
    await clinician.getByRole('link', { name: 'Paula Plan' }).waitFor();

    await patient.goto('/#/messages');
    await patient.getByRole('heading', { name: 'Messages', level: 1 }).waitFor();
    await patient
      .getByTestId('not-for-emergencies')
      .getByText(/Not for emergencies\. .* call 911 now\./)
      .waitFor();
    await checkScreen(patient, 'patient messages');
    await patient.getByLabel('Write to your care team').fill('Can I take a shower today?');
    await patient.getByRole('button', { name: 'Send' }).click();
    await patient.locator('.thread').getByText('Can I take a shower today?').waitFor();

    // The open dashboard hears of the message by itself.
    const row = clinician.getByRole('listitem').filter({ hasText: 'Paula Plan' });
    await row.getByTestId('row-unread').getByText('1 unread', { exact: true }).waitFor({ timeout: 10_000 });
    await row.getByRole('link', { name: 'Paula Plan' }).click();
    await clinician.getByTestId('record-unread').getByText('1 new from the patient').waitFor();
    await clinician.getByLabel('Message to Paula Plan').fill('Yes, a short shower is fine. Keep the bandage dry.');
    await clinician.getByRole('button', { name: 'Send', exact: true }).click();
    await clinician.locator('.thread').getByText('Yes, a short shower is fine. Keep the bandage dry.').waitFor();
    await clinician.goto('/');
    await clinician.getByRole('link', { name: 'Paula Plan' }).waitFor();
    // Reading the record (and answering) read the thread: the row has no unread count any more.
    expect(await row.getByTestId('row-unread').count()).toBe(0);

    await patient.goto('/#/');
    await patient.reload();
    await patient.getByTestId('patient-unread').getByText('Messages (1 new)').click();
    await patient.locator('.thread').getByText('Yes, a short shower is fine. Keep the bandage dry.').waitFor();
    await patient.goto('/#/');
    await patient.getByRole('heading', { level: 1, name: /^Day/ }).waitFor();
    expect(await patient.getByTestId('patient-unread').count()).toBe(0);

    // The same thread in Spanish, with the same warning.
    await patient.evaluate(() => {
      localStorage.setItem('aftercare.language', 'es');
    });
    await patient.goto('/#/messages');
    await patient.reload();
    await patient.getByRole('heading', { name: 'Mensajes', level: 1 }).waitFor();
    await patient
      .getByTestId('not-for-emergencies')
      .getByText(/^No es para emergencias\. .* llame al 911 ahora\./)
      .waitFor();
    await checkScreen(patient, 'patient messages in Spanish');
    await patient.evaluate(() => {
      localStorage.setItem('aftercare.language', 'en');
    });
    await patient.reload();
    await patient.getByRole('heading', { name: 'Messages', level: 1 }).waitFor();
  });

  it('closes the follow-up: the record says so and the patient leaves the default list', async () => {
    await clinician.getByRole('link', { name: 'Paula Plan' }).click();
    await clinician.getByRole('heading', { name: 'Paula Plan', level: 1 }).waitFor();
    await clinician.getByRole('button', { name: 'Close the follow-up' }).click();
    await clinician.getByLabel('Recovered').check();
    await clinician.getByLabel('Note (optional)').fill('Feels fully well.');
    await clinician.getByRole('button', { name: 'Close', exact: true }).click();
    await clinician.getByTestId('record-closed').waitFor();
    await checkScreen(clinician, 'record with a closed follow-up');

    await clinician.goto('/');
    await clinician.getByRole('heading', { name: 'Everyone, by need' }).waitFor();
    await clinician.locator('.dashboard-list > li').first().waitFor();
    await expect.poll(() => clinician.getByRole('link', { name: 'Paula Plan' }).count()).toBe(0);
    await clinician.getByLabel('Closed follow-ups only').check();
    await clinician.getByRole('link', { name: 'Paula Plan' }).waitFor();
    await checkScreen(clinician, 'closed follow-ups');
  });

  it('lets the patient invite a helper who sees the plan read-only, and remove them', async () => {
    await patient.goto('/#/caregiver');
    await patient.getByRole('heading', { name: 'A helper at home', level: 1 }).waitFor();
    await patient.getByRole('button', { name: 'Invite a helper' }).click();
    const helperLink = (await patient.locator('.invite-card').getByTestId('invite-link').textContent()) ?? '';
    expect(helperLink).toContain('/#/join/');
    await checkScreen(patient, 'caregiver invite');

    const helper = await (await newContext()).newPage();
    await helper.goto(helperLink);
    await helper.getByText("Join as Paula's helper").waitFor();
    await helper.getByLabel('Your name').fill('Hugo Helper');
    await helper.getByLabel('Your e-mail').fill('hugo.helper@example.org');
    await helper.getByLabel('Choose a password').fill('helping hands at home');
    await helper.getByRole('button', { name: 'Join' }).click();
    await helper.getByTestId('caregiver-banner').getByText("You are viewing Paula's plan.", { exact: false }).waitFor();
    await helper.getByRole('heading', { level: 1, name: /^Day/ }).waitFor();
    await checkScreen(helper, 'caregiver today');
    await helper.goto('/#/medicines');
    await helper.getByText('Pain medicine').first().waitFor();
    // Looking only: no button that would change the plan is shown.
    expect(await helper.locator('.caregiver-view button:visible').count()).toBe(0);
    await helper.goto('/#/messages');
    await helper.getByTestId('not-for-emergencies').waitFor();
    expect(await helper.getByRole('button', { name: 'Send' }).count()).toBe(0);

    await patient.reload();
    patient.once('dialog', (dialog) => void dialog.accept());
    await patient.getByRole('button', { name: 'Remove Hugo Helper' }).click();
    await patient.getByText('Hugo Helper can no longer see your plan.').waitFor();
    await helper.reload();
    await helper.getByRole('heading', { name: 'Sign in' }).waitFor();
  });
});
