/** What of an import to add to a patient who already has medicines, allergies and visits: no duplicates. */
import type { FhirImport, Skipped } from './import-bundle.ts';
import type { AllergyInput, AppointmentInput, MedicationInput } from './input.ts';

export interface ExistingRecord {
  medications: readonly (Pick<MedicationInput, 'name' | 'planItem'> & { stoppedAt: string | null })[];
  allergies: readonly Pick<AllergyInput, 'substance'>[];
  appointments: readonly (Pick<AppointmentInput, 'reason' | 'startsAt'> & { cancelledAt: string | null })[];
}

export interface ImportPlan {
  medications: MedicationInput[];
  allergies: AllergyInput[];
  appointments: AppointmentInput[];
  /** Where each taken item came from in the bundle, in the same order as the lists above. */
  sources: FhirImport['sources'];
  skipped: Skipped[];
}

function same(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

/**
 * Keeps what the patient does not have yet: a medicine already on the list (same plan item, or same name), an
 * allergy to the same substance, or a visit at the same time for the same reason is skipped with a reason.
 */
export function mergeImport(imported: FhirImport, existing: ExistingRecord): ImportPlan {
  const plan: ImportPlan = {
    medications: [],
    allergies: [],
    appointments: [],
    sources: { medications: [], allergies: [], appointments: [] },
    skipped: [...imported.skipped],
  };
  const current = existing.medications.filter((m) => m.stoppedAt === null);
  imported.medications.forEach((medication, index) => {
    const path = imported.sources.medications[index] ?? 'Bundle';
    const twin = [...current, ...plan.medications.map((m) => ({ ...m, stoppedAt: null }))].find(
      (m) => (medication.planItem !== null && m.planItem === medication.planItem) || same(m.name, medication.name),
    );
    if (twin !== undefined) {
      plan.skipped.push({ path, reason: `already on the medicine list ("${twin.name}")` });
      return;
    }
    plan.medications.push(medication);
    plan.sources.medications.push(path);
  });
  imported.allergies.forEach((allergy, index) => {
    const path = imported.sources.allergies[index] ?? 'Bundle';
    if ([...existing.allergies, ...plan.allergies].some((a) => same(a.substance, allergy.substance))) {
      plan.skipped.push({ path, reason: `an allergy to "${allergy.substance}" is already on the list` });
      return;
    }
    plan.allergies.push(allergy);
    plan.sources.allergies.push(path);
  });
  const booked = existing.appointments.filter((a) => a.cancelledAt === null);
  imported.appointments.forEach((appointment, index) => {
    const path = imported.sources.appointments[index] ?? 'Bundle';
    const at = Date.parse(appointment.startsAt);
    if (
      [...booked, ...plan.appointments].some((a) => Date.parse(a.startsAt) === at && same(a.reason, appointment.reason))
    ) {
      plan.skipped.push({ path, reason: 'this visit is already booked' });
      return;
    }
    plan.appointments.push(appointment);
    plan.sources.appointments.push(path);
  });
  return plan;
}
