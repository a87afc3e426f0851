/** Closing a patient's follow-up (recovered, or another reason) and reopening it: team only, shown to the patient. */
import { z } from 'zod';
import { AftercareError } from '@aftercare/core';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, IdParams, InstantSchema } from '../../http/schemas.ts';
import { recordPatient, signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';
import { recordPlanChange } from '../plan-changes/record-plan-change.ts';

export const FollowUpSchema = z.object({
  closedAt: InstantSchema.nullable().describe(
    'Set when the follow-up is closed: reminders stop, the dashboard hides it',
  ),
  closedBy: z.string().nullable(),
  reason: z.enum(['recovered', 'other']).nullable(),
  note: z.string().nullable(),
});

export const closeFollowUp: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/patients/:id/close',
    {
      config: { access: 'team-record', audit: { action: 'follow-up.close', resource: 'patient' } },
      schema: {
        tags: ['patients'],
        summary: 'Mark the patient recovered (or close for another reason): the follow-up ends',
        params: IdParams,
        body: z.object({
          reason: z.enum(['recovered', 'other']),
          note: z.string().trim().max(1000).nullish(),
        }),
        response: { 200: z.object({ followUp: FollowUpSchema }), ...commonErrors },
      },
    },
    async (request) => {
      const patient = recordPatient(request);
      const user = signedInUser(request);
      if ((await deps.store.getFollowUp(patient.id)).closedAt !== null) {
        throw new AftercareError('CARE_ERR_CONFLICT', 'This follow-up is already closed.');
      }
      const at = deps.clock.now().toISOString();
      const note = request.body.note === undefined || request.body.note === '' ? null : request.body.note;
      const followUp = await deps.store.transaction(async (tx) => {
        const closed = await tx.setFollowUp(patient.id, {
          closedAt: at,
          closedBy: user.id,
          reason: request.body.reason,
          note,
        });
        await recordPlanChange(tx, request, patient.id, 'follow-up-closed', null, { reason: request.body.reason }, at);
        return closed;
      });
      noteAudit(request, { resourceId: patient.id });
      return { followUp };
    },
  );
};

export const reopenFollowUp: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/patients/:id/reopen',
    {
      config: { access: 'team-record', audit: { action: 'follow-up.reopen', resource: 'patient' } },
      schema: {
        tags: ['patients'],
        summary: 'Reopen a closed follow-up',
        params: IdParams,
        response: { 200: z.object({ followUp: FollowUpSchema }), ...commonErrors },
      },
    },
    async (request) => {
      const patient = recordPatient(request);
      const at = deps.clock.now().toISOString();
      const current = await deps.store.getFollowUp(patient.id);
      if (current.closedAt === null) {
        return { followUp: current };
      }
      const followUp = await deps.store.transaction(async (tx) => {
        const open = await tx.setFollowUp(patient.id, { closedAt: null, closedBy: null, reason: null, note: null });
        await recordPlanChange(tx, request, patient.id, 'follow-up-reopened', null, {}, at);
        return open;
      });
      noteAudit(request, { resourceId: patient.id });
      return { followUp };
    },
  );
};
