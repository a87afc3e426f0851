/**
 * The care team's live events across several server processes on one PostgreSQL: each event is delivered to this
 * process's listeners at once and sent to the others with NOTIFY; each process LISTENs and delivers what the others
 * sent. Payloads are ids only, like every care event.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { CARE_EVENT_TYPES, createInProcessEventBus, type CareEvent, type EventBus } from './event-bus.ts';

const CHANNEL = 'aftercare_care_events';
const RECONNECT_MS = 1000;

export interface PostgresEventBus extends EventBus {
  /** Resolves once this process is listening (events sent before that by others are not seen). */
  ready: Promise<void>;
  close(): Promise<void>;
}

interface Envelope {
  origin: string;
  event: CareEvent;
}

/**
 * @example
 * const events = createPostgresEventBus(process.env.DATABASE_URL, app.log);
 * await events.ready;
 */
export function createPostgresEventBus(
  url: string,
  log: { warn: (obj: object, msg: string) => void },
): PostgresEventBus {
  const local = createInProcessEventBus();
  const origin = randomUUID();
  let client: pg.Client | null = null;
  let closed = false;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const deliver = (payload: string | undefined): void => {
    const envelope = parseEnvelope(payload);
    if (envelope !== null && envelope.origin !== origin) {
      void local.publish(envelope.event);
    }
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      deliver(message.payload);
    });
    // A dropped connection is replaced; events sent meanwhile are missed (views re-read on reconnect).
    next.on('error', (error) => {
      log.warn({ error: error.message }, 'live events connection lost; reconnecting');
      if (client === next) {
        client = null;
      }
      void next.end().catch(() => undefined);
      scheduleReconnect();
    });
    await next.connect();
    await next.query(`LISTEN ${CHANNEL}`);
    if (closed) {
      await next.end();
      return;
    }
    client = next;
    markReady();
  };

  const scheduleReconnect = (): void => {
    if (!closed) {
      setTimeout(() => {
        void connect().catch((error: unknown) => {
          log.warn({ error: error instanceof Error ? error.message : 'unknown' }, 'live events cannot connect');
          scheduleReconnect();
        });
      }, RECONNECT_MS).unref();
    }
  };

  void connect().catch((error: unknown) => {
    log.warn({ error: error instanceof Error ? error.message : 'unknown' }, 'live events cannot connect');
    scheduleReconnect();
  });

  return {
    ready,
    async publish(event) {
      await local.publish(event);
      const envelope: Envelope = { origin, event };
      if (client === null) {
        throw new Error('The live events connection is down.');
      }
      await client.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(envelope)]);
    },
    subscribe: (orgId, listener) => local.subscribe(orgId, listener),
    async close() {
      closed = true;
      const current = client;
      client = null;
      await current?.end();
    },
  };
}

/** What another process sent, or null when it is not a care event (never trust a channel's payload blindly). */
function parseEnvelope(payload: string | undefined): Envelope | null {
  try {
    const value = JSON.parse(payload ?? '') as Partial<Envelope>;
    const event = value.event;
    const valid =
      typeof value.origin === 'string' &&
      event !== undefined &&
      CARE_EVENT_TYPES.includes(event.type) &&
      typeof event.orgId === 'string' &&
      typeof event.patientId === 'string';
    return valid ? (value as Envelope) : null;
  } catch {
    return null;
  }
}
