/** The one place that writes audit events: every successful call of a route that declares `config.audit`. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditNote, ServerDeps } from './types.ts';

/** Lets a handler name what the route alone cannot (the patient of an alert, the id it created). */
export function noteAudit(request: FastifyRequest, note: AuditNote): void {
  request.auditNote = { ...request.auditNote, ...note };
}

export function auditPatientData(app: FastifyInstance, deps: ServerDeps): void {
  // onSend is awaited before the response leaves: if the audit write fails, the caller gets an error, not silent data.
  app.addHook('onSend', async (request, reply, payload) => {
    const spec = request.routeOptions.config.audit;
    if (spec === undefined || reply.statusCode >= 400) {
      return payload;
    }
    const note = request.auditNote ?? {};
    const params = request.params as Record<string, string | undefined>;
    const patientId = note.patientId !== undefined ? note.patientId : (request.patient?.id ?? null);
    const resourceId =
      note.resourceId !== undefined
        ? note.resourceId
        : (params.medId ?? params.qid ?? params.alertId ?? params.id ?? null);
    await deps.store.appendAudit({
      at: deps.clock.now().toISOString(),
      actorId: note.actorId !== undefined ? note.actorId : (request.user?.id ?? null),
      action: spec.action,
      patientId,
      resourceType: spec.resource,
      resourceId,
      ip: request.ip,
    });
    return payload;
  });
}
