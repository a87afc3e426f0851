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
import { AftercareError } from '@aftercare/core';
import { differences, medicineDetails, recordPlanChange } from '../plan-changes/record-plan-change.ts';

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
      const at = deps.clock.now().toISOString();
      const medication = await deps.store.transaction(async (tx) => {
        const added = await tx.addMedication(patient.id, request.body, signedInUser(request).id, at);
        await recordPlanChange(tx, request, patient.id, 'medicine-added', added.id, medicineDetails(added), at);
        return added;
      });
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
      const at = deps.clock.now().toISOString();
      const medication = await deps.store.transaction(async (tx) => {
        const changed = await tx.changeMedication(latest.id, request.body, signedInUser(request).id, at);
        const diff = differences(medicineDetails(latest), medicineDetails(changed));
        if (Object.keys(diff.after).length > 0) {
          await recordPlanChange(
            tx,
            request,
            patient.id,
            'medicine-changed',
            changed.id,
            { name: changed.name, ...diff },
            at,
          );
        }
        return changed;
      });
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
      const at = deps.clock.now().toISOString();
      const medication = await deps.store.transaction(async (tx) => {
        const stopped = await tx.stopMedication(latest.id, signedInUser(request).id, at);
        if (latest.stoppedAt === null) {
          await recordPlanChange(tx, request, patient.id, 'medicine-stopped', stopped.id, { name: stopped.name }, at);
        }
        return stopped;
      });
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
      const at = deps.clock.now().toISOString();
      const allergy = await deps.store.transaction(async (tx) => {
        const added = await tx.addAllergy(patient.id, request.body.substance, request.body.reaction, at);
        const details = { substance: added.substance, reaction: added.reaction };
        await recordPlanChange(tx, request, patient.id, 'allergy-added', added.id, details, at);
        return added;
      });
      noteAudit(request, { resourceId: allergy.id });
      return reply.code(201).send({ allergy });
    },
  );
};

export const removeAllergy: RouteModule = (app, deps) => {
  app.delete(
    '/api/v1/patients/:id/allergies/:allergyId',
    {
      config: { access: 'patient-record', audit: { action: 'allergy.delete', resource: 'allergy' } },
      schema: {
        tags: ['medications'],
        summary: 'Remove an allergy (entered by mistake)',
        params: z.object({ id: IdSchema, allergyId: IdSchema }),
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const patient = recordPatient(request);
      const allergies = await deps.store.listAllergies(patient.id);
      const allergy = allergies.find((a) => a.id === request.params.allergyId);
      if (allergy === undefined) {
        throw new AftercareError('CARE_ERR_NOT_FOUND', 'We could not find that allergy.');
      }
      const at = deps.clock.now().toISOString();
      await deps.store.transaction(async (tx) => {
        await tx.removeAllergy(allergy.id);
        const details = { substance: allergy.substance, reaction: allergy.reaction };
        await recordPlanChange(tx, request, patient.id, 'allergy-removed', allergy.id, details, at);
      });
      noteAudit(request, { resourceId: allergy.id });
      return reply.code(204).send(null);
    },
  );
};
