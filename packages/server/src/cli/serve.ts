/** `aftercare start` (migrate, then serve until SIGTERM/SIGINT) and `aftercare migrate`. */
import { openStore, resolveDatabase, type DatabaseTarget } from '@aftercare/store';
import { buildApp } from '../app.ts';
import { loggableError } from '../http/error-handler.ts';
import { systemClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { createInProcessEventBus, type EventBus } from '../events/event-bus.ts';
import { createPostgresEventBus } from '../events/postgres-event-bus.ts';
import { startEscalationChecks } from '../services/escalation.ts';
import { createDeliveryChannels } from '../notify/channels.ts';
import { loadDeliveryConfig } from '../notify/delivery-config.ts';
import { startJobRunner } from '../reminders/index.ts';
import { HELP } from './help.ts';
import { EXIT, parseVerbArgs } from './usage.ts';

/** Where the database is, said without any password a URL may carry. */
export function describeTarget(target: DatabaseTarget): string {
  if ('file' in target) {
    return `SQLite ${target.file}`;
  }
  const url = new URL(target.url);
  return `PostgreSQL ${url.hostname}${url.port === '' ? '' : `:${url.port}`}${url.pathname}`;
}

export async function runMigrate(args: string[]): Promise<number> {
  const { values } = parseVerbArgs(args, { db: { type: 'string' } });
  if (values.help === true) {
    process.stdout.write(HELP.migrate);
    return EXIT.ok;
  }
  const target = resolveDatabase(process.env, values.db);
  const store = await openStore(target);
  try {
    await store.migrate();
  } finally {
    await store.close();
  }
  process.stdout.write(`Migrated ${describeTarget(target)}\n`);
  return EXIT.ok;
}

export async function runStart(args: string[]): Promise<number | undefined> {
  const { values } = parseVerbArgs(args, {
    db: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
  });
  if (values.help === true) {
    process.stdout.write(HELP.start);
    return EXIT.ok;
  }
  const config = loadConfig({
    ...process.env,
    ...(values.port === undefined ? {} : { PORT: values.port }),
    ...(values.host === undefined ? {} : { HOST: values.host }),
  });
  const target = resolveDatabase(process.env, values.db);
  const store = await openStore(target);
  await store.migrate();
  // On PostgreSQL several processes may serve one organisation: live events travel between them.
  // Its warnings go to the app's log once there is one (the bus is made first: the app is built around it).
  let warn: (obj: object, msg: string) => void = () => undefined;
  const postgresEvents =
    'url' in target
      ? createPostgresEventBus(target.url, {
          warn: (obj, msg) => {
            warn(obj, msg);
          },
        })
      : null;
  const events: EventBus = postgresEvents ?? createInProcessEventBus();
  const app = await buildApp({ store, clock: systemClock, config, events });
  warn = (obj, msg) => {
    app.log.warn(obj, msg);
  };
  await postgresEvents?.ready;
  // Web Push (VAPID keys made on the first start) and, when configured, e-mail; the inbox always.
  const channels = await createDeliveryChannels(store, loadDeliveryConfig(process.env));
  let stopEscalation: () => Promise<void> = () => Promise.resolve();
  let stopJobs: () => Promise<void> = () => Promise.resolve();
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // Let requests in flight finish, then close the database.
    void stopEscalation()
      .then(() => stopJobs())
      .then(() => app.close())
      .then(() => postgresEvents?.close())
      .then(() => store.close())
      .then(
        () => {
          process.exitCode = EXIT.ok;
        },
        (error: unknown) => {
          app.log.error({ error: loggableError(error) }, 'shutdown failed');
          process.exitCode = EXIT.failure;
        },
      );
  };
  process.once('SIGTERM', () => {
    stop('SIGTERM');
  });
  process.once('SIGINT', () => {
    stop('SIGINT');
  });
  const address = await app.listen({ port: config.port, host: config.host });
  // Unacknowledged emergency alerts are raised again to the whole team (checked on a timer).
  stopEscalation = startEscalationChecks({ store, clock: systemClock, config, events }, app.log);
  // Reminders and notifications: durable jobs in the database, run here (several processes may share them).
  stopJobs = startJobRunner({ store, clock: systemClock, config, channels }, app.log);
  process.stderr.write(
    `Aftercare is running at ${address.replace('[::1]', 'localhost')} (${describeTarget(target)})\n`,
  );
  return undefined;
}
