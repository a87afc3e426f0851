/** The delivery channels this server has configured: Web Push always, e-mail when an SMTP server is set. */
import type { Store } from '@aftercare/store';
import type { NotificationChannel } from './channel.ts';
import type { DeliveryConfig } from './delivery-config.ts';
import { createEmailChannel } from './email-channel.ts';
import { ensureVapidKeys } from './vapid-keys.ts';
import { createWebPushChannel } from './web-push-channel.ts';

/**
 * Makes the configured channels, and the VAPID keys on first start (so the public key is ready for browsers).
 * The in-app inbox is not among them: every notification is stored there before any channel runs.
 * @example
 * const channels = await createDeliveryChannels(store, loadDeliveryConfig(process.env));
 * for (const channel of channels) await channel.deliver(notification, recipient);
 */
export async function createDeliveryChannels(store: Store, config: DeliveryConfig): Promise<NotificationChannel[]> {
  await ensureVapidKeys(store, config.clock.now());
  const channels: NotificationChannel[] = [createWebPushChannel(store, config)];
  if (config.smtpUrl !== null) {
    channels.push(createEmailChannel(config));
  }
  return channels;
}
