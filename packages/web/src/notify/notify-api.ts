/** The inbox and Web Push endpoints of the server, as the web app calls them. */
import { request } from '../api/client.ts';

export type NotificationKind =
  'dose' | 'visit' | 'check-in' | 'caregiver-dose-unanswered' | 'alert' | 'alert-escalated';

export interface InboxNotification {
  id: string;
  recipientId: string;
  patientId: string | null;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Where tapping it leads, e.g. "#/medicines". */
  link: string;
  createdAt: string;
  readAt: string | null;
}

export interface Inbox {
  notifications: InboxNotification[];
  unread: number;
  /** Hand it back as `cursor` for the next (older) page; null when this page holds the oldest. */
  nextCursor: string | null;
}

export interface PushDevice {
  id: string;
  endpoint: string;
  deviceLabel: string | null;
  createdAt: string;
}

/** PushSubscription.toJSON() as the browser gives it. */
export interface PushSubscriptionJson {
  endpoint?: string;
  expirationTime?: number | null;
  keys?: Record<string, string>;
}

export const notifyApi = {
  inbox: (options: { limit?: number; cursor?: string } = {}) => {
    const query = new URLSearchParams();
    if (options.limit !== undefined) {
      query.set('limit', String(options.limit));
    }
    if (options.cursor !== undefined) {
      query.set('cursor', options.cursor);
    }
    const suffix = query.size > 0 ? `?${query.toString()}` : '';
    return request<Inbox>('GET', `/api/v1/me/notifications${suffix}`);
  },
  markRead: (id: string) => request<undefined>('POST', `/api/v1/me/notifications/${encodeURIComponent(id)}/read`),
  markAllRead: () => request<undefined>('POST', '/api/v1/me/notifications/read-all'),
  publicKey: () => request<{ publicKey: string }>('GET', '/api/v1/push/public-key'),
  devices: () => request<{ subscriptions: PushDevice[] }>('GET', '/api/v1/me/push-subscriptions'),
  saveDevice: (subscription: PushSubscriptionJson, deviceLabel: string | null) =>
    request<{ subscription: PushDevice }>('POST', '/api/v1/me/push-subscriptions', { ...subscription, deviceLabel }),
  removeDevice: (id: string) => request<undefined>('DELETE', `/api/v1/me/push-subscriptions/${encodeURIComponent(id)}`),
};
