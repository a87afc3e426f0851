/**
 * The one place that builds audit events: every successful call of a route that declares `config.audit` leaves one.
 * The onSend hook writes it, in its own commit, for routes that do nothing more; a route whose write must be fast
 * (one commit, not two) writes it inside its own transaction with `writeAudited`, and the hook then leaves it alone.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NewAuditEvent, Store } from '@aftercare/store';
import type { AuditNote, ServerDeps } from './types.ts';

/** Requests whose audit event is already in the database (written with their own transaction). */
const auditedInTransaction = new WeakSet<FastifyRequest>();

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
 * Runs a route's write and appends the route's audit event in the same transaction: both are durable at one commit,
 * or neither is. `noteOf` names what the write produced (as `noteAudit` would). Call it as the handler's last step
 * that can fail: the event is written as for a success, so the handler must not answer an error after it.
 * @example
 * const saved = await writeAudited(request, deps, (tx) => tx.recordCheckIn(checkIn), (s) => ({ resourceId: s.checkIn.id }));
 */
export async function writeAudited<T>(
  request: FastifyRequest,
  deps: ServerDeps,
  write: (tx: Store) => Promise<T>,
  noteOf: (result: T) => AuditNote,
): Promise<T> {
  const result = await deps.store.transaction(async (tx) => {
    const written = await write(tx);
    noteAudit(request, noteOf(written));
    const event = auditEventOf(request, deps);
    if (event !== null) {
      await tx.appendAudit(event);
    }
    return written;
  });
  auditedInTransaction.add(request);
  return result;
}

export function auditPatientData(app: FastifyInstance, deps: ServerDeps): void {
  // onSend is awaited before the response leaves: if the audit write fails, the caller gets an error, not silent data.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode >= 400 || auditedInTransaction.has(request)) {
      return payload;
    }
    const event = auditEventOf(request, deps);
    if (event !== null) {
      await deps.store.appendAudit(event);
    }
    return payload;
  });
}
