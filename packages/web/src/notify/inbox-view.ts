/** Pure helpers of the inbox screen: safe links, paging, marking read locally. */
import type { InboxNotification } from './notify-api.ts';

/** Only the app's own screens: a link that is not "#/…" leads home. */
export function safeLink(link: string): string {
  return /^#\/[\w\-/.~%?=&]*$/.test(link) ? link : '#/';
}

/** Adds an older page under the list, without repeating any notification. */
export function appendOlder(list: InboxNotification[], older: InboxNotification[]): InboxNotification[] {
  const seen = new Set(list.map((n) => n.id));
  return [...list, ...older.filter((n) => !seen.has(n.id))];
}

export function markedRead(list: InboxNotification[], id: string | null, at: string): InboxNotification[] {
  return list.map((n) => ((id === null || n.id === id) && n.readAt === null ? { ...n, readAt: at } : n));
}
