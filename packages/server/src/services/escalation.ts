/**
 * Escalation: an emergency alert that nobody acknowledges within the set time is raised again to the whole team.
 * The check is durable (the alert's `escalatedAt` is stored, with an audit event, in one transaction) and safe to
 * run from several processes at once; `aftercare start` runs it on an interval timer.
 */
import type { Alert, Store } from '@aftercare/store';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { publishSafely, type EventBus } from '../events/event-bus.ts';

interface Log {
  info: (obj: object, msg: string) => void;
  warn: (obj: object, msg: string) => void;
  error: (obj: object, msg: string) => void;
}

const silentLog: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Escalates every open emergency alert older than `config.alertEscalationMinutes`, once; returns those alerts.
 * @example
 * const escalated = await escalateOverdueAlerts(store, clock, config, events);
 */
export async function escalateOverdueAlerts(
  store: Store,
  clock: Clock,
  config: Pick<Config, 'alertEscalationMinutes'>,
  events?: EventBus,
  log: Log = silentLog,
): Promise<Alert[]> {
  const now = clock.now();
  const at = now.toISOString();
  const dueBefore = new Date(now.getTime() - config.alertEscalationMinutes * 60_000).toISOString();
  const escalated = await store.transaction(async (tx) => {
    const alerts = await tx.escalateAlerts(dueBefore, at);
    for (const alert of alerts) {
      // Who: the system (no actor); when: now. The alert's own escalatedAt says the same.
      await tx.appendAudit({
        at,
        actorId: null,
        action: 'alert.escalate',
        patientId: alert.patientId,
        resourceType: 'alert',
        resourceId: alert.id,
        ip: null,
      });
    }
    return alerts;
  });
  for (const alert of escalated) {
    log.info({ alertId: alert.id, patientId: alert.patientId }, 'alert escalated to the whole team');
    const patient = events === undefined ? undefined : await store.getPatient(alert.patientId);
    if (events !== undefined && patient !== undefined) {
      await publishSafely(
        events,
        {
          type: 'alert.escalated',
          orgId: patient.orgId,
          patientId: alert.patientId,
          alertId: alert.id,
          checkInId: alert.checkInId,
          at,
        },
        log,
      );
    }
  }
  return escalated;
}

/**
 * Runs the escalation check every `config.escalationCheckSeconds` (never two runs at once); returns `stop`, which
 * waits for a run in progress.
 */
export function startEscalationChecks(
  deps: { store: Store; clock: Clock; config: Config; events: EventBus },
  log: Log,
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const run = () => {
    if (running !== null) {
      return;
    }
    running = escalateOverdueAlerts(deps.store, deps.clock, deps.config, deps.events, log)
      .then(
        () => undefined,
        (error: unknown) => {
          log.error({ error: error instanceof Error ? error.message : 'unknown' }, 'escalation check failed');
        },
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(run, deps.config.escalationCheckSeconds * 1000);
  // The server keeps the process alive; this timer alone must not.
  timer.unref();
  run();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
