/** Phone notifications on this device: what the browser allows, and turning Web Push on or off with the server. */
import { notifyApi } from './notify-api.ts';

/** What the switch shows: the browser cannot, the person blocked it, or it is off or on here. */
export type PushState = 'unsupported' | 'blocked' | 'off' | 'on';

/** How long to wait for the service worker to be ready (it registers on page load). */
const READY_TIMEOUT_MS = 10_000;

/** The bytes of a base64url text (the server's VAPID key), as PushManager.subscribe wants them. */
export function base64urlToBytes(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i += 1) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

function sameBytes(a: ArrayBuffer | null, b: Uint8Array): boolean {
  if (a === null || a.byteLength !== b.byteLength) {
    return false;
  }
  const view = new Uint8Array(a);
  return view.every((byte, i) => byte === b[i]);
}

/** A short name for this device, so a person can tell their devices apart; no more than the platform. */
export function deviceLabelOf(userAgent: string): string | null {
  const platforms: [RegExp, string][] = [
    [/iPhone/, 'iPhone'],
    [/iPad/, 'iPad'],
    [/Android/, 'Android'],
    [/Windows/, 'Windows'],
    [/Macintosh|Mac OS X/, 'Mac'],
    [/CrOS/, 'Chromebook'],
    [/Linux/, 'Linux'],
  ];
  return platforms.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
}

export function pushSupported(): boolean {
  return window.isSecureContext && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** The service worker's registration once it is active, or undefined (none, e.g. in development). */
async function readyRegistration(): Promise<ServiceWorkerRegistration | undefined> {
  const found = await navigator.serviceWorker.getRegistration('/');
  if (found === undefined) {
    return undefined;
  }
  if (found.active !== null) {
    return found;
  }
  const timeout = new Promise<undefined>((resolve) => window.setTimeout(resolve, READY_TIMEOUT_MS, undefined));
  return Promise.race([navigator.serviceWorker.ready, timeout]);
}

/** What the switch should show now. */
export async function currentPushState(): Promise<PushState> {
  if (!pushSupported()) {
    return 'unsupported';
  }
  if (Notification.permission === 'denied') {
    return 'blocked';
  }
  const registration = await readyRegistration();
  if (registration === undefined) {
    return 'unsupported';
  }
  const subscription = await registration.pushManager.getSubscription();
  return subscription !== null && Notification.permission === 'granted' ? 'on' : 'off';
}

async function saveToServer(subscription: PushSubscription): Promise<void> {
  await notifyApi.saveDevice(subscription.toJSON(), deviceLabelOf(navigator.userAgent));
}

/** Asks the browser (the person decides), subscribes with the server's key, and tells the server about this device. */
export async function turnPushOn(): Promise<PushState> {
  const permission = await Notification.requestPermission();
  if (permission === 'denied') {
    return 'blocked';
  }
  if (permission !== 'granted') {
    return 'off';
  }
  const registration = await readyRegistration();
  if (registration === undefined) {
    return 'unsupported';
  }
  const key = base64urlToBytes((await notifyApi.publicKey()).publicKey);
  let subscription = await registration.pushManager.getSubscription();
  if (subscription !== null && !sameBytes(subscription.options.applicationServerKey, key)) {
    // Made with another server key (a reinstalled server): it would never work again.
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  await saveToServer(subscription);
  return 'on';
}

/** Tells the server to stop (first, so a failure leaves it clearly on), then drops the browser's subscription. */
export async function turnPushOff(): Promise<PushState> {
  const registration = await readyRegistration();
  const subscription = (await registration?.pushManager.getSubscription()) ?? null;
  if (subscription !== null) {
    const { subscriptions } = await notifyApi.devices();
    const mine = subscriptions.find((device) => device.endpoint === subscription.endpoint);
    if (mine !== undefined) {
      await notifyApi.removeDevice(mine.id);
    }
    await subscription.unsubscribe();
  }
  return 'off';
}

/**
 * When the switch shows "on", tells the server again: the device follows whoever is signed in on it, and the server
 * learns it back if it had dropped it.
 */
export async function resyncPush(): Promise<void> {
  const registration = await readyRegistration();
  const subscription = (await registration?.pushManager.getSubscription()) ?? null;
  if (subscription !== null) {
    await saveToServer(subscription);
  }
}

/**
 * For sign-out: this device stops getting the account's notifications (call it before the session ends).
 * Never throws: signing out must always work.
 */
export async function forgetPushOnThisDevice(): Promise<void> {
  try {
    if (pushSupported() && Notification.permission === 'granted') {
      await turnPushOff();
    }
  } catch {
    // Offline or no session: the server drops the device when the push service says it is gone.
  }
}
