/** The organisation's alerts (raised by check-ins): list, acknowledge with a note, resolve. */
import { z } from 'zod';
import { AftercareError } from '@aftercare/core';
import type { Alert } from '@aftercare/store';
import type { RouteModule, ServerDeps } from '../../http/types.ts';
import { AlertSchema, commonErrors, IdParams } from '../../http/schemas.ts';
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
      const by = signedInUser(request).id;
      return {
        alert: await deps.store.acknowledgeAlert(alert.id, by, request.body.note, deps.clock.now().toISOString()),
      };
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
      return {
        alert: await deps.store.resolveAlert(alert.id, signedInUser(request).id, deps.clock.now().toISOString()),
      };
    },
  );
};
