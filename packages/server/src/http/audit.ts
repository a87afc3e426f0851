/**
 * The one place that builds audit events: every successful call of a route that declares `config.audit` leaves one.
 * The onSend hook writes it, in its own commit, for routes that do nothing more; a route whose write must be fast
 * (one commit, not two) hands it to a store write that appends it with the data (`writeWithAuditEvent`), and the hook
 * then leaves it alone.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NewAuditEvent } from '@aftercare/store';
import type { AuditNote, ServerDeps } from './types.ts';

/** Requests whose audit event is already in the database (written in the same commit as their data). */
const auditedWithTheirWrite = new WeakSet<FastifyRequest>();

/** Lets a handler name what the route alone cannot (the patient of an alert, the id it created). */
export function noteAudit(request: FastifyRequest, note: AuditNote): void {
  request.auditNote = { ...request.auditNote, ...note };
}

/** The audit event this request's route declares, with what the handler noted; null when the route declares none. */
function auditEventOf(request: FastifyRequest, deps: ServerDeps): NewAuditEvent | null {
  const spec = request.routeOptions.config.audit;
  if (spec === undefined) {
    return null;
  }
  const note = request.auditNote ?? {};
  const params = request.params as Record<string, string | undefined>;
  const patientId = note.patientId !== undefined ? note.patientId : (request.patient?.id ?? null);
  const resourceId =
    note.resourceId !== undefined
      ? note.resourceId
      : (params.medId ?? params.qid ?? params.alertId ?? params.id ?? null);
  return {
    at: deps.clock.now().toISOString(),
    actorId: note.actorId !== undefined ? note.actorId : (request.user?.id ?? null),
    action: spec.action,
    patientId,
    resourceType: spec.resource,
    resourceId,
    ip: request.ip,
  };
}

/**
 * For a store write that appends the audit event itself, in its own single commit (a check-in: on PostgreSQL one
 * statement, no transaction around it). `write` gets the event the route declares, and must append it durably with
 * the data or fail; the resource it names is the store's to fill in (the id it created). Call it as the handler's last
 * step that can fail: the event is written as for a success, so the handler must not answer an error after it.
 * @example
 * const saved = await writeWithAuditEvent(request, deps, (event) => deps.store.recordCheckIn(checkIn, event));
 */
export async function writeWithAuditEvent<T>(
  request: FastifyRequest,
  deps: ServerDeps,
  write: (event: NewAuditEvent) => Promise<T>,
): Promise<T> {
  const event = auditEventOf(request, deps);
  if (event === null) {
    throw new Error(`${request.routeOptions.url ?? 'This route'} declares no audit event to write with its data.`);
  }
  const result = await write(event);
  auditedWithTheirWrite.add(request);
  return result;
}

export function auditPatientData(app: FastifyInstance, deps: ServerDeps): void {
  // onSend is awaited before the response leaves: if the audit write fails, the caller gets an error, not silent data.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode >= 400 || auditedWithTheirWrite.has(request)) {
      return payload;
    }
    const event = auditEventOf(request, deps);
    if (event !== null) {
      await deps.store.appendAudit(event);
    }
    return payload;
  });
}
