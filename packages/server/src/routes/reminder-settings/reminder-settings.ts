/** A patient's reminder settings (check-in time, visit reminders, dose repeats): read and replace; replanned at once. */
import { z } from 'zod';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, IdParams } from '../../http/schemas.ts';
import { recordPatient } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';
import { getPlan } from '@aftercare/plans';
import { DEFAULT_PLAN_ID } from '../../services/enrol.ts';
import { ReminderSettingsSchema, reminderSettingsOf } from '../../reminders/settings.ts';

const Answer = z.object({ settings: ReminderSettingsSchema });

export const getReminderSettings: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/patients/:id/reminder-settings',
    {
      config: { access: 'patient-record', audit: { action: 'reminder-settings.read', resource: 'reminder-settings' } },
      schema: {
        tags: ['reminders'],
        summary: "The patient's reminder settings (the defaults until changed)",
        params: IdParams,
        response: { 200: Answer, ...commonErrors },
      },
    },
    async (request) => {
      const patient = recordPatient(request);
      noteAudit(request, { resourceId: patient.id });
      const enrolment = await deps.store.getEnrolment(patient.id);
      return {
        settings: await reminderSettingsOf(deps.store, patient.id, getPlan(enrolment?.planId ?? DEFAULT_PLAN_ID)),
      };
    },
  );
};

export const putReminderSettings: RouteModule = (app, deps) => {
  app.put(
    '/api/v1/patients/:id/reminder-settings',
    {
      config: {
        access: 'patient-record',
        audit: { action: 'reminder-settings.update', resource: 'reminder-settings' },
      },
      schema: {
        tags: ['reminders'],
        summary: "Replace the patient's reminder settings; reminders are planned again at once",
        params: IdParams,
        body: ReminderSettingsSchema,
        response: { 200: Answer, ...commonErrors },
      },
    },
    async (request) => {
      const patient = recordPatient(request);
      noteAudit(request, { resourceId: patient.id });
      const settings = await deps.store.putReminderSettings(patient.id, request.body, deps.clock.now().toISOString());
      return { settings };
    },
  );
};
