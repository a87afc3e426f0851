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

/** Stands in for the access log while the rest is turned into text; the log is written in its place page by page. */
const ACCESS_LOG_SLOT = '\u0000access-log';
/** How deep each access log entry sits in the file (`more.accessLog[i]`), in spaces. */
const ENTRY_INDENT = ' '.repeat(6);

/**
 * The record as pretty-printed JSON, in pieces (the same text as `JSON.stringify(everything, null, 2)`). Everything but
 * the access log is read before this returns, so a failure there is still an error answer; the access log, which grows
 * with every look at the record (tens of thousands of rows), is then read and written a page at a time, never whole.
 */
export async function everythingAsJson(
  store: Store,
  patient: Patient,
  now: Date,
  baseUrl: string,
  pageSize = 500,
): Promise<AsyncGenerator<string>> {
  const text = JSON.stringify(await everythingButAccessLog(store, patient, now, baseUrl), null, 2);
  const slot = JSON.stringify(ACCESS_LOG_SLOT);
  const at = text.lastIndexOf(slot);
  async function* pieces(): AsyncGenerator<string> {
    yield text.slice(0, at);
    let opened = false;
    for await (const entries of accessLogPages(store, patient.id, pageSize)) {
      const lines = entries.map(
        (entry) => ENTRY_INDENT + JSON.stringify(entry, null, 2).replaceAll('\n', `\n${ENTRY_INDENT}`),
      );
      yield `${opened ? ',' : '['}\n${lines.join(',\n')}`;
      opened = true;
    }
    yield opened ? `\n${' '.repeat(4)}]` : '[]';
    yield text.slice(at + slot.length);
  }
  return pieces();
}

async function everythingButAccessLog(
  store: Store,
  patient: Patient,
  now: Date,
  baseUrl: string,
): Promise<Omit<Everything, 'more'> & { more: Omit<Everything['more'], 'accessLog'> & { accessLog: string } }> {
  const fhir = await exportPatient(store, patient, { now, baseUrl });
  const accounts = (await store.listUsers(patient.orgId))
    .filter((u) => u.patientId === patient.id)
    .map((u) => ({ name: u.name, email: u.email, role: u.role, language: u.language, createdAt: u.createdAt }));
  const medicines = await store.listMedications(patient.id);
  const medicineHistory = (await Promise.all(medicines.map((m) => store.medicationHistory(m.id)))).flat();
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
      accessLog: ACCESS_LOG_SLOT,
    },
  };
}

/** The audit entries about the patient, newest first, a page at a time, without the caller's network address. */
async function* accessLogPages(
  store: Store,
  patientId: string,
  pageSize: number,
): AsyncGenerator<Omit<AuditEntry, 'ip'>[]> {
  let before: string | undefined;
  do {
    const page = await store.searchAudit({ patientId, limit: pageSize, ...(before === undefined ? {} : { before }) });
    if (page.entries.length > 0) {
      yield page.entries.map(({ ip: _ip, ...entry }) => entry);
    }
    before = page.nextBefore ?? undefined;
  } while (before !== undefined);
}
