/** Web Push (VAPID, aes128gcm): sends each notification to every device the recipient turned phone notifications on. */
import webpush from 'web-push';
import type { PushSubscription, Store, User } from '@aftercare/store';
import type { DeliveryOutcome, Notification, NotificationChannel } from './channel.ts';
import type { DeliveryConfig } from './delivery-config.ts';
import { maySendTo } from './push-endpoint.ts';
import { ensureVapidKeys, type VapidKeys } from './vapid-keys.ts';

/** What the service worker receives (push-handler.js reads exactly these fields). */
export interface PushPayload {
  id: string;
  kind: Notification['kind'];
  title: string;
  body: string;
  link: string;
}

const ALERT_TTL_SECONDS = 24 * 60 * 60;
const SEND_TIMEOUT_MS = 10_000;

/** A push service answering 404 or 410 says the subscription is gone for good. */
const GONE = new Set([404, 410]);

function isAlert(kind: Notification['kind']): boolean {
  return kind === 'alert' || kind === 'alert-escalated';
}

export class PushSendError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null,
  ) {
    super(message);
    this.name = 'PushSendError';
  }
}

/**
 * Makes the Web Push channel. Keys are read (or made) on first use, so building it costs nothing.
 * A subscription the push service says is gone (404/410), or whose address we may not send to, is removed.
 * Fails (so the job is retried) only when no device got it and at least one failed for a reason worth retrying.
 * @example
 * const push = createWebPushChannel(store, loadDeliveryConfig(process.env));
 * await push.deliver(notification, recipient); // 'sent' | 'skipped'
 */
export function createWebPushChannel(store: Store, config: DeliveryConfig): NotificationChannel {
  let keys: Promise<VapidKeys> | undefined;
  let subject: Promise<string> | undefined;
  const vapidKeys = (): Promise<VapidKeys> => {
    keys ??= ensureVapidKeys(store, config.clock.now()).catch((error: unknown) => {
      keys = undefined;
      throw error;
    });
    return keys;
  };
  const vapidSubject = (): Promise<string> => {
    subject ??=
      config.vapidSubject !== null
        ? Promise.resolve(config.vapidSubject)
        : store.firstAdminEmail().then((email) => (email === undefined ? 'mailto:admin@localhost' : `mailto:${email}`));
    return subject;
  };

  async function sendOne(subscription: PushSubscription, payload: string, notification: Notification) {
    const [{ publicKey, privateKey }, contact] = await Promise.all([vapidKeys(), vapidSubject()]);
    const alert = isAlert(notification.kind);
    const request = webpush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      payload,
      {
        vapidDetails: { subject: contact, publicKey, privateKey },
        TTL: alert ? ALERT_TTL_SECONDS : config.pushTtlSeconds,
        urgency: alert ? 'high' : 'normal',
        contentEncoding: 'aes128gcm',
      },
    );
    const response = await fetch(request.endpoint, {
      method: request.method,
      headers: request.headers as Record<string, string>,
      body: new Uint8Array(request.body),
      // A push service never redirects: following one could lead the server somewhere it must not go.
      redirect: 'manual',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.status < 200 || response.status > 299) {
      throw new PushSendError(`The push service answered ${String(response.status)}.`, response.status);
    }
  }

  return {
    name: 'web-push',
    async deliver(notification: Notification, recipient: User): Promise<DeliveryOutcome> {
      // A disabled account's devices get nothing (someone else may hold the phone now).
      const subscriptions = recipient.disabledAt === null ? await store.listPushSubscriptions(recipient.id) : [];
      if (subscriptions.length === 0) {
        return 'skipped';
      }
      const payload: PushPayload = {
        id: notification.id,
        kind: notification.kind,
        title: notification.title,
        body: notification.body,
        link: notification.link,
      };
      const text = JSON.stringify(payload);
      let sent = 0;
      const failures: unknown[] = [];
      for (const subscription of subscriptions) {
        if (!maySendTo(subscription.endpoint, { hosts: config.pushHosts, allowLoopback: config.pushAllowLoopback })) {
          await store.deletePushSubscription(subscription.id);
          continue;
        }
        try {
          await sendOne(subscription, text, notification);
          sent += 1;
        } catch (error) {
          if (error instanceof PushSendError && error.statusCode !== null && GONE.has(error.statusCode)) {
            await store.deletePushSubscription(subscription.id);
          } else {
            failures.push(error);
          }
        }
      }
      if (sent > 0) {
        // A device that failed now misses this one: retrying would send it twice to the others. The inbox has it.
        return 'sent';
      }
      if (failures.length > 0) {
        throw new AggregateError(failures, `Web Push failed for all ${String(failures.length)} device(s).`);
      }
      return 'skipped';
    },
  };
}
