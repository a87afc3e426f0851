/**
 * The list to carry and the calendar in a real browser at 360 px: the admin sets the care-team phone; a patient opens
 * the print view (allergies first, medicines, phone, emergency number), prints it without the app around it, downloads
 * the PDF (read back as text) also with no signal; a visit downloads as a calendar file; the private feed is made, read
 * and turned off. In English (Sam, GB: A4, 999) and Spanish (María, US: Letter, 911); axe on every new screen.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { readPdf } from '../packages/web/src/carry/testing/pdf-text.ts';
import { checkScreen, expectAccessible, launchBrowser, newPhone, signInWithPassword } from './browser.ts';
import { startServer, type DemoAccount, type RunningServer } from './server.ts';

const TEAM_PHONE = '+44 20 7946 0000';

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { download, bytes: readFileSync(path) };
}

function account(server: RunningServer, prefix: string): DemoAccount {
  const found = server.accounts.find((a) => a.email.startsWith(prefix));
  if (found === undefined) {
    throw new Error(`demo account ${prefix} missing`);
  }
  return found;
}

describe('the list to carry and calendars in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer({ name: 'carry', demo: true, env: { AFTERCARE_LOGIN_RATE_LIMIT: '1000' } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) {
      await context.close();
    }
    await browser.close();
    await server.stop();
  });

  async function phone(): Promise<Page> {
    const context = await newPhone(browser, { baseURL: server.baseUrl, acceptDownloads: true });
    contexts.push(context);
    return context.newPage();
  }

  it('lets the admin set the care-team phone on the team screen', async () => {
    const page = await phone();
    await signInWithPassword(page, account(server, 'admin.'));
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
    await page.goto('/#/members');
    await page.getByRole('heading', { name: 'Care team phone' }).waitFor();
    await page.getByLabel('Phone number').fill('call us');
    await page.getByRole('button', { name: 'Save phone' }).click();
    await page.locator('.field-error').waitFor();
    expect(await page.getByLabel('Phone number').inputValue()).toBe('call us');
    await page.getByLabel('Phone number').fill(TEAM_PHONE);
    await page.getByRole('button', { name: 'Save phone' }).click();
    await page.getByText(`Saved. Patients will see ${TEAM_PHONE}.`).waitFor();
    await checkScreen(page, 'team screen with the phone form');
  });

  it('shows Sam the list to carry in English, prints it without the app around it, and downloads the PDF, also offline', async () => {
    const page = await phone();
    await signInWithPassword(page, account(server, 'sam.'));
    await page.getByRole('navigation', { name: 'Your pages' }).getByRole('link', { name: 'Medicines' }).click();
    await page.getByRole('heading', { name: 'Your medicines', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'My list to carry (print or PDF)' }).click();
    await page.getByRole('heading', { name: 'Your list to carry', level: 1 }).waitFor();

    const sheet = page.locator('.carry-sheet');
    await sheet.getByText('Sticking plaster (adhesive): Itchy skin').waitFor();
    await sheet.getByText(`Phone: ${TEAM_PHONE}`).waitFor();
    await sheet.getByText('Emergency: call 999').waitFor();
    const medicines = await sheet.locator('.carry-table tbody th').allTextContents();
    expect(medicines.length).toBeGreaterThan(0);
    const text = (await sheet.textContent()) ?? '';
    expect(text.indexOf('Allergies')).toBeLessThan(text.indexOf('Medicines I take'));
    await page.locator('.wallet-front').getByText('Emergency: call 999').waitFor();
    await checkScreen(page, 'list to carry (English)');

    // On paper: only the list and the card, black on white.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.patient-nav').isVisible()).toBe(false);
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Download PDF' }).isVisible()).toBe(false);
    expect(await sheet.isVisible()).toBe(true);
    const cardWidth = await page.locator('.wallet-front').evaluate((el) => el.getBoundingClientRect().width);
    // 85.6 mm at 96 CSS pixels per inch.
    expect(cardWidth).toBeCloseTo((85.6 / 25.4) * 96, 0);
    // What the browser really prints: the list and the card, without the app's header or navigation.
    const printed = await readPdf(new Uint8Array(await page.pdf({ format: 'A4', printBackground: true })));
    const paper = printed.map((p) => p.text).join('\n');
    expect(paper).toContain('Sticking plaster (adhesive): Itchy skin');
    expect(paper).toContain('Emergency: call 999');
    expect(paper).not.toContain('Sign out');
    expect(paper).not.toContain('Download PDF');
    await page.emulateMedia({ media: 'screen' });

    const { download, bytes } = await downloaded(page, () =>
      page.getByRole('button', { name: 'Download PDF' }).click(),
    );
    expect(download.suggestedFilename()).toMatch(/^medicines-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pages = await readPdf(new Uint8Array(bytes));
    const list = pages[0]?.text ?? '';
    expect(pages[0]).toMatchObject({ width: 595.28, height: 841.89 });
    expect(list).toContain('Sticking plaster (adhesive): Itchy skin');
    expect(list).toContain('Emergency: call 999');
    expect(list).toContain(TEAM_PHONE);
    for (const name of medicines) {
      expect(pages.map((p) => p.text).join(' ')).toContain(name.trim().split(' ')[0]);
    }
    expect(pages.at(-1)?.width).toBeCloseTo(485.29, 1);
    expect(pages.at(-1)?.height).toBeCloseTo(153.07, 1);

    // No signal: the list comes from this phone's copy, and the PDF is still made here.
    await page.context().setOffline(true);
    await page.goto('/#/medicines').catch(() => undefined);
    await page.evaluate(() => {
      window.location.hash = '#/carry';
    });
    await page.getByText(/^Made from the list saved on this phone on /).waitFor();
    await page.locator('.carry-sheet').getByText('Sticking plaster (adhesive): Itchy skin').waitFor();
    const offline = await downloaded(page, () => page.getByRole('button', { name: 'Download PDF' }).click());
    expect((await readPdf(new Uint8Array(offline.bytes)))[0]?.text).toContain('Sticking plaster');
    await page.context().setOffline(false);
  });

  it('shows María the list and the PDF in Spanish, accents intact', async () => {
    const page = await phone();
    await signInWithPassword(page, account(server, 'maria.'));
    await page.getByRole('navigation', { name: 'Sus páginas' }).getByRole('link', { name: 'Medicinas' }).click();
    await page.getByRole('link', { name: 'Mi lista para llevar (imprimir o PDF)' }).click();
    await page.getByRole('heading', { name: 'Su lista para llevar', level: 1 }).waitFor();
    const sheet = page.locator('.carry-sheet');
    await sheet.getByText('Penicilina: Sarpullido').waitFor();
    await sheet.getByText('Emergencia: llame al 911').waitFor();
    await sheet.getByText(`Teléfono: ${TEAM_PHONE}`).waitFor();
    await checkScreen(page, 'lista para llevar (español)');

    const { download, bytes } = await downloaded(page, () =>
      page.getByRole('button', { name: 'Descargar PDF' }).click(),
    );
    expect(download.suggestedFilename()).toMatch(/^medicinas-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pages = await readPdf(new Uint8Array(bytes));
    expect(pages[0]).toMatchObject({ width: 612, height: 792 });
    const list = pages[0]?.text ?? '';
    for (const words of [
      'Mis medicinas',
      'Nombre: María López',
      'Alergias',
      'Penicilina: Sarpullido',
      'Medicinas que tomo',
      'Emergencia: llame al 911',
      `Teléfono: ${TEAM_PHONE}`,
    ]) {
      expect(list).toContain(words);
    }
    expect(pages.at(-1)?.text).toContain('Tarjeta médica');
  });

  it('adds a visit to the calendar and turns the private feed on and off, in Spanish', async () => {
    const page = await phone();
    await signInWithPassword(page, account(server, 'maria.'));
    await page.getByRole('navigation', { name: 'Sus páginas' }).getByRole('link', { name: 'Citas' }).click();
    const add = page.getByRole('link', { name: /^Agregar a mi calendario: la visita del / }).first();
    await add.waitFor();
    const { download, bytes } = await downloaded(page, () => add.click());
    expect(download.suggestedFilename()).toMatch(/^visit-\d{4}-\d{2}-\d{2}\.ics$/);
    const calendar = new ICAL.Component(ICAL.parse(bytes.toString('utf8')) as unknown[]);
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent') ?? undefined);
    expect(event.summary).toMatch(/^Visita con /);
    expect(event.startDate.toJSDate().getTime()).toBeGreaterThan(0);

    await page.getByRole('checkbox', { name: /cuándo tomar mis medicinas/ }).check();
    await page.getByRole('button', { name: 'Hacer mi enlace de calendario' }).click();
    const link = page.getByLabel('Su enlace privado de calendario');
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(await page.getByRole('link', { name: 'Abrir en mi app de calendario' }).getAttribute('href')).toMatch(
      /^webcal:\/\//,
    );
    await expectAccessible(page, 'visitas con el enlace de calendario');
    await checkScreen(page, 'visitas');

    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    const events = new ICAL.Component(ICAL.parse(await feed.text()) as unknown[]).getAllSubcomponents('vevent');
    expect(events.length).toBeGreaterThan(1);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Apagar' }).click();
    await page.getByText('Su enlace de calendario está apagado. Ya no funciona.').waitFor();
    expect((await fetch(url)).status).toBe(404);
  });
});
