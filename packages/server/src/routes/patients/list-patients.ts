/** GET /api/v1/patients: the organisation's patients with their day of recovery, open alerts and last check-in. */
import { z } from 'zod';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, PatientSummarySchema } from '../../http/schemas.ts';
import { recoveryDay } from '@aftercare/core';
import { signedInUser } from '../../http/caller.ts';

export const listPatients: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/patients',
    {
      config: { access: 'team', audit: { action: 'patient.list', resource: 'patient' } },
      schema: {
        tags: ['patients'],
        summary: 'Patients of my organisation',
        response: { 200: z.object({ patients: z.array(PatientSummarySchema) }), ...commonErrors },
      },
    },
    async (request) => {
      const user = signedInUser(request);
      const now = deps.clock.now();
      const [patients, alerts] = await Promise.all([
        deps.store.listPatients(user.orgId),
        deps.store.listAlerts({ orgId: user.orgId, status: ['open'] }),
      ]);
      // One read for every patient's latest check-in, from the patient rows (not one check-in list per patient).
      const lastCheckIns = await deps.store.lastCheckInTimes(patients.map((patient) => patient.id));
      // Open alerts counted in one pass, not the whole list filtered again for each patient.
      const openAlerts = new Map<string, { emergency: number; contactProvider: number }>();
      const none = () => ({ emergency: 0, contactProvider: 0 });
      for (const alert of alerts) {
        const counts = openAlerts.get(alert.patientId) ?? none();
        if (alert.level === 'emergency') {
          counts.emergency += 1;
        } else {
          counts.contactProvider += 1;
        }
        openAlerts.set(alert.patientId, counts);
      }
      const summaries = patients.map((patient) => ({
        ...patient,
        day: recoveryDay(patient.procedureDate, patient.timeZone, now),
        openAlerts: openAlerts.get(patient.id) ?? none(),
        lastCheckInAt: lastCheckIns.get(patient.id) ?? null,
      }));
      return { patients: summaries };
    },
  );
};
