/** GET /api/v1/patients/:id: the patient, their enrolment, their day of recovery and whether the follow-up is closed. */
import { z } from 'zod';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, EnrolmentSchema, IdParams, PatientSchema } from '../../http/schemas.ts';
import { FollowUpSchema } from './follow-up.ts';
import { recordPatient } from '../../http/caller.ts';
import { recoveryDay } from '@aftercare/core';

export const getPatient: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/patients/:id',
    {
      config: { access: 'patient-record', audit: { action: 'patient.read', resource: 'patient' } },
      schema: {
        tags: ['patients'],
        summary: 'One patient',
        params: IdParams,
        response: {
          200: z.object({
            patient: PatientSchema,
            enrolment: EnrolmentSchema.nullable(),
            day: z.number().int(),
            followUp: FollowUpSchema,
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const patient = recordPatient(request);
      const [enrolment, followUp] = await Promise.all([
        deps.store.getEnrolment(patient.id),
        deps.store.getFollowUp(patient.id),
      ]);
      return {
        patient,
        enrolment: enrolment ?? null,
        day: recoveryDay(patient.procedureDate, patient.timeZone, deps.clock.now()),
        followUp,
      };
    },
  );
};
