/**
 * The organisation's live events (server-sent events): calls `onEvent` for each, and after every reconnect (events
 * missed meanwhile are not replayed, so the screen reads again). The browser's EventSource reconnects by itself
 * after a network drop; when the server refuses the stream (e.g. a restart mid-deploy), this tries again with backoff.
 */
import { useEffect, useRef, useState } from 'react';

export type LiveEventType =
  'alert.created' | 'alert.updated' | 'alert.escalated' | 'check-in.created' | 'message.created' | 'reconnected';

export interface LiveEvent {
  type: LiveEventType;
  patientId: string | null;
  alertId: string | null;
}

export type LiveState = 'connecting' | 'live' | 'retrying';

const TYPES: readonly LiveEventType[] = [
  'alert.created',
  'alert.updated',
  'alert.escalated',
  'check-in.created',
  'message.created',
];
const MAX_DELAY_MS = 30_000;

function parse(type: LiveEventType, data: unknown): LiveEvent {
  let patientId: string | null = null;
  let alertId: string | null = null;
  try {
    const value = JSON.parse(String(data)) as { patientId?: unknown; alertId?: unknown };
    patientId = typeof value.patientId === 'string' ? value.patientId : null;
    alertId = typeof value.alertId === 'string' ? value.alertId : null;
  } catch {
    // An event without readable ids still means "something changed".
  }
  return { type, patientId, alertId };
}

export function useLiveEvents(onEvent: (event: LiveEvent) => void, url = '/api/v1/events'): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  }, [onEvent]);

  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setState('retrying');
      return;
    }
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = 1000;
    let opened = false;
    let stopped = false;

    const connect = () => {
      source = new EventSource(url, { withCredentials: true });
      source.onopen = () => {
        setState('live');
        delay = 1000;
        if (opened) {
          handler.current({ type: 'reconnected', patientId: null, alertId: null });
        }
        opened = true;
      };
      for (const type of TYPES) {
        source.addEventListener(type, (event) => {
          handler.current(parse(type, event.data));
        });
      }
      source.onerror = () => {
        setState('retrying');
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          // The browser gave up (the server answered with an error): try again later, a little slower each time.
          source.close();
          timer = setTimeout(connect, delay);
          delay = Math.min(MAX_DELAY_MS, delay * 2);
        }
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [url]);

  return state;
}
