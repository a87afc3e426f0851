/** What every exported resource needs to know: the patient, the plan and its texts, and how to refer to other resources. */
import type * as fhir from '@medplum/fhirtypes';
import type { CarePlan } from '../plan/schema.ts';
import { SYSTEMS } from './codes.ts';
import type { FhirRole, PatientRecord } from './input.ts';

export interface ExportContext {
  patient: PatientRecord;
  plan: CarePlan;
  language: 'en' | 'es';
  /** Roles of the users behind authors and agents, when the caller knows them. */
  roles: ReadonlyMap<string, FhirRole>;
  /** When the export was made (ISO instant): decides which courses have ended. */
  generatedAt: string;
}

/** A plan text in the patient's language (the key itself if the plan lacks it, which the plan schema prevents). */
export function text(context: ExportContext, key: string): string {
  return context.plan.texts[context.language][key] ?? key;
}

export function ref<T extends fhir.Resource>(resourceType: T['resourceType'], id: string): fhir.Reference<T> {
  return { reference: `${resourceType}/${id}` };
}

export function patientRef(context: ExportContext): fhir.Reference<fhir.Patient> {
  return { reference: `Patient/${context.patient.id}` };
}

/** A person of Aftercare by user id: the Patient for the patient's own account, else an identifier-only reference. */
export function personRef(
  context: ExportContext,
  userId: string,
): fhir.Reference<fhir.Patient | fhir.Practitioner | fhir.RelatedPerson> {
  const role = context.roles.get(userId);
  const type =
    role === undefined
      ? undefined
      : role === 'patient'
        ? 'Patient'
        : role === 'caregiver'
          ? 'RelatedPerson'
          : 'Practitioner';
  if (type === 'Patient') {
    return patientRef(context);
  }
  return { ...(type === undefined ? {} : { type }), identifier: { system: SYSTEMS.user, value: userId } };
}

/** A calendar date in an IANA time zone, for "has this course ended by now?". */
export function localDate(instant: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(instant),
    );
  } catch {
    return instant.slice(0, 10);
  }
}
