/** PATCH /api/v1/patients/:id/enrolment: the team changes the return-to-work guidance and planned date. */
import { z } from 'zod';
import { AftercareError } from '@aftercare/core';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, EnrolmentSchema, IdParams, LocalDateSchema } from '../../http/schemas.ts';
import { recordPatient } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';
import { differences, recordPlanChange } from '../plan-changes/record-plan-change.ts';

export const EnrolmentChangeSchema = z.object({
  returnToWork: z.string().trim().max(500).nullish().describe('What the team said about going back to work'),
  returnToWorkDate: LocalDateSchema.nullish().describe('The planned day back at work'),
});

export const updateEnrolment: RouteModule = (app, deps) => {
  app.patch(
    '/api/v1/patients/:id/enrolment',
    {
      config: { access: 'team-record', audit: { action: 'enrolment.update', resource: 'enrolment' } },
      schema: {
        tags: ['patients'],
        summary: 'Change the return-to-work guidance and date',
        params: IdParams,
        body: EnrolmentChangeSchema,
        response: { 200: z.object({ enrolment: EnrolmentSchema }), ...commonErrors },
      },
    },
    async (request) => {
      const patient = recordPatient(request);
      const current = await deps.store.getEnrolment(patient.id);
      if (current === undefined) {
        throw new AftercareError('CARE_ERR_NOT_FOUND', 'This patient has no care plan yet.');
      }
      const { returnToWork, returnToWorkDate } = request.body;
      const at = deps.clock.now().toISOString();
      const enrolment = await deps.store.transaction(async (tx) => {
        const changed = await tx.updateEnrolment(current.id, {
          ...(returnToWork === undefined ? {} : { returnToWork: returnToWork === '' ? null : returnToWork }),
          ...(returnToWorkDate === undefined ? {} : { returnToWorkDate }),
        });
        const pick = (e: typeof changed) => ({ returnToWork: e.returnToWork, returnToWorkDate: e.returnToWorkDate });
        const diff = differences(pick(current), pick(changed));
        if (Object.keys(diff.after).length > 0) {
          await recordPlanChange(tx, request, patient.id, 'return-to-work-changed', null, diff, at);
        }
        return changed;
      });
      noteAudit(request, { resourceId: enrolment.id });
      return { enrolment };
    },
  );
};
