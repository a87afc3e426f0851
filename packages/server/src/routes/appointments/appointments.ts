/** The patient's visits: list, add, and change or cancel one (the team's changes show in the patient's plan changes). */
import { z } from 'zod';
import type { Appointment } from '@aftercare/store';
import type { RouteModule } from '../../http/types.ts';
import {
  AppointmentInputSchema,
  AppointmentSchema,
  commonErrors,
  IdParams,
  IdSchema,
  WithWhomSchema,
} from '../../http/schemas.ts';
import { recordPatient, signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';
import { ownedBy } from '../../http/owned.ts';
import { differences, recordPlanChange } from '../plan-changes/record-plan-change.ts';

/** What the patient reads about a visit in a change. */
function visitDetails(appointment: Appointment): Record<string, unknown> {
  return {
    withWhom: appointment.withWhom,
    reason: appointment.reason,
    location: appointment.location,
    startsAt: appointment.startsAt,
  };
}

export const listAppointments: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/patients/:id/appointments',
    {
      config: { access: 'patient-record', audit: { action: 'appointment.list', resource: 'appointment' } },
      schema: {
        tags: ['appointments'],
        summary: "The patient's visits",
        params: IdParams,
        response: { 200: z.object({ appointments: z.array(AppointmentSchema) }), ...commonErrors },
      },
    },
    async (request) => {
      noteAudit(request, { resourceId: null });
      return { appointments: await deps.store.listAppointments(recordPatient(request).id) };
    },
  );
};

export const addAppointment: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/patients/:id/appointments',
    {
      config: { access: 'patient-record', audit: { action: 'appointment.create', resource: 'appointment' } },
      schema: {
        tags: ['appointments'],
        summary: 'Add a visit',
        params: IdParams,
        body: AppointmentInputSchema,
        response: { 201: z.object({ appointment: AppointmentSchema }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const patient = recordPatient(request);
      const { withWhom, reason, location, startsAt } = request.body;
      const at = deps.clock.now().toISOString();
      const appointment = await deps.store.transaction(async (tx) => {
        const added = await tx.addAppointment({
          patientId: patient.id,
          withWhom,
          reason,
          location: location ?? null,
          startsAt: new Date(startsAt).toISOString(),
          createdBy: signedInUser(request).id,
          createdAt: at,
        });
        await recordPlanChange(tx, request, patient.id, 'visit-added', added.id, visitDetails(added), at);
        return added;
      });
      noteAudit(request, { resourceId: appointment.id });
      return reply.code(201).send({ appointment });
    },
  );
};

export const AppointmentChangeSchema = z.object({
  withWhom: WithWhomSchema.optional(),
  reason: z.string().trim().min(1, 'Say what the visit is for.').max(200).optional(),
  location: z.string().trim().max(300).nullish(),
  startsAt: z.iso.datetime({ offset: true, message: 'Use a date and time like 2026-11-30T09:30:00Z.' }).optional(),
  cancelled: z.boolean().optional().describe('true cancels the visit; false restores a cancelled one'),
});

export const updateAppointment: RouteModule = (app, deps) => {
  app.patch(
    '/api/v1/patients/:id/appointments/:appointmentId',
    {
      config: { access: 'patient-record', audit: { action: 'appointment.update', resource: 'appointment' } },
      schema: {
        tags: ['appointments'],
        summary: 'Change or cancel a visit',
        params: z.object({ id: IdSchema, appointmentId: IdSchema }),
        body: AppointmentChangeSchema,
        response: { 200: z.object({ appointment: AppointmentSchema }), ...commonErrors },
      },
    },
    async (request) => {
      const patient = recordPatient(request);
      const found = await ownedBy(
        patient.id,
        request.params.appointmentId,
        (id) => deps.store.getAppointment(id),
        'visit',
      );
      const { withWhom, reason, location, startsAt, cancelled } = request.body;
      const at = deps.clock.now().toISOString();
      const appointment = await deps.store.transaction(async (tx) => {
        const changed = await tx.updateAppointment(found.id, {
          ...(withWhom === undefined ? {} : { withWhom }),
          ...(reason === undefined ? {} : { reason }),
          ...(location === undefined ? {} : { location }),
          ...(startsAt === undefined ? {} : { startsAt: new Date(startsAt).toISOString() }),
          ...(cancelled === undefined ? {} : { cancelledAt: cancelled ? (found.cancelledAt ?? at) : null }),
        });
        if (changed.cancelledAt !== null && found.cancelledAt === null) {
          await recordPlanChange(tx, request, patient.id, 'visit-cancelled', changed.id, visitDetails(changed), at);
        } else {
          const diff = differences(visitDetails(found), visitDetails(changed));
          if (Object.keys(diff.after).length > 0 || changed.cancelledAt !== found.cancelledAt) {
            const details = { reason: changed.reason, startsAt: changed.startsAt, ...diff };
            await recordPlanChange(tx, request, patient.id, 'visit-changed', changed.id, details, at);
          }
        }
        return changed;
      });
      noteAudit(request, { resourceId: appointment.id });
      return { appointment };
    },
  );
};
