/** GET /api/v1/events: the organisation's live events as server-sent events (ids only, never health data). */
import type { RouteModule } from '../../http/types.ts';
import { commonErrors } from '../../http/schemas.ts';
import { signedInUser } from '../../http/caller.ts';
import type { CareEvent } from '../../events/event-bus.ts';

/** A comment line this often keeps proxies from closing an idle stream, and re-checks the session. */
export const HEARTBEAT_MS = 25_000;

/** One event in the text/event-stream format: the type, and the ids of what changed. */
export function formatEvent(sequence: number, event: CareEvent): string {
  const data = { patientId: event.patientId, alertId: event.alertId, checkInId: event.checkInId, at: event.at };
  return `id: ${sequence}\nevent: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

export const eventStream: RouteModule = (app, deps) => {
  const openStreams = new Set<() => void>();
  // Open streams would keep app.close() waiting forever: end them first.
  app.addHook('preClose', (done) => {
    for (const end of [...openStreams]) {
      end();
    }
    done();
  });

  app.get(
    '/api/v1/events',
    {
      config: { access: 'team' },
      schema: {
        tags: ['events'],
        summary:
          'Server-sent events of my organisation: alert.created, alert.updated, alert.escalated, check-in.created, message.created (ids only). After a reconnect, read the dashboard again: missed events are not replayed.',
        produces: ['text/event-stream'],
        response: { ...commonErrors },
      },
    },
    (request, reply) => {
      const user = signedInUser(request);
      const sessionHash = request.sessionHash;
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      // Reconnect after 3 s; a first comment flushes the headers so the client knows the stream is open.
      raw.write('retry: 3000\n: connected\n\n');
      let sequence = 0;
      const unsubscribe = deps.events.subscribe(user.orgId, (event) => {
        sequence += 1;
        raw.write(formatEvent(sequence, event));
      });
      const heartbeat = setInterval(() => {
        void stillSignedIn().then((ok) => {
          if (ok) {
            raw.write(': ping\n\n');
          } else {
            end();
          }
        });
      }, HEARTBEAT_MS);
      heartbeat.unref();
      // A session that ended (sign-out, account disabled) ends the stream at the next heartbeat.
      const stillSignedIn = async (): Promise<boolean> => {
        try {
          const session = sessionHash === null ? undefined : await deps.store.getSession(sessionHash);
          const current = session === undefined ? undefined : await deps.store.getUser(session.userId);
          return current !== undefined && current.disabledAt === null;
        } catch {
          return true;
        }
      };
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        openStreams.delete(end);
        if (!raw.writableEnded) {
          raw.end();
        }
      };
      openStreams.add(end);
      request.raw.on('close', end);
      request.log.info({ userId: user.id }, 'event stream opened');
    },
  );
};
