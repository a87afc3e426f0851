/** The patient's settings: language, temperature unit, time zone, country (emergency number) and emergency contact. */
import { z } from 'zod';
import type { Patient, PatientPreferences } from '@aftercare/store';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, CountrySchema, IdParams, LanguageSchema, TimeZoneSchema } from '../../http/schemas.ts';
import { recordPatient } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';

const TemperatureUnitSchema = z.enum(['C', 'F']);

export const PreferencesSchema = z.object({
  language: LanguageSchema,
  /** What the patient picked; null when they did not (the app then uses the country's usual unit). */
  temperatureUnit: TemperatureUnitSchema.nullable(),
  timeZone: z.string(),
  country: z.string(),
  emergencyContact: z.string().nullable(),
});

export const PreferencesChangeSchema = z
  .object({
    language: LanguageSchema.optional(),
    temperatureUnit: TemperatureUnitSchema.nullable().optional(),
    timeZone: TimeZoneSchema.optional(),
    // "us" is as clear as "US".
    country: z.string().trim().toUpperCase().pipe(CountrySchema).optional(),
    emergencyContact: z
      .string()
      .trim()
      .max(300, 'Keep the emergency contact under 300 characters: a name and a phone number.')
      .nullable()
      .optional(),
  })
  .strict();

function preferencesOf(patient: Patient, stored: PatientPreferences): z.infer<typeof PreferencesSchema> {
  return {
    language: patient.language,
    temperatureUnit: stored.temperatureUnit,
    timeZone: patient.timeZone,
    country: patient.country,
    emergencyContact: patient.emergencyContact,
  };
}

export const getPreferences: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/patients/:id/preferences',
    {
      config: { access: 'patient-record', audit: { action: 'preferences.read', resource: 'patient' } },
      schema: {
        tags: ['preferences'],
        summary: "The patient's settings",
        params: IdParams,
        response: { 200: z.object({ preferences: PreferencesSchema }), ...commonErrors },
      },
    },
    async (request) => {
      const patient = recordPatient(request);
      noteAudit(request, { resourceId: patient.id });
      return { preferences: preferencesOf(patient, await deps.store.getPatientPreferences(patient.id)) };
    },
  );
};

export const updatePreferences: RouteModule = (app, deps) => {
  app.patch(
    '/api/v1/patients/:id/preferences',
    {
      config: { access: 'patient-record', audit: { action: 'preferences.update', resource: 'patient' } },
      schema: {
        tags: ['preferences'],
        summary: "Change the patient's settings (only the fields sent)",
        params: IdParams,
        body: PreferencesChangeSchema,
        response: { 200: z.object({ preferences: PreferencesSchema }), ...commonErrors },
      },
    },
    async (request) => {
      const patient = recordPatient(request);
      const { temperatureUnit, emergencyContact, ...onPatient } = request.body;
      const changes: Parameters<typeof deps.store.updatePatient>[1] = { ...onPatient };
      if (emergencyContact !== undefined) {
        changes.emergencyContact = emergencyContact === null || emergencyContact === '' ? null : emergencyContact;
      }
      const now = deps.clock.now().toISOString();
      // Both or neither: a half-saved settings screen would be confusing.
      const saved = await deps.store.transaction(async (tx) => {
        const updated = await tx.updatePatient(patient.id, changes);
        const stored = await tx.setPatientPreferences(
          patient.id,
          temperatureUnit === undefined ? {} : { temperatureUnit },
          now,
        );
        return preferencesOf(updated, stored);
      });
      noteAudit(request, { resourceId: patient.id });
      return { preferences: saved };
    },
  );
};
