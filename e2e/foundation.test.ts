/**
 * The foundation walked in a real browser against the real server: first-run setup, sign out and in, a wrong password,
 * enrolling a patient, the patient's Today and an emergency check-in, the Emergency button, Spanish, offline, 360 px.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkScreen,
  expectAccessible,
  expectNoHorizontalScroll,
  heading,
  launchBrowser,
  newPhone,
} from './browser.ts';

const ADMIN = {
  organisation: 'Riverside Marrow Clinic',
  name: 'Ada Admin',
  email: 'ada@example.org',
  password: 'correct horse battery',
};
const PATIENT = { name: 'Pat Donor', email: 'pat@example.org', password: 'marrow recovery 2026' };
const DAYS_SINCE_PROCEDURE = 3;
const SCREENSHOT = resolve(import.meta.dirname, '../docs/screenshots/today.png');

/** The date `days` days ago, in UTC (the patient's zone in these tests). */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('foundation in the browser', () => {
  let browser: Browser;
  let admin: BrowserContext;
  let adminPage: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await newPhone(browser);
    adminPage = await admin.newPage();
  });

  afterAll(async () => {
    await browser.close();
  });

  it('first run leads the visitor through setup and lands signed in as admin', async () => {
    const page = adminPage;
    await page.goto('/');
    await page.getByRole('heading', { name: 'Set up Aftercare' }).waitFor();
    await expect.poll(() => page.getByText('At least 12 characters.').isVisible()).toBe(true);
    await checkScreen(page, 'setup');

    await page.getByLabel('Organisation name').fill(ADMIN.organisation);
    await page.getByLabel('Your name').fill(ADMIN.name);
    await page.getByLabel('E-mail').fill(ADMIN.email);
    // Too short first: the rule is checked before anything is sent, and the message sits by the field.
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Set up Aftercare' }).click();
    await page.getByText('Use at least 12 characters.').waitFor();
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    await checkScreen(page, 'setup with an error');

    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Set up Aftercare' }).click();
    await page.getByRole('heading', { name: 'Patients' }).waitFor();
    await page.getByText(`Signed in as ${ADMIN.name}`).waitFor();
    await checkScreen(page, 'care team home');
  });

  it('signs out, refuses a wrong password with a plain message, and signs in again', async () => {
    const page = adminPage;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByText('You are signed out.').waitFor();
    await checkScreen(page, 'sign in');

    await signIn(page, ADMIN.email, 'not the password at all');
    await page.getByRole('alert').filter({ hasText: 'That e-mail and password do not match an account.' }).waitFor();
    await checkScreen(page, 'sign in with a wrong password');

    await signIn(page, ADMIN.email, ADMIN.password);
    await page.getByRole('heading', { name: 'Patients' }).waitFor();
    // The session is a cookie: a reload keeps the admin signed in.
    await page.reload();
    await page.getByRole('heading', { name: 'Patients' }).waitFor();
  });

  it('lets the admin add a clinician', async () => {
    const page = adminPage;
    await page.getByRole('link', { name: 'Add a team member' }).click();
    await page.getByRole('heading', { name: 'Add a team member' }).waitFor();
    await checkScreen(page, 'add a team member');
    await page.getByLabel('Name').fill('Cleo Clinician');
    await page.getByLabel('E-mail').fill('cleo@example.org');
    await page.getByLabel('Password').fill('stethoscope-and-coffee');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('status').filter({ hasText: 'Cleo Clinician can now sign in.' }).waitFor();
  });

  it('enrols a patient with a sign-in, who then shows in the list with their day', async () => {
    const page = adminPage;
    await page.goto('/#/');
    await page.getByRole('link', { name: 'Enrol a patient' }).click();
    await page.getByRole('heading', { name: 'Enrol a patient' }).waitFor();
    await checkScreen(page, 'enrol a patient');

    await page.getByLabel('Full name').fill(PATIENT.name);
    await page.getByLabel('Procedure date').fill(daysAgo(DAYS_SINCE_PROCEDURE));
    await page.getByLabel('Back of the hip bone').check();
    await page.getByLabel('Donor (given to someone else)').check();
    await page.getByLabel('Patient’s language').selectOption('en');
    await page.getByLabel('Time zone').selectOption('UTC');
    await page.getByLabel('Country (sets the emergency number)').selectOption('US');
    await page.getByLabel('Patient’s e-mail').fill(PATIENT.email);
    await page.getByLabel('Patient’s password').fill(PATIENT.password);
    await page.getByRole('button', { name: 'Enrol', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${PATIENT.name} is enrolled.` })
      .waitFor();

    // The same sign-in again: the server's message shows by the field it concerns, and what was typed stays.
    await page.getByLabel('Full name').fill('Someone Else');
    await page.getByLabel('Patient’s e-mail').fill(PATIENT.email);
    await page.getByLabel('Patient’s password').fill(PATIENT.password);
    await page.getByRole('button', { name: 'Enrol', exact: true }).click();
    await page.getByText('An account with this e-mail already exists.').first().waitFor();
    expect(await page.getByLabel('Patient’s e-mail').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Full name').inputValue()).toBe('Someone Else');
    await checkScreen(page, 'enrol with an error');

    await page.getByRole('link', { name: 'Back' }).click();
    const card = page.getByRole('listitem').filter({ hasText: PATIENT.name });
    await card.waitFor();
    expect(await card.textContent()).toContain(`Day ${DAYS_SINCE_PROCEDURE}`);
    // The refused enrolment left nothing half-stored.
    expect(await page.getByRole('listitem').filter({ hasText: 'Someone Else' }).count()).toBe(0);
    await checkScreen(page, 'care team home with a patient');
  });

  describe('as the patient', () => {
    let patient: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      patient = await newPhone(browser);
      page = await patient.newPage();
    });

    it('signs in and sees Today with the day since the procedure', async () => {
      await page.goto('/');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await signIn(page, PATIENT.email, PATIENT.password);
      await page.getByRole('heading', { name: `Day ${DAYS_SINCE_PROCEDURE}` }).waitFor();
      await page.getByRole('heading', { name: 'Today’s medicines' }).waitFor();
      await page.getByRole('heading', { name: 'Next visit' }).waitFor();
      await page.getByText('It is not medical advice made for you.', { exact: false }).waitFor();
      await checkScreen(page, 'patient today');

      // Take the first dose of the day: the row then says when it was taken.
      const take = page.getByRole('button', { name: /^Take / }).first();
      const label = (await take.getAttribute('aria-label')) ?? '';
      await take.click();
      await page
        .getByRole('status')
        .filter({ hasText: /^Taken at / })
        .first()
        .waitFor();
      expect(await page.getByRole('button', { name: label, exact: true }).count()).toBe(0);

      if (process.env.AFTERCARE_SCREENSHOTS === '1') {
        mkdirSync(dirname(SCREENSHOT), { recursive: true });
        await page.setViewportSize({ width: 390, height: 844 });
        await page.evaluate(() => {
          window.scrollTo({ top: 0, behavior: 'instant' });
        });
        await page.screenshot({ path: SCREENSHOT });
        await page.setViewportSize({ width: 360, height: 740 });
      }
    });

    it('sends a check-in about bleeding and gets the emergency answer with a call button and the reason', async () => {
      await page.getByRole('link', { name: 'Start today’s check-in' }).click();
      await page.getByRole('heading', { name: 'Daily check-in' }).waitFor();
      await checkScreen(page, 'check-in');

      await page.getByLabel('Anything else? Write it in your own words.').fill('blood is soaking through my bandage');
      await page.getByRole('button', { name: 'Send check-in' }).click();
      await page.getByRole('heading', { name: 'Get emergency care now' }).waitFor();
      const call = page.getByRole('link', { name: 'Call 911' });
      expect(await call.getAttribute('href')).toBe('tel:911');
      await page.getByRole('heading', { name: 'Why we say this' }).waitFor();
      expect(await page.locator('.reason-list').textContent()).toMatch(/blood/i);
      await checkScreen(page, 'emergency check-in result');

      // The care team sees the alert on their list.
      await adminPage.reload();
      const card = adminPage.getByRole('listitem').filter({ hasText: PATIENT.name });
      await expect.poll(async () => card.textContent()).toContain('1 emergency');
    });

    it('reaches the emergency screen in one tap, with the local number and the plan’s signs', async () => {
      await page.goto('/#/');
      await page.getByRole('heading', { name: `Day ${DAYS_SINCE_PROCEDURE}` }).waitFor();
      await page.getByRole('link', { name: 'Emergency', exact: true }).click();
      await page.getByRole('heading', { name: 'Emergency', level: 1 }).waitFor();
      expect(await page.getByRole('link', { name: 'Call 911' }).getAttribute('href')).toBe('tel:911');
      await page.getByText('Blood soaks through the bandage').waitFor();
      await checkScreen(page, 'emergency');
    });

    it('keeps the emergency screen working offline', async () => {
      // The service worker must control the page before the network goes away.
      await page.goto('/#/');
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await page.reload();
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

      await patient.setOffline(true);
      try {
        // A full page load (not a hash change): the shell must come from the service worker's cache.
        await page.goto('about:blank');
        await page.goto('/#/emergency');
        await page.getByRole('heading', { name: 'Emergency', level: 1 }).waitFor();
        expect(await page.getByRole('link', { name: 'Call 911' }).getAttribute('href')).toBe('tel:911');
        await page.getByText('Blood soaks through the bandage').waitFor();
      } finally {
        await patient.setOffline(false);
      }
      // Back online, the app finds the session again by itself.
      await page.getByRole('link', { name: 'Back' }).click();
      await page.getByRole('heading', { name: `Day ${DAYS_SINCE_PROCEDURE}` }).waitFor();
    });

    it('switches to Spanish: texts, the plan’s signs and <html lang> change', async () => {
      await page.goto('/#/');
      await page.getByRole('heading', { name: `Day ${DAYS_SINCE_PROCEDURE}` }).waitFor();
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { name: `Día ${DAYS_SINCE_PROCEDURE}` }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
      expect(await heading(page)).toBe(`Día ${DAYS_SINCE_PROCEDURE}`);
      await page.getByRole('heading', { name: 'Medicinas de hoy' }).waitFor();
      await checkScreen(page, 'today in Spanish');

      await page.getByRole('link', { name: 'Emergencia', exact: true }).click();
      await page.getByRole('heading', { name: 'Emergencia', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Llamar al 911' }).waitFor();
      await checkScreen(page, 'emergency in Spanish');

      await page.goto('/#/check-in');
      await page.getByRole('heading', { name: 'Control diario' }).waitFor();
      await checkScreen(page, 'check-in in Spanish');

      // The choice is kept on the device; switch back for whoever uses it next.
      await page.getByLabel('Idioma').selectOption('en');
      await page.getByRole('heading', { name: 'Daily check-in' }).waitFor();
    });
  });

  it('shows the emergency screen to someone not signed in, at 360 px', async () => {
    const context = await newPhone(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto('/#/emergency');
    await page.getByRole('heading', { name: 'Emergency', level: 1 }).waitFor();
    // No patient record on this device: the browser's region decides (GB → 999).
    expect(await page.getByRole('link', { name: 'Call 999' }).getAttribute('href')).toBe('tel:999');
    await expectAccessible(page, 'emergency, signed out');
    await expectNoHorizontalScroll(page, 'emergency, signed out');
    await context.close();
  });
});
