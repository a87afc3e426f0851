/** What delivery keeps: each device's Web Push subscription, and small server settings (the VAPID keys). */
import type { Id, Instant } from './store.ts';

/** One browser on one device that agreed to get push messages for one account. */
export interface PushSubscription {
  id: Id;
  userId: Id;
  /** The push service's URL for this browser (unique: a device that changes account moves with it). */
  endpoint: string;
  /** The browser's public key (base64url) and auth secret (base64url): payloads are encrypted for them. */
  p256dh: string;
  auth: string;
  /** What the person called this device, e.g. "My phone"; null when not given. */
  deviceLabel: string | null;
  createdAt: Instant;
}

export type NewPushSubscription = Omit<PushSubscription, 'id' | 'createdAt'>;
