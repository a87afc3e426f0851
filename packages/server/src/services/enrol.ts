/** Enrolment: a new patient, their plan, the plan's medicines prefilled, and optionally their login, in one transaction. */
import { AftercareError, type CarePlan } from '@aftercare/core';
import { getPlan } from '@aftercare/plans';
import type {
  Allergy,
  Appointment,
  Enrolment,
  HarvestSite,
  Id,
  Language,
  MarrowUse,
  MedicationInput,
  Patient,
  Store,
  User,
} from '@aftercare/store';
import { createAccount } from './accounts.ts';
import { addDays } from '@aftercare/core';

export const DEFAULT_PLAN_ID = 'bone-marrow-harvest';

export interface EnrolInput {
  name: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  dateOfBirth?: string | null | undefined;
  procedureDate: string;
  harvestSite: HarvestSite;
  marrowUse: MarrowUse;
  language: Language;
  timeZone: string;
  country: string;
  emergencyContact?: string | null | undefined;
  planId?: string | undefined;
  returnToWork?: string | null | undefined;
  returnToWorkDate?: string | null | undefined;
  medications?: MedicationInput[] | undefined;
  allergies?: { substance: string; reaction: string }[] | undefined;
  appointments?:
    | { withWhom: Appointment['withWhom']; reason: string; location?: string | null | undefined; startsAt: string }[]
    | undefined;
  account?: { email: string; password: string } | undefined;
}

export interface Enrolled {
  patient: Patient;
  enrolment: Enrolment;
  allergies: Allergy[];
  account: User | null;
}

/** The plan with this id, or a 400 naming the field. */
export function planOrBadInput(planId: string, path = 'planId'): CarePlan {
  const plan = getPlan(planId);
  if (plan === undefined) {
    throw new AftercareError('CARE_ERR_BAD_INPUT', `There is no care plan "${planId}".`, [
      { path, message: 'Unknown care plan.' },
    ]);
  }
  return plan;
}

/** The plan's medicine templates, in the patient's language, starting on the procedure day. */
export function medicationsFromPlan(plan: CarePlan, language: Language, procedureDate: string): MedicationInput[] {
  const texts = plan.texts[language];
  const asDirected = texts[plan.medicines.amountAsDirectedKey] ?? '';
  return plan.medicines.templates.map((template) => ({
    name: texts[template.nameKey] ?? template.id,
    kind: template.kind,
    amount: template.amount ?? asDirected,
    timing: template.timing,
    reason: texts[template.reasonKey] ?? '',
    startDate: procedureDate,
    endDate: template.courseDays === null ? null : addDays(procedureDate, template.courseDays - 1),
    planItem: template.id,
  }));
}

/** What enrolment starts with when the team lists no medicines: the templates the patient need not ask about first. */
function defaultMedications(plan: CarePlan, language: Language, procedureDate: string): MedicationInput[] {
  const askFirst = new Set(plan.medicines.templates.filter((t) => t.askFirst).map((t) => t.id));
  return medicationsFromPlan(plan, language, procedureDate).filter(
    (m) => m.planItem === null || !askFirst.has(m.planItem),
  );
}

/** Enrols a patient in their care team's organisation. Must run inside a store transaction. */
export async function enrolPatient(tx: Store, input: EnrolInput, orgId: Id, by: Id, now: Date): Promise<Enrolled> {
  const planId = input.planId ?? DEFAULT_PLAN_ID;
  const plan = planOrBadInput(planId);
  const at = now.toISOString();
  const patient = await tx.createPatient(
    {
      orgId,
      name: input.name.trim(),
      email: input.email ?? null,
      phone: input.phone ?? null,
      dateOfBirth: input.dateOfBirth ?? null,
      procedureDate: input.procedureDate,
      harvestSite: input.harvestSite,
      marrowUse: input.marrowUse,
      language: input.language,
      timeZone: input.timeZone,
      country: input.country,
      emergencyContact: input.emergencyContact ?? null,
    },
    at,
  );
  const enrolment = await tx.createEnrolment({
    patientId: patient.id,
    planId,
    planVersion: plan.version,
    returnToWork: input.returnToWork ?? null,
    returnToWorkDate: input.returnToWorkDate ?? null,
    enrolledAt: at,
    enrolledBy: by,
  });
  for (const medication of input.medications ?? defaultMedications(plan, input.language, input.procedureDate)) {
    await tx.addMedication(patient.id, medication, by, at);
  }
  const allergies: Allergy[] = [];
  for (const allergy of input.allergies ?? []) {
    allergies.push(await tx.addAllergy(patient.id, allergy.substance, allergy.reaction, at));
  }
  for (const appointment of input.appointments ?? []) {
    await tx.addAppointment({
      patientId: patient.id,
      withWhom: appointment.withWhom,
      reason: appointment.reason,
      location: appointment.location ?? null,
      startsAt: new Date(appointment.startsAt).toISOString(),
      createdBy: by,
      createdAt: at,
    });
  }
  const account =
    input.account === undefined
      ? null
      : await createAccount(
          tx,
          {
            orgId,
            name: patient.name,
            email: input.account.email,
            password: input.account.password,
            role: 'patient',
            language: input.language,
            patientId: patient.id,
          },
          now,
          'account.password',
        );
  return { patient, enrolment, allergies, account };
}
