/** Helpers for the browser tests: launching Chromium, and the checks every screen must pass (axe, width, Emergency). */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { en } from '../packages/web/src/i18n/en.ts';
import { shellEn } from '../packages/web/src/i18n/shell.ts';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const PHONE = { width: 360, height: 740 };

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject('chromiumPath'),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What a test may change about a phone; the rest (size, touch, UTC clock, 10 s waits) is the same for every test. */
export type PhoneOptions = Pick<
  BrowserContextOptions,
  'locale' | 'baseURL' | 'serviceWorkers' | 'permissions' | 'acceptDownloads'
>;

/**
 * A fresh phone-sized browser profile (its own cookies, storage and service worker), in English, in the US, on the
 * shared server unless a test started its own (`baseURL`).
 */
export async function newPhone(browser: Browser, options: PhoneOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: PHONE,
    timezoneId: 'UTC',
    hasTouch: true,
    ...options,
    baseURL: options.baseURL ?? inject('baseUrl'),
    locale: options.locale ?? 'en-US',
  });
  context.setDefaultTimeout(10_000);
  return context;
}

/** Signs in from the start page with an e-mail and password; the caller waits for the screen it expects next. */
export async function signInWithPassword(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Runs axe-core on the page and fails on serious or critical violations (listing them, so the fix is obvious). */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const hasAxe = async (): Promise<boolean> => page.evaluate(() => 'axe' in window);
  if (!(await hasAxe())) {
    try {
      await page.addScriptTag({ content: AXE_SOURCE });
    } catch {
      // A strict CSP may refuse the script tag.
    }
    if (!(await hasAxe())) {
      // Evaluated through the DevTools protocol, which a page's CSP does not govern.
      await page.evaluate(AXE_SOURCE);
    }
  }
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking.map(
    (v) => `${v.impact ?? ''} ${v.id}: ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`,
  );
  expect(report, `axe on ${screen}`).toEqual([]);
}

/** Nothing may stick out sideways: at 360 px the page must not scroll horizontally. */
export async function expectNoHorizontalScroll(page: Page, screen: string): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `horizontal scroll on ${screen}`).toBeLessThanOrEqual(clientWidth);
}

/** The Emergency button is in view at the top of the screen and one tap from the emergency screen. */
export async function expectEmergencyOneTap(
  page: Page,
  screen: string,
  name: RegExp = /^(Emergency|Emergencia)$/,
): Promise<void> {
  await page.evaluate(() => {
    window.scrollTo({ top: 0, behavior: 'instant' });
  });
  const button = page.getByRole('link', { name });
  await expect.poll(async () => button.isVisible(), { message: `Emergency button visible on ${screen}` }).toBe(true);
  expect(await button.getAttribute('href'), `Emergency link on ${screen}`).toBe('#/emergency');
  const box = await button.boundingBox();
  expect(box, `Emergency button on ${screen}`).not.toBeNull();
  expect(box!.y + box!.height, `Emergency button in the first screenful on ${screen}`).toBeLessThanOrEqual(
    PHONE.height,
  );
  expect(box!.height, `Emergency button tap target on ${screen}`).toBeGreaterThanOrEqual(44);
}

const MESSAGE_KEYS = new Set([...Object.keys(shellEn), ...Object.keys(en)]);

/**
 * No text or label on screen is a bare message key: `translate` shows the key when a screen read its words before they
 * were loaded, which a person would see as "security.nav.account".
 */
export async function expectNoMessageKeys(page: Page, screen: string): Promise<void> {
  const texts = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      found.push(node.textContent ?? '');
    }
    for (const element of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        found.push(element.getAttribute(name) ?? '');
      }
    }
    return found;
  });
  const keys = texts.map((text) => text.trim()).filter((text) => MESSAGE_KEYS.has(text));
  expect(keys, `message keys shown instead of words on ${screen}`).toEqual([]);
}

/** Every check a screen must pass. */
export async function checkScreen(page: Page, screen: string): Promise<void> {
  await expectNoMessageKeys(page, screen);
  await expectAccessible(page, screen);
  await expectNoHorizontalScroll(page, screen);
  await expectEmergencyOneTap(page, screen);
}

export async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? '';
}
