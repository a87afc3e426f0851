/** The patient's medicines: list (with allergies), add, change (a new version), stop. */
import { z } from 'zod';
import type { Medication, Store } from '@aftercare/store';
import type { RouteModule } from '../../http/types.ts';
import {
  AllergySchema,
  commonErrors,
  IdSchema,
  IdParams,
  MedicationInputSchema,
  MedicationSchema,
} from '../../http/schemas.ts';
import { recordPatient, signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';
import { ownedBy } from '../../http/owned.ts';

const MedParams = z.object({ id: IdSchema, medId: IdSchema });

export const listMedications: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/patients/:id/medications',
    {
      config: { access: 'patient-record', audit: { action: 'medication.list', resource: 'medication' } },
      schema: {
        tags: ['medications'],
        summary: "The patient's medicines and allergies",
        params: IdParams,
        response: {
          200: z.object({ medications: z.array(MedicationSchema), allergies: z.array(AllergySchema) }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const patient = recordPatient(request);
      const [medications, allergies] = await Promise.all([
        deps.store.listMedications(patient.id),
        deps.store.listAllergies(patient.id),
      ]);
      noteAudit(request, { resourceId: null });
      return { medications, allergies };
    },
  );
};

export const addMedication: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/patients/:id/medications',
    {
      config: { access: 'patient-record', audit: { action: 'medication.create', resource: 'medication' } },
      schema: {
        tags: ['medications'],
        summary: 'Add a medicine',
        params: IdParams,
        body: MedicationInputSchema,
        response: { 201: z.object({ medication: MedicationSchema }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const patient = recordPatient(request);
      const medication = await deps.store.addMedication(
        patient.id,
        request.body,
        signedInUser(request).id,
        deps.clock.now().toISOString(),
      );
      noteAudit(request, { resourceId: medication.id });
      return reply.code(201).send({ medication });
    },
  );
};

export const changeMedication: RouteModule = (app, deps) => {
  app.patch(
    '/api/v1/patients/:id/medications/:medId',
    {
      config: { access: 'patient-record', audit: { action: 'medication.update', resource: 'medication' } },
      schema: {
        tags: ['medications'],
        summary: 'Change a medicine (adds a new version)',
        params: MedParams,
        body: MedicationInputSchema.partial(),
        response: { 200: z.object({ medication: MedicationSchema }), ...commonErrors },
      },
    },
    async (request) => {
      const patient = recordPatient(request);
      const latest = await ownedBy(patient.id, request.params.medId, latestVersion(deps.store), 'medicine');
      const medication = await deps.store.changeMedication(
        latest.id,
        request.body,
        signedInUser(request).id,
        deps.clock.now().toISOString(),
      );
      return { medication };
    },
  );
};

export const stopMedication: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/patients/:id/medications/:medId/stop',
    {
      config: { access: 'patient-record', audit: { action: 'medication.stop', resource: 'medication' } },
      schema: {
        tags: ['medications'],
        summary: 'Stop a medicine',
        params: MedParams,
        response: { 200: z.object({ medication: MedicationSchema }), ...commonErrors },
      },
    },
    async (request) => {
      const patient = recordPatient(request);
      const latest = await ownedBy(patient.id, request.params.medId, latestVersion(deps.store), 'medicine');
      const medication = await deps.store.stopMedication(
        latest.id,
        signedInUser(request).id,
        deps.clock.now().toISOString(),
      );
      return { medication };
    },
  );
};

/** The newest version of a medicine (medicines are versioned, never overwritten). */
function latestVersion(store: Store): (id: string) => Promise<Medication | undefined> {
  return async (id) => (await store.medicationHistory(id)).at(-1);
}

export const addAllergy: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/patients/:id/allergies',
    {
      config: { access: 'patient-record', audit: { action: 'allergy.create', resource: 'allergy' } },
      schema: {
        tags: ['medications'],
        summary: 'Add an allergy',
        params: IdParams,
        body: z.object({
          substance: z.string().trim().min(1, 'Name what you are allergic to.').max(200),
          reaction: z.string().trim().max(500),
        }),
        response: { 201: z.object({ allergy: AllergySchema }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const patient = recordPatient(request);
      const allergy = await deps.store.addAllergy(
        patient.id,
        request.body.substance,
        request.body.reaction,
        deps.clock.now().toISOString(),
      );
      noteAudit(request, { resourceId: allergy.id });
      return reply.code(201).send({ allergy });
    },
  );
};
