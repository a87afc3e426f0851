/** GET /api/v1/patients/:id: the patient, their enrolment and their day of recovery. */
import { z } from 'zod';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, EnrolmentSchema, IdParams, PatientSchema } from '../../http/schemas.ts';
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
          200: z.object({ patient: PatientSchema, enrolment: EnrolmentSchema.nullable(), day: z.number().int() }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const patient = recordPatient(request);
      const enrolment = (await deps.store.getEnrolment(patient.id)) ?? null;
      return { patient, enrolment, day: recoveryDay(patient.procedureDate, patient.timeZone, deps.clock.now()) };
    },
  );
};
