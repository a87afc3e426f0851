/** The signed-in person's unread count, shared by the badges: asked again on moves, on return, on a push, each minute. */
import { useEffect, useSyncExternalStore } from 'react';
import { notifyApi } from './notify-api.ts';

let unread = 0;
const listeners = new Set<() => void>();

function set(value: number): void {
  if (value !== unread) {
    unread = value;
    listeners.forEach((listener) => {
      listener();
    });
  }
}

/** Asks the server again (a failure keeps the last count: offline is not "nothing new"). */
export async function refreshUnread(): Promise<void> {
  try {
    set((await notifyApi.inbox({ limit: 1 })).unread);
  } catch {
    // Keep the last known count.
  }
}

/** After the inbox screen changed what is read, without another request. */
export function setUnread(value: number): void {
  set(Math.max(0, value));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const REFRESH_MS = 60_000;

/** The unread count, kept fresh while a component that shows it is on screen. */
export function useUnreadCount(): number {
  useEffect(() => {
    void refreshUnread();
    const refresh = (): void => {
      if (document.visibilityState === 'visible') {
        void refreshUnread();
      }
    };
    const timer = window.setInterval(refresh, REFRESH_MS);
    window.addEventListener('hashchange', refresh);
    document.addEventListener('visibilitychange', refresh);
    // The service worker says when a push arrived (push-handler.js).
    const worker = 'serviceWorker' in navigator ? navigator.serviceWorker : null;
    worker?.addEventListener('message', refresh);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('hashchange', refresh);
      document.removeEventListener('visibilitychange', refresh);
      worker?.removeEventListener('message', refresh);
    };
  }, []);
  return useSyncExternalStore(subscribe, () => unread);
}
