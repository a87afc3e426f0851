/**
 * The rest of the patient app in a real browser at 360 px, in English and Spanish, on its own server and demo data:
 * an emergency check-in made offline (triage on the phone: the call button at once, "not sent yet"), sent exactly
 * once when back online; History (charts, doses, "I feel fully recovered"), Activity (check-offs), Learn and
 * Settings (a wrong time zone refused beside its field, then saved); axe, width and the Emergency button everywhere.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen, launchBrowser, PHONE } from './browser.ts';
import { startServer, type DemoAccount, type RunningServer } from './server.ts';

const SCREENSHOTS = resolve(import.meta.dirname, '../docs/screenshots');

/** Saves a phone-sized screenshot (AFTERCARE_SCREENSHOTS=1), from the top or from the element given. */
async function screenshot(page: Page, name: string, from?: Locator): Promise<void> {
  if (process.env.AFTERCARE_SCREENSHOTS !== '1') {
    return;
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => {
    window.scrollTo({ top: 0, behavior: 'instant' });
  });
  if (from !== undefined) {
    await from.evaluate((element) => {
      element.scrollIntoView({ block: 'start', behavior: 'instant' });
    });
  }
  await page.screenshot({ path: resolve(SCREENSHOTS, name) });
  await page.setViewportSize(PHONE);
}

interface Texts {
  locale: string;
  account: string;
  today: RegExp;
  nav: string;
  more: string;
  checkInLink: string;
  historyLink: string;
  activityLink: string;
  learnLink: string;
  settingsLink: string;
  medicinesLink: string;
  checkInTitle: string;
  chestPain: string;
  question: string;
  send: string;
  emergencyTitle: string;
  call: string;
  notSent: string;
  callNow: string;
  waitingOne: string;
  teamTold: string;
  backToToday: string;
  historyTitle: string;
  painChart: string;
  doses: string;
  feelRecovered: string;
  feltRecovered: RegExp;
  activityTitle: string;
  backAtWork: string;
  doneOn: RegExp;
  learnTitle: string;
  disclaimer: string;
  settingsTitle: string;
  timeZone: string;
  badZone: string;
  fahrenheit: string;
  save: string;
  saved: string;
  medicinesTitle: string;
}

const ENGLISH: Texts = {
  locale: 'en-US',
  account: 'alex.rivera.',
  today: /^Day \d+$/,
  nav: 'Your pages',
  more: 'More',
  checkInLink: 'Check-in',
  historyLink: 'History',
  activityLink: 'Activity and work',
  learnLink: 'Learn',
  settingsLink: 'Settings',
  medicinesLink: 'Medicines',
  checkInTitle: 'Daily check-in',
  chestPain: 'Chest pain',
  question: 'I have a question about my pills',
  send: 'Send check-in',
  emergencyTitle: 'Get emergency care now',
  call: 'Call 911',
  notSent: 'Not sent yet',
  callNow: 'Call now. Do not wait for this to be sent.',
  waitingOne: '1 check-in is waiting to be sent.',
  teamTold: 'Your care team has been told.',
  backToToday: 'Back to today',
  historyTitle: 'Your history',
  painChart: 'Pain (0 to 10) at each check-in',
  doses: 'Doses in the last 7 days',
  feelRecovered: 'I feel fully recovered',
  feltRecovered: /^You felt fully recovered on .+: day \d+\.$/,
  activityTitle: 'Activity and work',
  backAtWork: 'I am back at work or school',
  doneOn: /^Done on /,
  learnTitle: 'Learn',
  disclaimer: 'It is not medical advice made for you.',
  settingsTitle: 'Settings',
  timeZone: 'Time zone',
  badZone: 'We do not know this time zone. Pick one from the list, like America/Chicago.',
  fahrenheit: 'Fahrenheit (°F)',
  save: 'Save settings',
  saved: 'Your settings are saved.',
  medicinesTitle: 'Your medicines',
};

const SPANISH: Texts = {
  locale: 'es-MX',
  account: 'maria.lopez.',
  today: /^Día \d+$/,
  nav: 'Sus páginas',
  more: 'Más',
  checkInLink: 'Control diario',
  historyLink: 'Historial',
  activityLink: 'Actividad y trabajo',
  learnLink: 'Aprender',
  settingsLink: 'Ajustes',
  medicinesLink: 'Medicinas',
  checkInTitle: 'Control diario',
  chestPain: 'Dolor en el pecho',
  question: 'Tengo una pregunta sobre mis pastillas',
  send: 'Enviar control',
  emergencyTitle: 'Busque atención de emergencia ahora',
  call: 'Llamar al 911',
  notSent: 'Todavía no se envió',
  callNow: 'Llame ya. No espere a que esto se envíe.',
  waitingOne: 'Hay 1 control esperando para enviarse.',
  teamTold: 'Ya avisamos a su equipo de atención.',
  backToToday: 'Volver a hoy',
  historyTitle: 'Su historial',
  painChart: 'Dolor (de 0 a 10) en cada control',
  doses: 'Dosis de los últimos 7 días',
  feelRecovered: 'Ya me siento bien del todo',
  feltRecovered: /^Se sintió bien del todo el .+: día \d+\.$/,
  activityTitle: 'Actividad y trabajo',
  backAtWork: 'Volví al trabajo o a clases',
  doneOn: /^Hecho el /,
  learnTitle: 'Aprender',
  disclaimer: 'No es un consejo médico hecho para usted.',
  settingsTitle: 'Ajustes',
  timeZone: 'Zona horaria',
  badZone: 'No conocemos esta zona horaria. Elija una de la lista, como America/Mexico_City.',
  fahrenheit: 'Fahrenheit (°F)',
  save: 'Guardar ajustes',
  saved: 'Sus ajustes están guardados.',
  medicinesTitle: 'Sus medicinas',
};

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ name: 'patient-app', demo: true, env: { AFTERCARE_LOGIN_RATE_LIMIT: '1000' } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
  await server.stop();
});

for (const texts of [ENGLISH, SPANISH]) {
  describe(`the patient app in ${texts.locale}`, () => {
    let context: BrowserContext;
    let page: Page;
    let account: DemoAccount;

    beforeAll(async () => {
      const found = server.accounts.find((a) => a.email.startsWith(texts.account));
      if (found?.patientId === undefined) {
        throw new Error(`demo patient ${texts.account} missing`);
      }
      account = found;
      context = await browser.newContext({
        baseURL: server.baseUrl,
        viewport: PHONE,
        locale: texts.locale,
        timezoneId: 'UTC',
        hasTouch: true,
      });
      context.setDefaultTimeout(10_000);
      page = await context.newPage();
    });

    afterAll(async () => {
      await context.close();
    });

    /** Opens a screen from the patient's navigation ("More" menu for all but the main three). */
    async function open(link: string): Promise<void> {
      const nav = page.getByRole('navigation', { name: texts.nav });
      // isVisible() does not wait: on a slow machine the navigation may still be on its way (a lazy chunk).
      await nav.waitFor();
      const direct = nav.getByRole('link', { name: link, exact: true });
      if (!(await direct.isVisible())) {
        await nav.getByText(texts.more, { exact: true }).click();
      }
      await direct.click();
    }

    async function checkInCount(): Promise<number> {
      const response = await page.request.get(`/api/v1/patients/${account.patientId ?? ''}/check-ins`);
      expect(response.ok()).toBe(true);
      return ((await response.json()) as { checkIns: unknown[] }).checkIns.length;
    }

    it('signs in and reaches every screen from the navigation', async () => {
      await page.goto('/');
      await page.locator('input[type="email"]').fill(account.email);
      await page.locator('input[type="password"]').fill(account.password);
      await page.locator('form button[type="submit"]').click();
      await page.getByRole('heading', { name: texts.today, level: 1 }).waitFor();
      await checkScreen(page, `today (${texts.locale})`);
      // The "More" menu at 360 px, open.
      await page.getByRole('navigation', { name: texts.nav }).getByText(texts.more, { exact: true }).click();
      await page.getByRole('link', { name: texts.settingsLink, exact: true }).waitFor();
      await checkScreen(page, `more menu (${texts.locale})`);
      // Each tab's word on one line at 360 px (a broken "Medicin-es" is hard to read).
      for (const name of [texts.medicinesLink, texts.more]) {
        const box = await page
          .getByRole('navigation', { name: texts.nav })
          .getByText(name, { exact: true })
          .boundingBox();
        expect(box?.height, `${name} tab height`).toBeLessThanOrEqual(50);
      }
      await page.getByRole('link', { name: texts.medicinesLink, exact: true }).click();
      await page.getByRole('heading', { name: texts.medicinesTitle, level: 1 }).waitFor();
      if (texts === ENGLISH) {
        await page.locator('.medicine').first().waitFor();
        await screenshot(page, 'medicines.png', page.getByRole('heading', { name: 'Medicines, vitamins and herbs' }));
      }
    });

    it('shows the emergency answer offline with the call button, and sends the check-in once back online', async () => {
      await open(texts.checkInLink);
      await page.getByRole('heading', { name: texts.checkInTitle, level: 1 }).waitFor();
      // The plan (signs) is on the device before the signal goes.
      await page.getByRole('checkbox', { name: texts.chestPain }).waitFor();
      const before = await checkInCount();

      await context.setOffline(true);
      await page.getByRole('checkbox', { name: texts.chestPain }).check();
      await page.getByRole('button', { name: texts.send }).click();
      await page.getByRole('heading', { name: texts.emergencyTitle, level: 1 }).waitFor();
      const call = page.getByRole('link', { name: texts.call });
      expect(await call.getAttribute('href')).toBe('tel:911');
      await page.getByRole('heading', { name: texts.notSent }).waitFor();
      await page.getByText(texts.callNow).waitFor();
      await checkScreen(page, `offline emergency answer (${texts.locale})`);
      if (texts === ENGLISH) {
        await screenshot(page, 'emergency.png');
      }

      // Back online: sent by itself, and the answer now says the team was told.
      await context.setOffline(false);
      await page.getByText(texts.teamTold).waitFor({ timeout: 30_000 });
      expect(await checkInCount()).toBe(before + 1);

      // A calm one offline: the notice on the other screens says it waits, until it is sent.
      await page.getByRole('link', { name: texts.backToToday }).click();
      await page.getByRole('heading', { name: texts.today, level: 1 }).waitFor();
      await context.setOffline(true);
      await open(texts.checkInLink);
      await page.getByRole('radio', { name: '2', exact: true }).check();
      await page.getByRole('button', { name: texts.send }).click();
      await page.getByRole('heading', { name: texts.notSent }).waitFor();
      await page.getByRole('link', { name: texts.backToToday }).click();
      const notice = page.getByText(texts.waitingOne, { exact: false });
      await notice.waitFor();
      await checkScreen(page, `a check-in waiting (${texts.locale})`);
      await context.setOffline(false);
      await notice.waitFor({ state: 'detached', timeout: 30_000 });
      expect(await checkInCount()).toBe(before + 2);
      // Nothing is sent again: not on another try, not after a reload.
      await page.reload();
      await page.getByRole('navigation', { name: texts.nav }).waitFor();
      await page.waitForTimeout(1000);
      expect(await checkInCount()).toBe(before + 2);
    });

    it('answers "call your care team today" with the team’s phone to call', async () => {
      await open(texts.checkInLink);
      await page.locator('textarea').fill(texts.question);
      await page.getByRole('button', { name: texts.send }).click();
      const call = page.locator('a[href="tel:+15550100100"]');
      await call.waitFor();
      expect(await call.innerText()).toContain('+1 555 010 0100');
      await page.getByText(texts.teamTold).waitFor();
      await checkScreen(page, `contact-provider answer (${texts.locale})`);
      await page.getByRole('link', { name: texts.backToToday }).click();
    });

    it('opens again with no signal: Today, Medicines and the emergency screen from the device', async () => {
      await page.goto('/');
      await page.getByRole('heading', { name: texts.today, level: 1 }).waitFor();
      await context.setOffline(true);
      try {
        await page.reload();
        await page.getByRole('heading', { name: texts.today, level: 1 }).waitFor();
        await page.getByRole('link', { name: texts.medicinesLink, exact: true }).click();
        await page.getByRole('heading', { name: texts.medicinesTitle, level: 1 }).waitFor();
        await page.locator('.medicine').first().waitFor();
        await page.goto('/#/emergency');
        expect(await page.getByRole('link', { name: texts.call }).getAttribute('href')).toBe('tel:911');
      } finally {
        await context.setOffline(false);
      }
      await page.goto('/');
      await page.getByRole('heading', { name: texts.today, level: 1 }).waitFor();
    });

    it('shows History: the charts, the doses, and "I feel fully recovered" kept by the server', async () => {
      await open(texts.historyLink);
      await page.getByRole('heading', { name: texts.historyTitle, level: 1 }).waitFor();
      await page.getByRole('img', { name: texts.painChart }).waitFor();
      await page.getByRole('heading', { name: texts.doses }).waitFor();
      await checkScreen(page, `history (${texts.locale})`);
      await page.getByRole('button', { name: texts.feelRecovered }).click();
      await page.getByText(texts.feltRecovered).waitFor();
      await page.reload();
      await page.getByText(texts.feltRecovered).waitFor();
      await checkScreen(page, `history recovered (${texts.locale})`);
    });

    it('checks off going back to work on Activity', async () => {
      await open(texts.activityLink);
      await page.getByRole('heading', { name: texts.activityTitle, level: 1 }).waitFor();
      await checkScreen(page, `activity (${texts.locale})`);
      const item = page.locator('.milestone').filter({ has: page.getByRole('heading', { name: texts.backAtWork }) });
      await item.locator('button[type="submit"]').click();
      await item.getByText(texts.doneOn).waitFor();
      await checkScreen(page, `activity checked off (${texts.locale})`);
    });

    it('shows Learn with the disclaimer', async () => {
      await open(texts.learnLink);
      await page.getByRole('heading', { name: texts.learnTitle, level: 1 }).waitFor();
      await page.getByText(texts.disclaimer, { exact: false }).waitFor();
      await checkScreen(page, `learn (${texts.locale})`);
    });

    it('refuses a wrong time zone beside its field, then saves the settings', async () => {
      await open(texts.settingsLink);
      await page.getByRole('heading', { name: texts.settingsTitle, level: 1 }).waitFor();
      await checkScreen(page, `settings (${texts.locale})`);
      const zone = page.getByLabel(texts.timeZone, { exact: true });
      await zone.fill('Mars/Olympus_Mons');
      await page.getByRole('radio', { name: texts.fahrenheit }).check();
      await page.getByRole('button', { name: texts.save }).click();
      await page.locator('.field-error').filter({ hasText: texts.badZone }).waitFor();
      expect(await zone.getAttribute('aria-invalid')).toBe('true');
      expect(await zone.inputValue()).toBe('Mars/Olympus_Mons');
      await checkScreen(page, `settings with an error (${texts.locale})`);

      await zone.fill('America/New_York');
      await page.getByRole('button', { name: texts.save }).click();
      await page.getByText(texts.saved).waitFor();
      await page.reload();
      expect(await page.getByLabel(texts.timeZone, { exact: true }).inputValue()).toBe('America/New_York');
      expect(await page.getByRole('radio', { name: texts.fahrenheit }).isChecked()).toBe(true);
    });
  });
}
