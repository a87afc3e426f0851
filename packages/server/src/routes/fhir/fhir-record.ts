/** A patient's record read from the store for a FHIR export, and a FHIR import written into it in one transaction. */
import {
  fromFhirBundle,
  mergeImport,
  toFhirBundle,
  type FhirBundle,
  type FhirExportInput,
  type FhirRole,
  type Skipped,
} from '@aftercare/core';
import type { Id, Instant, Page, Patient, Store } from '@aftercare/store';
import { DEFAULT_PLAN_ID, planOrBadInput } from '../../services/enrol.ts';
import { localDateOf } from '@aftercare/core';

const PAGE = 1000;

/**
 * Every row of a newest-first listing, page by page (the store caps a page at 1000). Each page starts right after
 * the last row of the one before (its instant and id), so rows sharing an instant at a page edge are all kept.
 */
export async function listAll<T extends { id: Id }>(
  list: (page: Page) => Promise<T[]>,
  at: (row: T) => Instant,
): Promise<T[]> {
  const rows: T[] = [];
  let after: { before: Instant; beforeId: Id } | undefined;
  for (;;) {
    const page = await list({ limit: PAGE, ...after });
    rows.push(...page);
    const last = page.at(-1);
    if (page.length < PAGE || last === undefined) {
      return rows;
    }
    after = { before: at(last), beforeId: last.id };
  }
}

/** Everything the FHIR export reads of one patient. */
export async function loadExportInput(store: Store, patient: Patient): Promise<FhirExportInput> {
  const enrolment = (await store.getEnrolment(patient.id)) ?? null;
  const plan = planOrBadInput(enrolment?.planId ?? DEFAULT_PLAN_ID);
  const [medications, allergies, appointments, alerts, checkIns, messages, doses] = await Promise.all([
    store.listMedications(patient.id),
    store.listAllergies(patient.id),
    store.listAppointments(patient.id),
    store.listAlerts({ patientId: patient.id }),
    listAll(
      (page) => store.listCheckIns(patient.id, page),
      (row) => row.submittedAt,
    ),
    listAll(
      (page) => store.listMessages(patient.id, page),
      (row) => row.createdAt,
    ),
    listAll(
      (page) => store.listDoses(patient.id, page),
      (row) => row.at,
    ),
  ]);
  // Roles of the people behind each record, so the export can say "the patient" or "a clinician".
  const userIds = new Set<Id>(
    [
      enrolment?.enrolledBy,
      ...medications.map((m) => m.changedBy),
      ...checkIns.map((c) => c.recordedBy),
      ...messages.map((m) => m.authorId),
      ...doses.map((d) => d.recordedBy),
      ...alerts.flatMap((a) => [a.acknowledgedBy, a.resolvedBy]),
    ].filter((id): id is Id => typeof id === 'string'),
  );
  const roles = new Map<string, FhirRole>();
  for (const id of userIds) {
    const user = await store.getUser(id);
    if (user !== undefined && user.orgId === patient.orgId) {
      roles.set(id, user.role === 'patient' && user.patientId !== patient.id ? 'caregiver' : user.role);
    }
  }
  return { patient, enrolment, plan, medications, allergies, appointments, checkIns, alerts, messages, doses, roles };
}

/** The patient's whole record as a FHIR R4 Bundle. */
export async function exportPatient(
  store: Store,
  patient: Patient,
  options: { now: Date; baseUrl?: string; type?: 'collection' | 'searchset' },
): Promise<FhirBundle> {
  const input = await loadExportInput(store, patient);
  return toFhirBundle(input, {
    generatedAt: options.now.toISOString(),
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    ...(options.type === undefined ? {} : { type: options.type }),
  });
}

export interface ImportReport {
  taken: {
    medications: { path: string; id: Id; name: string }[];
    allergies: { path: string; id: Id; substance: string }[];
    appointments: { path: string; id: Id; startsAt: Instant }[];
  };
  skipped: Skipped[];
}

const AS_DIRECTED = { en: 'As your care team says', es: 'Lo que diga su equipo de atención' } as const;

/**
 * Adds the medicines, allergies and visits of a FHIR bundle to the patient, skipping what they already have.
 * A refused bundle throws CARE_ERR_BAD_INPUT before anything is written; the writes share one transaction.
 */
export async function importIntoPatient(
  store: Store,
  patient: Patient,
  bundle: unknown,
  by: Id,
  now: Date,
): Promise<ImportReport> {
  const imported = fromFhirBundle(bundle, {
    today: localDateOf(now, patient.timeZone),
    asDirected: AS_DIRECTED[patient.language],
  });
  const at = now.toISOString();
  return store.transaction(async (tx) => {
    const [medications, allergies, appointments] = await Promise.all([
      tx.listMedications(patient.id),
      tx.listAllergies(patient.id),
      tx.listAppointments(patient.id),
    ]);
    const plan = mergeImport(imported, { medications, allergies, appointments });
    const report: ImportReport = { taken: { medications: [], allergies: [], appointments: [] }, skipped: plan.skipped };
    for (const [index, input] of plan.medications.entries()) {
      const stored = await tx.addMedication(patient.id, input, by, at);
      report.taken.medications.push({ path: plan.sources.medications[index] ?? '', id: stored.id, name: stored.name });
    }
    for (const [index, input] of plan.allergies.entries()) {
      const stored = await tx.addAllergy(patient.id, input.substance, input.reaction, at);
      report.taken.allergies.push({
        path: plan.sources.allergies[index] ?? '',
        id: stored.id,
        substance: stored.substance,
      });
    }
    for (const [index, input] of plan.appointments.entries()) {
      const stored = await tx.addAppointment({ patientId: patient.id, ...input, createdBy: by, createdAt: at });
      report.taken.appointments.push({
        path: plan.sources.appointments[index] ?? '',
        id: stored.id,
        startsAt: stored.startsAt,
      });
    }
    return report;
  });
}
