/** toFhirBundle: one patient's whole record as a FHIR R4 Bundle (pure: everything comes in as arguments). */
import type * as fhir from '@medplum/fhirtypes';
import type { CarePlan } from '../plan/schema.ts';
import {
  alertProvenances,
  checkInObservations,
  communicationResource,
  flagResource,
  questionnaireResource,
  questionnaireResponseResource,
  riskAssessmentResource,
} from './check-in-resources.ts';
import type { ExportContext } from './context.ts';
import type {
  AlertRecord,
  AllergyRecord,
  AppointmentRecord,
  CheckInRecord,
  DoseRecord,
  EnrolmentRecord,
  FhirRole,
  MedicationRecord,
  MessageRecord,
  PatientRecord,
} from './input.ts';
import {
  allergyResource,
  appointmentResource,
  carePlanResource,
  doseResource,
  medicationStatementResource,
  patientResource,
  procedureResource,
} from './record-resources.ts';

export interface FhirExportInput {
  patient: PatientRecord;
  enrolment: EnrolmentRecord | null;
  plan: CarePlan;
  medications: readonly MedicationRecord[];
  allergies: readonly AllergyRecord[];
  appointments: readonly AppointmentRecord[];
  checkIns: readonly CheckInRecord[];
  alerts: readonly AlertRecord[];
  messages: readonly MessageRecord[];
  doses?: readonly DoseRecord[];
  /** Roles of the users who wrote, recorded or changed things (user id → role), when known. */
  roles?: ReadonlyMap<string, FhirRole> | Readonly<Record<string, FhirRole>>;
}

export interface FhirExportOptions {
  /** When the export is made (ISO instant); the bundle's timestamp. */
  generatedAt: string;
  /** The FHIR base URL (e.g. "https://care.example.org/fhir/R4"): with it, every entry gets a fullUrl. */
  baseUrl?: string;
  /** "collection" (default) for an export, "searchset" for Patient/$everything. */
  type?: 'collection' | 'searchset';
}

/**
 * The patient's record as one FHIR R4 Bundle: Patient, Procedure, CarePlan, MedicationStatement, AllergyIntolerance,
 * Appointment, Questionnaire, QuestionnaireResponse, Observation (pain, temperature), Flag, RiskAssessment,
 * Provenance, Communication and MedicationAdministration. Entries are in a stable order.
 *
 * @example
 * const bundle = toFhirBundle({ patient, enrolment, plan, medications, allergies, appointments, checkIns, alerts, messages },
 *   { generatedAt: clock.now().toISOString(), baseUrl: 'https://care.example.org/fhir/R4' });
 */
export function toFhirBundle(input: FhirExportInput, options: FhirExportOptions): fhir.Bundle {
  const roles = input.roles instanceof Map ? input.roles : new Map(Object.entries(input.roles ?? {}));
  const context: ExportContext = {
    patient: input.patient,
    plan: input.plan,
    language: input.patient.language,
    roles,
    generatedAt: options.generatedAt,
  };
  const byTime =
    <T>(at: (item: T) => string) =>
    (a: T, b: T) =>
      at(a).localeCompare(at(b));
  const medications = [...input.medications].sort(byTime((m) => m.startDate + m.id));
  const appointments = [...input.appointments].sort(byTime((a) => a.startsAt + a.id));
  const checkIns = [...input.checkIns].sort(byTime((c) => c.submittedAt + c.id));
  const alerts = [...input.alerts].sort(byTime((a) => a.createdAt + a.id));
  const messages = [...input.messages].sort(byTime((m) => m.createdAt + m.id));
  const doses = [...(input.doses ?? [])].sort(byTime((d) => d.at + d.id));

  const resources: fhir.Resource[] = [];
  const procedure = procedureResource(context);
  resources.push(patientResource(context), procedure);
  if (input.enrolment !== null) {
    resources.push(carePlanResource(context, input.enrolment, medications, appointments, procedure));
  }
  resources.push(...medications.map((m) => medicationStatementResource(context, m)));
  resources.push(...input.allergies.map((a) => allergyResource(context, a)));
  resources.push(...appointments.map((a) => appointmentResource(context, a)));
  resources.push(questionnaireResource(input.plan, context.language));
  const observationsOf = new Map<string, fhir.Observation[]>();
  for (const checkIn of checkIns) {
    const observations = checkInObservations(context, checkIn);
    observationsOf.set(checkIn.id, observations);
    resources.push(questionnaireResponseResource(context, checkIn), ...observations);
  }
  const checkInById = new Map(checkIns.map((c) => [c.id, c]));
  for (const alert of alerts) {
    const checkIn = checkInById.get(alert.checkInId);
    resources.push(
      flagResource(context, alert),
      riskAssessmentResource(context, alert, checkIn, observationsOf.get(alert.checkInId) ?? []),
      ...alertProvenances(context, alert),
    );
  }
  resources.push(...messages.map((m) => communicationResource(context, m)));
  const medicationById = new Map(medications.map((m) => [m.id, m]));
  resources.push(...doses.map((d) => doseResource(context, d, medicationById.get(d.medicationId))));

  const base = options.baseUrl?.replace(/\/+$/, '');
  return {
    resourceType: 'Bundle',
    type: options.type ?? 'collection',
    timestamp: options.generatedAt,
    ...(options.type === 'searchset' ? { total: resources.length } : {}),
    entry: resources.map((resource) => ({
      ...(base === undefined ? {} : { fullUrl: `${base}/${resource.resourceType}/${resource.id ?? ''}` }),
      resource,
      ...(options.type === 'searchset'
        ? { search: { mode: resource.resourceType === 'Patient' ? 'match' : 'include' } }
        : {}),
    })),
  };
}

/** One resource of an exported bundle by type and id, or undefined. */
export function findInBundle(bundle: fhir.Bundle, resourceType: string, id: string): fhir.Resource | undefined {
  return bundle.entry?.find((entry) => entry.resource?.resourceType === resourceType && entry.resource.id === id)
    ?.resource;
}

/** The resource types an export can contain (the ones read-by-id serves). */
export const EXPORTED_RESOURCE_TYPES = [
  'Patient',
  'Procedure',
  'CarePlan',
  'MedicationStatement',
  'AllergyIntolerance',
  'Appointment',
  'Questionnaire',
  'QuestionnaireResponse',
  'Observation',
  'Flag',
  'RiskAssessment',
  'Provenance',
  'Communication',
  'MedicationAdministration',
] as const;
