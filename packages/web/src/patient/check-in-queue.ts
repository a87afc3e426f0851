/** Check-ins kept on the device until the server has them: sent in order, each exactly once (by its idempotency key). */
import { ApiError } from '../api/errors.ts';
import type { CheckInInput, CheckInResponse, TriageResult } from '../api/types.ts';

/** A check-in waiting on this device. */
export interface QueuedCheckIn {
  /** Made on the device when the check-in was made; the server stores one check-in per key. */
  idempotencyKey: string;
  patientId: string;
  checkIn: Omit<CheckInInput, 'idempotencyKey'>;
  /** When the patient sent it (device clock). */
  createdAt: string;
  /** What triage on the device said, so the advice can be shown again after a reload. */
  localTriage: TriageResult | null;
  /** Set when the server refused it for good (not a network problem): kept so nothing typed is lost. */
  refused: string | null;
}

/** The part of localStorage the queue uses (an in-memory one in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export type SendCheckIn = (patientId: string, checkIn: CheckInInput) => Promise<CheckInResponse>;

/** Runs `fn` alone among this device's tabs (Web Locks), or just runs it where there are none. */
export type Lock = <T>(fn: () => Promise<T>) => Promise<T>;

export type QueueEvent =
  | { type: 'sent'; item: QueuedCheckIn; response: CheckInResponse }
  | { type: 'refused'; item: QueuedCheckIn; error: ApiError }
  | { type: 'changed' };

export const QUEUE_KEY = 'aftercare.check-in-queue';

/** A refusal the same request will meet again (bad input, not found); anything else is worth another try later. */
export function isFinalRefusal(error: unknown): error is ApiError {
  if (!(error instanceof ApiError)) {
    return false;
  }
  const retryable = error.status === 0 || error.status === 401 || error.status === 408 || error.status === 429;
  return !retryable && error.status >= 400 && error.status < 500;
}

function isQueued(value: unknown): value is QueuedCheckIn {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const item = value as Record<string, unknown>;
  return (
    typeof item.idempotencyKey === 'string' &&
    typeof item.patientId === 'string' &&
    typeof item.createdAt === 'string' &&
    typeof item.checkIn === 'object' &&
    item.checkIn !== null
  );
}

const runAlone: Lock = (fn) => fn();

export class CheckInQueue {
  private running: Promise<void> | null = null;
  private again = false;
  private readonly listeners = new Set<(event: QueueEvent) => void>();

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly send: SendCheckIn,
    private readonly lock: Lock = runAlone,
  ) {}

  /** Everything on the device, oldest first (read fresh each time: another tab may have changed it). */
  items(): QueuedCheckIn[] {
    let text: string | null;
    try {
      text = this.storage.getItem(QUEUE_KEY);
    } catch {
      return [];
    }
    if (text === null) {
      return [];
    }
    try {
      const value = JSON.parse(text) as unknown;
      return Array.isArray(value) ? value.filter(isQueued) : [];
    } catch {
      return [];
    }
  }

  /** Those of one patient still to be sent (refused ones are not sent again). */
  waiting(patientId: string): QueuedCheckIn[] {
    return this.items().filter((item) => item.patientId === patientId && item.refused === null);
  }

  refused(patientId: string): QueuedCheckIn[] {
    return this.items().filter((item) => item.patientId === patientId && item.refused !== null);
  }

  /** Keeps a check-in on the device; adding the same key again changes nothing. */
  add(item: Omit<QueuedCheckIn, 'refused'>): void {
    const items = this.items();
    if (!items.some((existing) => existing.idempotencyKey === item.idempotencyKey)) {
      this.write([...items, { ...item, refused: null }]);
    }
    this.emit({ type: 'changed' });
  }

  /** Forgets a check-in (the patient dismissed a refused one, or fixed it in the form). */
  remove(idempotencyKey: string): void {
    this.write(this.items().filter((item) => item.idempotencyKey !== idempotencyKey));
    this.emit({ type: 'changed' });
  }

  subscribe(listener: (event: QueueEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Sends the patient's waiting check-ins, oldest first, stopping at the first network failure (the rest wait for
   * the next try). One run at a time: a call during a run makes the run go round once more, so a check-in added
   * meanwhile is not left behind, and no check-in is in flight twice from this page.
   */
  flush(patientId: string): Promise<void> {
    if (this.running !== null) {
      this.again = true;
      return this.running;
    }
    const run = async (): Promise<void> => {
      try {
        do {
          this.again = false;
          await this.lock(() => this.sendWaiting(patientId));
        } while (this.rerunAsked());
      } finally {
        this.running = null;
      }
    };
    this.running = run();
    return this.running;
  }

  private rerunAsked(): boolean {
    return this.again;
  }

  private async sendWaiting(patientId: string): Promise<void> {
    for (const item of this.waiting(patientId)) {
      // Another tab may have sent it while this one waited for the lock.
      if (!this.items().some((current) => current.idempotencyKey === item.idempotencyKey)) {
        continue;
      }
      let response: CheckInResponse;
      try {
        response = await this.send(item.patientId, { ...item.checkIn, idempotencyKey: item.idempotencyKey });
      } catch (error) {
        if (isFinalRefusal(error)) {
          this.write(
            this.items().map((current) =>
              current.idempotencyKey === item.idempotencyKey ? { ...current, refused: error.message } : current,
            ),
          );
          this.emit({ type: 'refused', item, error });
          continue;
        }
        // Offline or the server is busy: everything stays for the next try.
        this.emit({ type: 'changed' });
        return;
      }
      this.write(this.items().filter((current) => current.idempotencyKey !== item.idempotencyKey));
      this.emit({ type: 'sent', item, response });
    }
  }

  private write(items: QueuedCheckIn[]): void {
    try {
      this.storage.setItem(QUEUE_KEY, JSON.stringify(items));
    } catch {
      // Storage full or blocked: the check-in is still sent while this page is open.
    }
  }

  private emit(event: QueueEvent): void {
    for (const listener of this.listeners) {
      listener(event);
    }
  }
}
