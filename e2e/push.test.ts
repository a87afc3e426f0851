/**
 * Phone notifications and the inbox in a real browser: the switch's states, a device subscribed through the screen,
 * a push sent by the server's Web Push channel to a local push receiver (VAPID JWT checked, aes128gcm payload
 * decrypted with the device's keys), that payload handed to the real service worker, and the inbox screen showing
 * notifications put in through the store (tap → read and go; mark all read; the badges), in English and Spanish.
 *
 * Not verified here, because this Chromium (headless shell, offline) has no notification service and no push
 * service: the browser's own PushManager.subscribe (replaced by a stand-in that returns a subscription with the
 * test's keys and the local receiver's address), the notification being drawn on screen, and a tap on it.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../packages/store/src/open-store.ts';
import type { Store } from '../packages/store/src/store.ts';
import { FakeClock } from '../packages/server/src/clock.ts';
import { defaultDeliveryConfig } from '../packages/server/src/notify/delivery-config.ts';
import { createWebPushChannel } from '../packages/server/src/notify/web-push-channel.ts';
import {
  fakeBrowserKeys,
  startPushReceiver,
  type PushReceiver,
} from '../packages/server/src/notify/testing/web-push-receiver.ts';
import { checkScreen, launchBrowser, newPhone, signInWithPassword } from './browser.ts';
import { startServer, type DemoAccount, type RunningServer } from './server.ts';

interface StandIn {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/**
 * Runs in the page before the app: the permission prompt says yes, and PushManager hands out a subscription with the
 * test's keys (kept in localStorage, so it survives reloads like a real one). Records the key the app subscribed with.
 */
function installPushStandIn(standIn: StandIn): void {
  const toBase64 = (buffer: ArrayBuffer): string => btoa(String.fromCharCode(...new Uint8Array(buffer)));
  const fromBase64 = (text: string): ArrayBuffer => Uint8Array.from(atob(text), (c) => c.charCodeAt(0)).buffer;
  Object.defineProperty(Notification, 'permission', {
    configurable: true,
    get: () => localStorage.getItem('standIn.permission') ?? 'default',
  });
  Notification.requestPermission = () => {
    localStorage.setItem('standIn.permission', 'granted');
    return Promise.resolve('granted');
  };
  const subscription = (key: ArrayBuffer) => ({
    endpoint: standIn.endpoint,
    expirationTime: null,
    options: { applicationServerKey: key, userVisibleOnly: true },
    toJSON: () => ({
      endpoint: standIn.endpoint,
      expirationTime: null,
      keys: { p256dh: standIn.p256dh, auth: standIn.auth },
    }),
    unsubscribe: () => {
      localStorage.removeItem('standIn.key');
      return Promise.resolve(true);
    },
  });
  PushManager.prototype.subscribe = function (options?: PushSubscriptionOptionsInit) {
    const given = options?.applicationServerKey;
    const key: ArrayBuffer = (
      ArrayBuffer.isView(given) ? Uint8Array.from(new Uint8Array(given.buffer)) : new Uint8Array(0)
    ).buffer;
    localStorage.setItem('standIn.key', toBase64(key));
    return Promise.resolve(subscription(key) as unknown as PushSubscription);
  };
  PushManager.prototype.getSubscription = function () {
    const kept = localStorage.getItem('standIn.key');
    return Promise.resolve(kept === null ? null : (subscription(fromBase64(kept)) as unknown as PushSubscription));
  };
}

describe('phone notifications and the inbox in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let receiver: PushReceiver;
  let store: Store;
  let alex: DemoAccount;
  let clinician: DemoAccount;
  const keys = fakeBrowserKeys();

  async function newPage(
    options: { standIn?: StandIn; noPush?: boolean } = {},
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newPhone(browser, { baseURL: server.baseUrl, permissions: ['notifications'] });
    if (options.standIn !== undefined) {
      await context.addInitScript(installPushStandIn, options.standIn);
    }
    if (options.noPush === true) {
      await context.addInitScript(() => {
        delete (window as { PushManager?: unknown }).PushManager;
      });
    }
    return { context, page: await context.newPage() };
  }

  async function signIn(page: Page, who: DemoAccount): Promise<void> {
    await signInWithPassword(page, who);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // The service worker (push-handler.js inside) is active before the switch looks for it.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
  }

  async function userIdOf(page: Page): Promise<string> {
    return page.evaluate(async () => {
      const answer = (await (await fetch('/api/v1/me')).json()) as { user: { id: string } };
      return answer.user.id;
    });
  }

  beforeAll(async () => {
    server = await startServer({ name: 'push', demo: true, env: { AFTERCARE_LOGIN_RATE_LIMIT: '1000' } });
    const find = (pick: (a: DemoAccount) => boolean): DemoAccount => {
      const found = server.accounts.find(pick);
      if (found === undefined) {
        throw new Error('demo account missing');
      }
      return found;
    };
    alex = find((a) => a.email.startsWith('alex.rivera.'));
    clinician = find((a) => a.role === 'clinician');
    browser = await launchBrowser();
    receiver = await startPushReceiver();
    store = await openStore({ file: server.dbFile });
  });

  afterAll(async () => {
    await store.close();
    await receiver.close();
    await browser.close();
    await server.stop();
  });

  it('says how to unblock when the browser blocks notifications (this headless Chromium always does)', async () => {
    const { context, page } = await newPage();
    await signIn(page, alex);
    await page.goto('/#/inbox');
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    const toggle = page.getByRole('region', { name: 'Phone notifications' });
    await toggle.getByText('This browser blocks them for Aftercare.').waitFor();
    await toggle.getByText(/tap the lock/).waitFor();
    expect(await toggle.getByRole('button').count()).toBe(0);
    await checkScreen(page, 'inbox (blocked)');
    await context.close();
  });

  it('says so when the browser cannot do push at all', async () => {
    const { context, page } = await newPage({ noPush: true });
    await signIn(page, alex);
    await page.goto('/#/inbox');
    await page.getByText('This browser cannot show notifications. You will still find them all here.').waitFor();
    await context.close();
  });

  it('turns phone notifications on, gets an encrypted VAPID push, hands it to the service worker, and turns off', async () => {
    const standIn: StandIn = { endpoint: receiver.endpoint('alex-phone'), p256dh: keys.p256dh, auth: keys.auth };
    const { context, page } = await newPage({ standIn });
    await signIn(page, alex);
    await page.goto('/#/inbox');
    const toggle = page.getByRole('region', { name: 'Phone notifications' });
    await toggle.getByText(/^Off on this phone\./).waitFor();
    await checkScreen(page, 'inbox (push off)');
    await toggle.getByRole('button', { name: 'Turn on' }).click();
    await toggle.getByText('On for this phone.').waitFor();

    // The app subscribed with the server's VAPID key, and the server kept this device for Alex.
    const { publicKey, usedKey } = await page.evaluate(async () => {
      const answer = (await (await fetch('/api/v1/push/public-key')).json()) as { publicKey: string };
      return { publicKey: answer.publicKey, usedKey: localStorage.getItem('standIn.key') ?? '' };
    });
    expect(Buffer.from(usedKey, 'base64').toString('base64url')).toBe(publicKey);
    const userId = await userIdOf(page);
    const devices = await store.listPushSubscriptions(userId);
    expect(devices).toMatchObject([{ endpoint: standIn.endpoint, p256dh: keys.p256dh, auth: keys.auth }]);

    // The server's channel sends to the device: signed with the kept key, readable only with the device's keys.
    const user = await store.getUser(userId);
    if (user === undefined) {
      throw new Error('no user');
    }
    const clock = new FakeClock(new Date());
    const channel = createWebPushChannel(store, { ...defaultDeliveryConfig, pushAllowLoopback: true, clock });
    const id = randomUUID();
    const outcome = await channel.deliver(
      {
        id,
        recipientId: user.id,
        patientId: user.patientId,
        kind: 'dose',
        title: 'Time for your antibiotic',
        body: 'Take 1 pill now.',
        link: '#/medicines',
        createdAt: clock.now().toISOString(),
      },
      user,
    );
    expect(outcome).toBe('sent');
    const request = receiver.received.at(-1);
    expect(request).toMatchObject({ contentEncoding: 'aes128gcm', vapidKey: publicKey, signatureValid: true });
    const payload = keys.decrypt(request?.body ?? Buffer.alloc(0));
    expect(JSON.parse(payload)).toEqual({
      id,
      kind: 'dose',
      title: 'Time for your antibiotic',
      body: 'Take 1 pill now.',
      link: '#/medicines',
    });

    // The decrypted payload goes to the real service worker as the browser would hand it over.
    await page.reload();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      const heard: unknown[] = [];
      (window as unknown as { heard: unknown[] }).heard = heard;
      navigator.serviceWorker.addEventListener('message', (event) => heard.push(event.data));
    });
    const cdp = await context.newCDPSession(page);
    const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => {
      registrations.push(...event.registrations);
    });
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => registrations.find((r) => !r.isDeleted)).toBeDefined();
    const registration = registrations.find((r) => !r.isDeleted);
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: server.baseUrl,
      registrationId: registration?.registrationId ?? '',
      data: payload,
    });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { heard: { type: string; id: string }[] }).heard))
      .toContainEqual(expect.objectContaining({ type: 'aftercare-notification', id }));

    await page.goto('/#/inbox');
    await toggle.getByRole('button', { name: 'Turn off' }).click();
    await toggle.getByText(/^Off on this phone\./).waitFor();
    expect(await store.listPushSubscriptions(userId)).toEqual([]);
    await context.close();
  });

  it('lists notifications put in the inbox, marks one read on tap and goes there, and marks all read', async () => {
    const { context, page } = await newPage();
    await signIn(page, alex);
    const userId = await userIdOf(page);
    const user = await store.getUser(userId);
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const note = (title: string, link: string, minutesAgo: number) => ({
      id: randomUUID(),
      recipientId: userId,
      patientId: user?.patientId ?? null,
      kind: 'dose',
      title,
      body: `${title}: a reminder from your plan.`,
      link,
      createdAt: at(minutesAgo),
      jobId: null,
    });
    await store.addNotifications([
      note('Time for your antibiotic', '#/medicines', 30),
      note('Your visit is tomorrow', '#/visits', 10),
    ]);
    await page.goto('/#/');
    await page.reload();
    const nav = page.getByRole('navigation', { name: 'Your pages' });
    // The badge sits on "More", where the inbox link is; screen readers hear the count.
    await nav.locator('summary').getByText('(2 new)').waitFor({ state: 'attached' });
    await nav.locator('summary').click();
    await nav.getByRole('link', { name: /^Notifications/ }).click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await page.getByText('2 new', { exact: true }).waitFor();
    const items = page.locator('.inbox-item');
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(2);
    // Newest first, unread marked in words as well as style.
    await expect.poll(() => items.first().textContent()).toContain('Your visit is tomorrow');
    expect(await items.first().getByText('New', { exact: true }).count()).toBe(1);
    await checkScreen(page, 'inbox');

    await page
      .getByRole('link', { name: /Time for your antibiotic/ })
      .first()
      .click();
    await page.waitForURL(/#\/medicines$/);
    await expect
      .poll(async () => (await store.listNotifications(userId)).filter((n) => n.readAt === null).length)
      .toBe(1);

    await page.goto('/#/inbox');
    await page.getByText('1 new', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByText('0 new', { exact: true }).waitFor();
    expect(await store.countUnreadNotifications(userId)).toBe(0);
    expect(await page.locator('.unread-badge').count()).toBe(0);

    // In Spanish.
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('heading', { name: 'Avisos', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Avisos en el teléfono' }).waitFor();
    await checkScreen(page, 'inbox (es)');
    await context.close();
  });

  it('shows older notifications a page at a time, keeping every one of a burst made in the same instant', async () => {
    // Another English-speaking patient than Alex, whose inbox the other tests count.
    const other = server.accounts.find((a) => a.email.startsWith('sam.okafor.'));
    if (other === undefined) {
      throw new Error('demo account sam.okafor missing');
    }
    const { context, page } = await newPage();
    await signIn(page, other);
    const userId = await userIdOf(page);
    const user = await store.getUser(userId);
    // One reminder run can make many notifications with one timestamp; the inbox shows 30 a page.
    const burst = new Date(Date.now() - 2 * 60 * 60_000).toISOString();
    await store.addNotifications(
      Array.from({ length: 45 }, (_, i) => ({
        id: randomUUID(),
        recipientId: userId,
        patientId: user?.patientId ?? null,
        kind: 'dose',
        title: `Burst note ${String(i).padStart(2, '0')}`,
        body: 'A reminder from your plan.',
        link: '#/medicines',
        createdAt: burst,
        jobId: null,
      })),
    );
    await page.goto('/#/inbox');
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    const burstItems = page.locator('.inbox-item').filter({ hasText: 'Burst note' });
    await expect.poll(() => burstItems.count()).toBeGreaterThan(0);
    const older = page.getByRole('button', { name: 'Show older' });
    for (let clicks = 0; clicks < 5 && (await older.count()) > 0; clicks++) {
      const shown = await page.locator('.inbox-item').count();
      await older.click();
      await expect.poll(() => page.locator('.inbox-item').count()).toBeGreaterThan(shown);
    }
    expect(await older.count()).toBe(0);
    const titles = await burstItems.locator('.inbox-title').allTextContents();
    expect(new Set(titles).size).toBe(45);
    expect(titles).toHaveLength(45);
    await context.close();
  });

  it('gives the care team the inbox from the header, with the unread badge', async () => {
    const { context, page } = await newPage();
    await signIn(page, clinician);
    const userId = await userIdOf(page);
    await store.addNotifications([
      {
        id: randomUUID(),
        recipientId: userId,
        patientId: null,
        kind: 'alert',
        title: 'A patient needs attention',
        body: 'Open the alert.',
        link: '#/',
        createdAt: new Date().toISOString(),
        jobId: null,
      },
    ]);
    await page.reload();
    const link = page.getByRole('banner').getByRole('link', { name: /^Notifications/ });
    const unread = await page.evaluate(async () => {
      const inbox = (await (await fetch('/api/v1/me/notifications?limit=1')).json()) as { unread: number };
      return inbox.unread;
    });
    expect(unread).toBeGreaterThanOrEqual(1);
    await link.getByText(`(${String(unread)} new)`).waitFor({ state: 'attached' });
    await link.click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await page.getByText('A patient needs attention').waitFor();
    await checkScreen(page, 'inbox (care team)');
    await context.close();
  });
});
