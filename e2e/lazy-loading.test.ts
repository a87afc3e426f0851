/**
 * The app loaded in parts (the first chunk holds only sign-in, the shell words and Emergency): a patient's first
 * visit precaches every part, so with no signal a screen never opened before (the check-in, with the device triage)
 * and the other language still open; a screen on its way shows "Loading…", and one whose part cannot load says so,
 * with Try again, while Emergency stays one tap away. Every answer of the server is compressed when the browser can.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen, launchBrowser, newPhone } from './browser.ts';
import { startServer, type DemoAccount, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let patient: DemoAccount;

beforeAll(async () => {
  server = await startServer({ name: 'lazy-loading', demo: true, env: { AFTERCARE_LOGIN_RATE_LIMIT: '1000' } });
  browser = await launchBrowser();
  const found = server.accounts.find((a) => a.email.startsWith('alex.rivera.'));
  if (found === undefined) {
    throw new Error('demo patient alex.rivera. missing');
  }
  patient = found;
});

afterAll(async () => {
  await browser.close();
  await server.stop();
});

async function phone(serviceWorkers: 'allow' | 'block'): Promise<BrowserContext> {
  return newPhone(browser, { baseURL: server.baseUrl, serviceWorkers });
}

async function signIn(page: Page): Promise<void> {
  await page.goto('/');
  await page.locator('input[type="email"]').fill(patient.email);
  await page.locator('input[type="password"]').fill(patient.password);
  await page.locator('form button[type="submit"]').click();
  await page.getByRole('heading', { name: /^Day \d+$/, level: 1 }).waitFor();
}

async function openFromMore(page: Page, link: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Your pages' });
  await nav.getByText('More', { exact: true }).click();
  await nav.getByRole('link', { name: link, exact: true }).click();
}

describe('the app in parts', () => {
  it('loads only the first part before sign-in, compressed, and only the active language', async () => {
    const context = await phone('block');
    try {
      const page = await context.newPage();
      const scripts: string[] = [];
      const answers: Promise<{ url: string; bytes: number; encoding?: string; vary?: string }>[] = [];
      page.on('response', (response) => {
        if (response.url().endsWith('.js')) {
          scripts.push(new URL(response.url()).pathname);
          if (response.status() !== 200) {
            return; // a revalidation (304) has no body to look at
          }
          const headers = response.headers();
          answers.push(
            response.body().then((body) => ({
              url: response.url(),
              bytes: body.length,
              encoding: headers['content-encoding'],
              vary: headers.vary,
            })),
          );
        }
      });
      await page.goto('/');
      await page.getByLabel('E-mail').waitFor();
      expect(scripts.filter((path) => /\/(PatientBody|CareTeamBody|CheckInScreen|en|es)-/.test(path))).toEqual([]);
      await signIn(page);
      expect(
        scripts.some((path) => /\/en-[\w-]+\.js$/.test(path)),
        'English words',
      ).toBe(true);
      expect(
        scripts.some((path) => /\/es-[\w-]+\.js$/.test(path)),
        'Spanish words',
      ).toBe(false);
      // The build compresses every file of 1 KB or more; smaller ones are not worth it.
      for (const answer of await Promise.all(answers)) {
        expect(answer.vary, `${answer.url} vary`).toMatch(/accept-encoding/i);
        if (answer.bytes >= 1024) {
          expect(['br', 'gzip'], `${answer.url} content-encoding`).toContain(answer.encoding);
        }
      }
    } finally {
      await context.close();
    }
  });

  it('opens the check-in, never opened before, and Spanish with no signal after one visit', async () => {
    const context = await phone('allow');
    try {
      const page = await context.newPage();
      await signIn(page);
      // The service worker has precached every part once it controls the page.
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await context.setOffline(true);
      await openFromMore(page, 'Check-in');
      await page.getByRole('heading', { name: 'Daily check-in', level: 1 }).waitFor();
      await page.getByRole('checkbox', { name: 'Chest pain' }).waitFor();
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { name: 'Control diario', level: 1 }).waitFor();
      await page.getByRole('checkbox', { name: 'Dolor en el pecho' }).waitFor();
      await checkScreen(page, 'check-in opened offline, in Spanish');
      await page.getByLabel('Idioma').selectOption('en');
      await page.getByRole('heading', { name: 'Daily check-in', level: 1 }).waitFor();
    } finally {
      await context.setOffline(false);
      await context.close();
    }
  });

  it('shows Loading… while a screen comes, and an error with Try again when it cannot; Emergency still works', async () => {
    const context = await phone('block');
    try {
      const page = await context.newPage();
      await signIn(page);
      let history: 'slow' | 'broken' | 'normal' = 'slow';
      await context.route(/\/assets\/HistoryScreen-[\w-]+\.js$/, async (route) => {
        if (history === 'broken') {
          await route.abort('internetdisconnected');
          return;
        }
        if (history === 'slow') {
          await new Promise((resolve) => setTimeout(resolve, 1500));
        }
        await route.continue();
      });

      history = 'broken';
      await openFromMore(page, 'History');
      await page.getByRole('alert').getByText('This page could not be loaded.', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Try again' }).waitFor();
      // The navigation stays, and the Emergency button still opens its screen.
      await page.getByRole('navigation', { name: 'Your pages' }).waitFor();
      await checkScreen(page, 'a screen that could not load');
      await page.getByRole('link', { name: 'Emergency' }).click();
      expect(await page.getByRole('link', { name: 'Call 911' }).getAttribute('href')).toBe('tel:911');
      await page.goBack();
      await page.getByRole('button', { name: 'Try again' }).waitFor();

      history = 'slow';
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.getByText('Loading…').first().waitFor();
      await page.getByRole('heading', { name: 'Your history', level: 1 }).waitFor({ timeout: 20_000 });
    } finally {
      await context.close();
    }
  });
});
