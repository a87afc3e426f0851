/** Everything Aftercare holds about one patient: the FHIR Bundle and, beside it, what FHIR does not carry. */
import type { AuditEntry, Patient, Store } from '@aftercare/store';
import { exportPatient } from '../fhir/fhir-record.ts';

export interface Everything {
  format: 'aftercare-record';
  version: 1;
  exportedAt: string;
  /** The record as a FHIR R4 Bundle: the patient, plan, medicines, allergies, visits, check-ins, alerts, messages. */
  fhir: unknown;
  /** What the FHIR Bundle does not hold. */
  more: {
    patient: Patient;
    accounts: { name: string; email: string; role: string; language: string; createdAt: string }[];
    questions: unknown[];
    medicineHistory: unknown[];
    /** Who looked at or changed the record (ids, actions and times). */
    accessLog: Omit<AuditEntry, 'ip'>[];
  };
}

export async function collectEverything(
  store: Store,
  patient: Patient,
  now: Date,
  baseUrl: string,
): Promise<Everything> {
  const fhir = await exportPatient(store, patient, { now, baseUrl });
  const accounts = (await store.listUsers(patient.orgId))
    .filter((u) => u.patientId === patient.id)
    .map((u) => ({ name: u.name, email: u.email, role: u.role, language: u.language, createdAt: u.createdAt }));
  const medicines = await store.listMedications(patient.id);
  const medicineHistory = (await Promise.all(medicines.map((m) => store.medicationHistory(m.id)))).flat();
  const accessLog: Omit<AuditEntry, 'ip'>[] = [];
  let before: string | undefined;
  for (let page = 0; page < 1000; page += 1) {
    const result = await store.searchAudit({
      patientId: patient.id,
      limit: 500,
      ...(before === undefined ? {} : { before }),
    });
    accessLog.push(...result.entries.map(({ ip: _ip, ...entry }) => entry));
    if (result.nextBefore === null) {
      break;
    }
    before = result.nextBefore;
  }
  return {
    format: 'aftercare-record',
    version: 1,
    exportedAt: now.toISOString(),
    fhir,
    more: {
      patient,
      accounts,
      questions: await store.listQuestions(patient.id),
      medicineHistory,
      accessLog,
    },
  };
}
