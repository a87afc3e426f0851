/** The patient's visits: list and add. */
import { z } from 'zod';
import type { RouteModule } from '../../http/types.ts';
import { AppointmentInputSchema, AppointmentSchema, commonErrors, IdParams } from '../../http/schemas.ts';
import { recordPatient, signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';

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
      const appointment = await deps.store.addAppointment({
        patientId: patient.id,
        withWhom,
        reason,
        location: location ?? null,
        startsAt: new Date(startsAt).toISOString(),
        createdBy: signedInUser(request).id,
        createdAt: deps.clock.now().toISOString(),
      });
      noteAudit(request, { resourceId: appointment.id });
      return reply.code(201).send({ appointment });
    },
  );
};
