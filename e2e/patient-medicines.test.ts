/**
 * The patient's Medicines and Visits screens in a real browser, on their own server and demo database: an allergy and
 * a medicine added (with the server's error beside its field), pain logged → the plan's prompt → "I took it" → the
 * next allowed time, "isn't helping" → call the care team, a visit with questions asked and answered; axe, 360 px and
 * the Emergency button on both screens, in English and Spanish.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen, launchBrowser, newPhone, signInWithPassword } from './browser.ts';
import { startServer, type DemoAccount, type RunningServer } from './server.ts';

/** The local date N days from now (UTC is close enough for a visit a week ahead). */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('the patient’s medicines and visits in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let alex: DemoAccount;

  const medicineCard = (name: string): Locator =>
    page.locator('.medicine').filter({ has: page.getByRole('heading', { name, exact: true, level: 3 }) });

  beforeAll(async () => {
    server = await startServer({
      name: 'patient-medicines',
      demo: true,
      env: { AFTERCARE_LOGIN_RATE_LIMIT: '1000' },
    });
    const found = server.accounts.find((a) => a.email.startsWith('alex.rivera.'));
    if (found === undefined) {
      throw new Error('demo patient Alex missing');
    }
    alex = found;
    browser = await launchBrowser();
    context = await newPhone(browser, { baseURL: server.baseUrl });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  it('signs in as a demo patient and reaches Medicines from Today', async () => {
    await signInWithPassword(page, alex);
    await page.getByRole('heading', { name: 'Day 1', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'All your medicines' }).waitFor();
    await page.getByRole('navigation', { name: 'Your pages' }).getByRole('link', { name: 'Medicines' }).click();
    await page.getByRole('heading', { name: 'Your medicines', level: 1 }).waitFor();
    // The plan's antibiotic course: doses left and the last day.
    await medicineCard('Antibiotic')
      .getByText(/^Doses left: \d+\. Last day: /)
      .waitFor();
    await checkScreen(page, 'medicines');
  });

  it('adds an allergy, shown at the top', async () => {
    await page.getByLabel('What you are allergic to').fill('Latex');
    await page.getByLabel('What happens (the reaction)').fill('Itchy rash');
    await page.getByRole('button', { name: 'Add allergy' }).click();
    await page.locator('.allergy-list').getByText('Latex').waitFor();
    expect(await page.getByLabel('What you are allergic to').inputValue()).toBe('');
  });

  it('adds an as-needed medicine, with the server’s error beside the field it concerns', async () => {
    await page.getByRole('button', { name: 'Add a medicine' }).click();
    await page.getByLabel('Name of the medicine').fill('Ibuprofen');
    await page.getByLabel('Type').selectOption('over-the-counter');
    await page.getByLabel('How much').fill('200 mg');
    await page.getByRole('radio', { name: 'Only when needed' }).check();
    await page.getByLabel('Hours to wait between doses').fill('6');
    // More than the server allows (48): its message appears beside this field and nothing typed is lost.
    await page.getByLabel('Most doses in a day').fill('100');
    await page.getByLabel('Why you take it').fill('Hip pain');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const maxField = page.locator('.field').filter({ has: page.getByLabel('Most doses in a day') });
    await maxField.locator('.field-error').waitFor();
    expect(await page.getByLabel('Most doses in a day').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Name of the medicine').inputValue()).toBe('Ibuprofen');
    await checkScreen(page, 'medicine form with an error');

    await page.getByLabel('Most doses in a day').fill('3');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Ibuprofen was added.' }).waitFor();
    const card = medicineCard('Ibuprofen');
    await card.getByText('200 mg').waitFor();
    await card.getByText('When needed: wait 6 hours between doses, at most 3 in a day').waitFor();
  });

  it('prompts a dose when pain 6 is logged, logs "I took it", then says when the next dose is allowed', async () => {
    const card = medicineCard('Ibuprofen');
    await card.getByRole('radio', { name: '6', exact: true }).check();
    await card.getByRole('button', { name: 'Log pain for Ibuprofen' }).click();
    await card.getByText('Your pain is going up. Do not wait for it to get bad.', { exact: false }).waitFor();
    await checkScreen(page, 'pain prompt');

    await card.getByRole('button', { name: 'I took it: Ibuprofen' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Dose of Ibuprofen saved at / })
      .waitFor();
    await medicineCard('Ibuprofen')
      .getByText(/^Last dose: /)
      .waitFor();

    const after = medicineCard('Ibuprofen');
    await after.getByRole('radio', { name: '6', exact: true }).check();
    await after.getByRole('button', { name: 'Log pain for Ibuprofen' }).click();
    await after.getByText(/^Do not take another dose yet\. The next dose is allowed at /).waitFor();
    expect(await after.getByRole('button', { name: 'I took it: Ibuprofen' }).count()).toBe(0);
  });

  it('sends "This medicine isn’t helping" in one tap and shows the call-your-care-team answer', async () => {
    const card = medicineCard('Ibuprofen');
    await card.getByRole('button', { name: 'This medicine isn’t helping: Ibuprofen' }).click();
    await card.getByText('Call your care team today', { exact: true }).waitFor();
    await card.getByText('Your care team has been told.').waitFor();
    await checkScreen(page, 'medicine problem answer');
  });

  it('changes a medicine (a new version) and stops one', async () => {
    await page.getByRole('button', { name: 'Change Ibuprofen' }).click();
    await page.getByRole('heading', { name: 'Change Ibuprofen', level: 3 }).waitFor();
    expect(await page.getByLabel('Most doses in a day').inputValue()).toBe('3');
    await page.getByLabel('How much').fill('400 mg');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Ibuprofen was changed.' }).waitFor();
    await medicineCard('Ibuprofen').getByText('400 mg').waitFor();

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Stop Antibiotic' }).click();
    await page.getByRole('status').filter({ hasText: 'Antibiotic was stopped.' }).waitFor();
    const stopped = medicineCard('Antibiotic');
    await stopped.getByText(/^Stopped on /).waitFor();
    expect(await stopped.getByRole('button', { name: 'Stop Antibiotic' }).count()).toBe(0);
    await checkScreen(page, 'medicines after a stop');
  });

  it('adds a visit, a question and a suggested one, then marks a question asked with its answer', async () => {
    await page.getByRole('navigation', { name: 'Your pages' }).getByRole('link', { name: 'Visits' }).click();
    await page.getByRole('heading', { name: 'Your visits', level: 1 }).waitFor();
    await checkScreen(page, 'visits');

    await page.getByRole('button', { name: 'Add a visit' }).click();
    await page.getByLabel('With whom').selectOption('hematologist');
    await page.getByRole('radio', { name: /^Blood tests/ }).check();
    await page.getByLabel('Where (optional)').fill('North Clinic, room 12');
    await page.getByLabel('Day').fill(dayFromNow(30));
    await page.getByLabel('Time').fill('10:30');
    await page.getByRole('button', { name: 'Add visit' }).click();
    await page.getByRole('status').filter({ hasText: 'Visit added.' }).waitFor();

    const visit = page.locator('.visit').filter({ hasText: 'North Clinic, room 12' });
    await visit.getByText('Your blood doctor (hematologist)').waitFor();
    await visit.getByLabel('Your question').fill('Can I shower tomorrow?');
    await visit.getByRole('button', { name: 'Add question' }).click();
    await visit.getByText('Can I shower tomorrow?', { exact: true }).waitFor();

    // The plan's questions are offered, folded away until asked for.
    await visit.getByText('Questions many people ask (tap to add)').click();
    await visit.getByRole('button', { name: '+ When can I go back to work or school?' }).click();
    await visit.getByText('When can I go back to work or school?', { exact: true }).waitFor();
    // Added, so no longer offered.
    expect(await visit.getByRole('button', { name: '+ When can I go back to work or school?' }).count()).toBe(0);

    await visit.getByLabel('Answer to: Can I shower tomorrow?').fill('Yes, after 48 hours, with a clean dressing.');
    await visit.getByRole('button', { name: 'Save answer: Can I shower tomorrow?' }).click();
    await page.getByRole('status').filter({ hasText: 'Answer saved.' }).waitFor();
    await expect
      .poll(() => visit.getByRole('checkbox', { name: 'I asked this: Can I shower tomorrow?' }).isChecked())
      .toBe(true);
    await checkScreen(page, 'visits with questions');

    // A question can be ticked as asked without an answer.
    await visit.getByRole('checkbox', { name: 'I asked this: When can I go back to work or school?' }).check();
    await expect
      .poll(() =>
        visit.getByRole('checkbox', { name: 'I asked this: When can I go back to work or school?' }).isChecked(),
      )
      .toBe(true);

    // Kept by the server, not just on screen.
    await page.reload();
    const reloaded = page.locator('.visit').filter({ hasText: 'North Clinic, room 12' });
    expect(await reloaded.getByLabel('Answer to: Can I shower tomorrow?').inputValue()).toBe(
      'Yes, after 48 hours, with a clean dressing.',
    );
    expect(await reloaded.getByRole('checkbox', { name: 'I asked this: Can I shower tomorrow?' }).isChecked()).toBe(
      true,
    );
    expect(
      await reloaded.getByRole('checkbox', { name: 'I asked this: When can I go back to work or school?' }).isChecked(),
    ).toBe(true);
  });

  it('still shows the medicine list when the connection drops', async () => {
    await context.setOffline(true);
    try {
      const nav = page.getByRole('navigation', { name: 'Your pages' });
      await nav.getByRole('link', { name: 'Today' }).click();
      await nav.getByRole('link', { name: 'Medicines' }).click();
      await page.getByText(/^You are offline\. This is your list as it was on /).waitFor();
      await medicineCard('Ibuprofen').getByText('400 mg').waitFor();
      await page.locator('.allergy-list').getByText('Latex').waitFor();
    } finally {
      await context.setOffline(false);
    }
    await page.getByRole('navigation', { name: 'Your pages' }).getByRole('link', { name: 'Visits' }).click();
    await page.getByRole('heading', { name: 'Your visits', level: 1 }).waitFor();
  });

  it('passes the same checks in Spanish', async () => {
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('heading', { name: 'Sus citas', level: 1 }).waitFor();
    await checkScreen(page, 'visits (es)');
    await page.getByRole('navigation', { name: 'Sus páginas' }).getByRole('link', { name: 'Medicinas' }).click();
    await page.getByRole('heading', { name: 'Sus medicinas', level: 1 }).waitFor();
    await medicineCard('Ibuprofen').getByText('Medicina de la tienda').waitFor();
    await checkScreen(page, 'medicines (es)');
  });
});
