/** The organisation's alerts (raised by check-ins): list, acknowledge with a note, resolve. */
import { z } from 'zod';
import { AftercareError } from '@aftercare/core';
import type { Alert } from '@aftercare/store';
import type { RouteModule, ServerDeps } from '../../http/types.ts';
import { AlertSchema, CheckInRecordSchema, commonErrors, IdParams } from '../../http/schemas.ts';
import { publishSafely } from '../../events/event-bus.ts';
import { signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';
import { isId } from '../../http/ids.ts';
import type { FastifyRequest } from 'fastify';

/** The alert, when it belongs to a patient of the caller's organisation; otherwise "not found". */
async function alertOfMyOrg(deps: ServerDeps, request: FastifyRequest, id: string): Promise<Alert> {
  const user = signedInUser(request);
  const alert = isId(id) ? await deps.store.getAlert(id) : undefined;
  const patient = alert === undefined ? undefined : await deps.store.getPatient(alert.patientId);
  if (alert === undefined || patient?.orgId !== user.orgId) {
    throw new AftercareError('CARE_ERR_NOT_FOUND', 'We could not find that alert.');
  }
  noteAudit(request, { patientId: alert.patientId, resourceId: alert.id });
  return alert;
}

/** Tells the organisation's open dashboards that an alert changed (ids only). */
async function publishUpdate(
  deps: ServerDeps,
  request: FastifyRequest,
  orgId: string,
  alert: Alert,
  at: string,
): Promise<void> {
  await publishSafely(
    deps.events,
    { type: 'alert.updated', orgId, patientId: alert.patientId, alertId: alert.id, checkInId: alert.checkInId, at },
    request.log,
  );
}

export const AlertDetailSchema = AlertSchema.extend({
  patientName: z.string(),
  checkIn: CheckInRecordSchema,
  acknowledgedByName: z.string().nullable(),
  resolvedByName: z.string().nullable(),
});

const StatusListSchema = z
  .string()
  .regex(/^(open|acknowledged|resolved)(,(open|acknowledged|resolved))*$/, 'Use statuses like open,acknowledged.')
  .transform((text) => [...new Set(text.split(','))] as ('open' | 'acknowledged' | 'resolved')[]);

/** The alerts panel: alerts with the patient's name, the check-in (reasons and the patient's own words), and who acted. */
export const listAlertDetails: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/alerts/details',
    {
      config: { access: 'team', audit: { action: 'alert.list', resource: 'alert' } },
      schema: {
        tags: ['alerts'],
        summary: 'Alerts with the check-in that raised them and who acted; by default those not resolved',
        querystring: z.object({
          status: StatusListSchema.optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        }),
        response: { 200: z.object({ alerts: z.array(AlertDetailSchema) }), ...commonErrors },
      },
    },
    async (request) => {
      noteAudit(request, { patientId: null, resourceId: null });
      const alerts = await deps.store.listAlertDetails({
        orgId: signedInUser(request).orgId,
        status: request.query.status ?? ['open', 'acknowledged'],
        limit: request.query.limit ?? 200,
      });
      return { alerts };
    },
  );
};

export const listAlerts: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/alerts',
    {
      config: { access: 'team', audit: { action: 'alert.list', resource: 'alert' } },
      schema: {
        tags: ['alerts'],
        summary: "Alerts of my organisation's patients",
        querystring: z.object({ status: z.enum(['open', 'acknowledged', 'resolved']).optional() }),
        response: { 200: z.object({ alerts: z.array(AlertSchema) }), ...commonErrors },
      },
    },
    async (request) => {
      const { status } = request.query;
      const alerts = await deps.store.listAlerts({
        orgId: signedInUser(request).orgId,
        ...(status === undefined ? {} : { status: [status] }),
      });
      return { alerts };
    },
  );
};

export const acknowledgeAlert: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/alerts/:id/acknowledge',
    {
      config: { access: 'team', audit: { action: 'alert.acknowledge', resource: 'alert' } },
      schema: {
        tags: ['alerts'],
        summary: 'Acknowledge an alert with a note',
        params: IdParams,
        body: z.object({ note: z.string().trim().max(2000) }),
        response: { 200: z.object({ alert: AlertSchema }), ...commonErrors },
      },
    },
    async (request) => {
      const alert = await alertOfMyOrg(deps, request, request.params.id);
      const user = signedInUser(request);
      const at = deps.clock.now().toISOString();
      const acknowledged = await deps.store.acknowledgeAlert(alert.id, user.id, request.body.note, at);
      await publishUpdate(deps, request, user.orgId, acknowledged, at);
      return { alert: acknowledged };
    },
  );
};

export const resolveAlert: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/alerts/:id/resolve',
    {
      config: { access: 'team', audit: { action: 'alert.resolve', resource: 'alert' } },
      schema: {
        tags: ['alerts'],
        summary: 'Resolve an alert',
        params: IdParams,
        response: { 200: z.object({ alert: AlertSchema }), ...commonErrors },
      },
    },
    async (request) => {
      const alert = await alertOfMyOrg(deps, request, request.params.id);
      const user = signedInUser(request);
      const at = deps.clock.now().toISOString();
      const resolved = await deps.store.resolveAlert(alert.id, user.id, at);
      await publishUpdate(deps, request, user.orgId, resolved, at);
      return { alert: resolved };
    },
  );
};
