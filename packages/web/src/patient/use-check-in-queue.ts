/** The one check-in queue of this page, over localStorage, and the hooks that keep it sending and show what waits. */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { api } from '../api/client.ts';
import { CheckInQueue } from './check-in-queue.ts';
import type { KeyValueStorage, QueuedCheckIn } from './check-in-queue.ts';

const deviceStorage: KeyValueStorage = {
  getItem: (key) => localStorage.getItem(key),
  setItem: (key, value) => {
    localStorage.setItem(key, value);
  },
};

/** Two open tabs take turns, so they do not both send the same check-in (the server would keep one anyway). */
async function betweenTabs<T>(fn: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && 'locks' in navigator) {
    return navigator.locks.request('aftercare-check-in-queue', fn);
  }
  return fn();
}

export const checkInQueue = new CheckInQueue(
  deviceStorage,
  (patientId, checkIn) => api.checkIn(patientId, checkIn),
  betweenTabs,
);

/** How often to try again while something waits: `online` events are not fired everywhere a connection returns. */
const RETRY_MS = 20_000;

/** Sends what waits now, when the connection comes back, and every little while until nothing waits. */
export function useCheckInSync(patientId: string): void {
  const waiting = useWaitingCheckIns(patientId).waiting.length;
  useEffect(() => {
    const flush = (): void => {
      void checkInQueue.flush(patientId);
    };
    flush();
    window.addEventListener('online', flush);
    const timer = waiting > 0 ? window.setInterval(flush, RETRY_MS) : undefined;
    return () => {
      window.removeEventListener('online', flush);
      window.clearInterval(timer);
    };
  }, [patientId, waiting]);
}

/** The patient's check-ins on this device: still to send, and refused by the server. Changes with the queue. */
export function useWaitingCheckIns(patientId: string): { waiting: QueuedCheckIn[]; refused: QueuedCheckIn[] } {
  const subscribe = useCallback((onChange: () => void) => {
    const unsubscribe = checkInQueue.subscribe(onChange);
    // Another tab's changes arrive as storage events.
    window.addEventListener('storage', onChange);
    return () => {
      unsubscribe();
      window.removeEventListener('storage', onChange);
    };
  }, []);
  // A string snapshot: stable between changes, as useSyncExternalStore needs.
  const snapshot = useSyncExternalStore(subscribe, () => JSON.stringify(checkInQueue.items()));
  const items = (JSON.parse(snapshot) as QueuedCheckIn[]).filter((item) => item.patientId === patientId);
  return {
    waiting: items.filter((item) => item.refused === null),
    refused: items.filter((item) => item.refused !== null),
  };
}
