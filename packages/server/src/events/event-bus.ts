/**
 * The care team's live events: what changed (ids only, never health data), delivered to every listener of the
 * organisation. The bus is injected into the app, so an in-process bus can give way to one over PostgreSQL
 * LISTEN/NOTIFY when several server processes share the work.
 */

export type CareEventType =
  'alert.created' | 'alert.updated' | 'alert.escalated' | 'check-in.created' | 'message.created';

export const CARE_EVENT_TYPES: readonly CareEventType[] = [
  'alert.created',
  'alert.updated',
  'alert.escalated',
  'check-in.created',
  'message.created',
];

export interface CareEvent {
  type: CareEventType;
  orgId: string;
  patientId: string;
  alertId: string | null;
  checkInId: string | null;
  /** When it happened (the server's clock), ISO UTC. */
  at: string;
}

export type CareEventListener = (event: CareEvent) => void;

export interface EventBus {
  /** Delivers the event to the organisation's listeners; resolves once it is handed over (not once it is read). */
  publish(event: CareEvent): Promise<void>;
  /** Listens to one organisation's events; returns the function that stops listening. */
  subscribe(orgId: string, listener: CareEventListener): () => void;
}

/**
 * A bus inside this process: enough for one server process.
 * @example
 * const events = createInProcessEventBus();
 * const stop = events.subscribe(orgId, (event) => { console.log(event.type); });
 * await events.publish({ type: 'alert.created', orgId, patientId, alertId, checkInId, at });
 */
export function createInProcessEventBus(): EventBus {
  const listeners = new Map<string, Set<CareEventListener>>();
  return {
    publish(event) {
      for (const listener of [...(listeners.get(event.orgId) ?? [])]) {
        try {
          listener(event);
        } catch {
          // One broken listener (a closed stream) must not keep the event from the others.
        }
      }
      return Promise.resolve();
    },
    subscribe(orgId, listener) {
      let set = listeners.get(orgId);
      if (set === undefined) {
        set = new Set();
        listeners.set(orgId, set);
      }
      set.add(listener);
      return () => {
        const current = listeners.get(orgId);
        current?.delete(listener);
        if (current?.size === 0) {
          listeners.delete(orgId);
        }
      };
    },
  };
}

/** Publishing must never fail the request that caused it: the change is stored; a missed live event only delays a view. */
export async function publishSafely(
  bus: EventBus,
  event: CareEvent,
  log: { warn: (obj: object, msg: string) => void },
): Promise<void> {
  try {
    await bus.publish(event);
  } catch (error) {
    log.warn({ type: event.type, error: error instanceof Error ? error.message : 'unknown' }, 'event not published');
  }
}
