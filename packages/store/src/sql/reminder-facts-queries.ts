/**
 * The reads of a batch of due reminder jobs, a query per kind of fact for the whole batch (ids in `in` lists), so a
 * burst of reminders costs a few queries per batch instead of about ten per job. Each query is the batch form of the
 * one-job read it replaces (getPatient, getFollowUp, getReminderSettings, listRecipients, medicationHistory,
 * hasDoseAnswer, getAppointment, listCheckIns, getAlert), with the same filters and order.
 */
import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type { Alert, Id, Medication, Role, User } from '../store.ts';
import type { DoseRef, ReminderFacts, ReminderFactsRequest, ReminderPatient, ReminderSettings } from '../reminders.ts';
import { toAlert, toAppointment, toInstant, toMedication, toPatient, toUser } from './rows.ts';
import type {
  AlertsTable,
  Database,
  MedicationVersionsTable,
  PatientActivityColumns,
  PatientFollowUpColumns,
  PatientsTable,
} from './schema.ts';

/** Ids per `in` list: well inside both databases' limits on bound parameters. */
const IDS_PER_QUERY = 1000;

/** Runs `read` for each slice of `ids` (none for no ids) and joins the rows. */
async function inSlices<T>(ids: readonly string[], read: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const rows: T[] = [];
  for (let start = 0; start < unique.length; start += IDS_PER_QUERY) {
    rows.push(...(await read(unique.slice(start, start + IDS_PER_QUERY))));
  }
  return rows;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) {
      groups.set(key(item), [item]);
    } else {
      group.push(item);
    }
  }
  return groups;
}

export async function reminderFacts(db: Kysely<Database>, request: ReminderFactsRequest): Promise<ReminderFacts> {
  // The patient rows carry the last check-in time: only patients outside that read need a read of their own.
  const readAsPatients = new Set(request.patientIds);
  // Independent reads: on PostgreSQL they go out on several pooled connections at once.
  const [patients, medicationVersions, answeredDoses, appointments, otherCheckIns, alerts] = await Promise.all([
    reminderPatients(db, request.patientIds),
    medicationVersionsOf(db, request.medicationIds),
    answeredDosesOf(db, request.doses),
    appointmentsOf(db, request.appointmentIds),
    lastCheckInTimes(
      db,
      request.latestCheckInOf.filter((id) => !readAsPatients.has(id)),
    ),
    alertsOf(db, request.alertIds),
  ]);
  const latestCheckIns = new Map(otherCheckIns);
  for (const id of request.latestCheckInOf) {
    const at = patients.lastCheckIns.get(id);
    if (at !== undefined) {
      latestCheckIns.set(id, at);
    }
  }
  const orgIds = [...new Set([...alerts.values()].map((a) => a.orgId))];
  return {
    patients: patients.byId,
    medicationVersions,
    answeredDoses,
    appointments,
    latestCheckIns,
    alerts,
    teams: await teamsOf(db, orgIds),
  };
}

/** A patient's row with their follow-up, latest check-in and reminder settings (all null when never saved). */
type PatientWithSettings = Selectable<PatientsTable> &
  Pick<PatientActivityColumns, 'plan_id' | 'last_check_in_at'> &
  Pick<PatientFollowUpColumns, 'follow_up_closed_at'> & {
    check_in_time: string | null;
    visit_day_before: number | null;
    visit_hours_before: number | null;
    dose_repeat_every_minutes: number | null;
    dose_repeat_times: number | null;
  };

function settingsOf(row: PatientWithSettings): ReminderSettings | undefined {
  if (row.check_in_time === null) {
    return undefined;
  }
  return {
    checkInTime: row.check_in_time,
    visitReminders: { dayBefore: row.visit_day_before === 1, hoursBefore: Number(row.visit_hours_before) },
    doseRepeat: { everyMinutes: Number(row.dose_repeat_every_minutes), times: Number(row.dose_repeat_times) },
  };
}

/** The patients by id, and the last check-in time of those who sent one (read from the same rows). */
async function reminderPatients(
  db: Kysely<Database>,
  ids: readonly Id[],
): Promise<{ byId: Map<Id, ReminderPatient>; lastCheckIns: Map<Id, string> }> {
  const [rows, accounts] = await Promise.all([
    inSlices(ids, async (slice) => {
      const result = await sql<PatientWithSettings>`
        select p.*, s.check_in_time, s.visit_day_before, s.visit_hours_before, s.dose_repeat_every_minutes,
          s.dose_repeat_times
        from patients p left join reminder_settings s on s.patient_id = p.id
        where p.id in (${sql.join(slice)})`.execute(db);
      return result.rows;
    }),
    accountsOf(db, ids),
  ]);
  const byId = new Map(
    rows.map((row) => [
      row.id,
      {
        patient: toPatient(row),
        closedAt: row.follow_up_closed_at,
        settings: settingsOf(row),
        accounts: accounts.get(row.id) ?? [],
      },
    ]),
  );
  const lastCheckIns = new Map<Id, string>();
  for (const row of rows) {
    if (row.last_check_in_at !== null) {
      lastCheckIns.set(row.id, row.last_check_in_at);
    }
  }
  return { byId, lastCheckIns };
}

/** Enabled patient and caregiver accounts of each patient, oldest first (as listRecipients orders them). */
async function accountsOf(db: Kysely<Database>, patientIds: readonly Id[]): Promise<Map<Id, User[]>> {
  const users = await enabledUsers(db, 'patient_id', patientIds, ['patient', 'caregiver']);
  return groupBy(users, (user) => user.patientId ?? '');
}

/** Enabled accounts with one of `roles` whose `column` is one of `ids`, oldest first (as listRecipients orders them). */
async function enabledUsers(
  db: Kysely<Database>,
  column: 'patient_id' | 'org_id',
  ids: readonly Id[],
  roles: Role[],
): Promise<User[]> {
  const rows = await inSlices(ids, (slice) =>
    db
      .selectFrom('users')
      .selectAll()
      .where(column, 'in', slice)
      .where('role', 'in', roles)
      .where('disabled_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  );
  return rows.map(toUser);
}

async function medicationVersionsOf(db: Kysely<Database>, ids: readonly Id[]): Promise<Map<Id, Medication[]>> {
  const rows = await inSlices(ids, (slice) =>
    db
      .selectFrom('medication_versions as v')
      .innerJoin('medications as m', 'm.id', 'v.medication_id')
      .selectAll('v')
      .select('m.patient_id')
      .where('v.medication_id', 'in', slice)
      // Said of both tables, so PostgreSQL looks both up by key (it scanned every medicine to join them).
      .where('m.id', 'in', slice)
      .execute(),
  );
  const versions = rows
    .sort((a, b) => a.version - b.version)
    .map((row: Selectable<MedicationVersionsTable> & { patient_id: string }) => toMedication(row, row.patient_id));
  return groupBy(versions, (version) => version.id);
}

/** The doses asked that a taken or skipped dose answers, whatever the medicine's version. */
async function answeredDosesOf(db: Kysely<Database>, doses: readonly DoseRef[]): Promise<DoseRef[]> {
  if (doses.length === 0) {
    return [];
  }
  const asked = new Set(doses.map((dose) => doseKey(dose)));
  const times = [...new Set(doses.map((dose) => toInstant(dose.scheduledFor)))];
  const rows = await inSlices(
    doses.map((dose) => dose.patientId),
    (slice) =>
      db
        .selectFrom('dose_events')
        .select(['patient_id', 'medication_id', 'scheduled_for'])
        .where('patient_id', 'in', slice)
        .where('scheduled_for', 'in', times)
        .execute(),
  );
  const answered = new Map<string, DoseRef>();
  for (const row of rows) {
    if (row.scheduled_for === null) {
      continue;
    }
    const dose = { patientId: row.patient_id, medicationId: row.medication_id, scheduledFor: row.scheduled_for };
    if (asked.has(doseKey(dose))) {
      answered.set(doseKey(dose), dose);
    }
  }
  return [...answered.values()];
}

function doseKey(dose: DoseRef): string {
  return `${dose.patientId} ${dose.medicationId} ${toInstant(dose.scheduledFor)}`;
}

async function appointmentsOf(db: Kysely<Database>, ids: readonly Id[]): Promise<ReminderFacts['appointments']> {
  const rows = await inSlices(ids, (slice) =>
    db.selectFrom('appointments').selectAll().where('id', 'in', slice).execute(),
  );
  return new Map(rows.map((row) => [row.id, toAppointment(row)]));
}

/** Each patient's latest check-in, as the insert trigger keeps it on the patient row (no walk through check-ins). */
export async function lastCheckInTimes(db: Kysely<Database>, patientIds: readonly Id[]): Promise<Map<Id, string>> {
  const rows = await inSlices(patientIds, async (slice) => {
    const result = await sql<Pick<PatientsTable, 'id'> & { last_check_in_at: string }>`
      select id, last_check_in_at from patients
      where id in (${sql.join(slice)}) and last_check_in_at is not null`.execute(db);
    return result.rows;
  });
  return new Map(rows.map((row) => [row.id, row.last_check_in_at]));
}

async function alertsOf(db: Kysely<Database>, ids: readonly Id[]): Promise<Map<Id, { alert: Alert; orgId: Id }>> {
  const rows = await inSlices(ids, (slice) =>
    db
      .selectFrom('alerts as a')
      .innerJoin('patients as p', 'p.id', 'a.patient_id')
      .selectAll('a')
      .select('p.org_id')
      .where('a.id', 'in', slice)
      .execute(),
  );
  return new Map(
    rows.map((row: Selectable<AlertsTable> & { org_id: string }) => [
      row.id,
      { alert: toAlert(row), orgId: row.org_id },
    ]),
  );
}

/** Enabled admins and clinicians of each organisation, oldest first (as listRecipients orders them). */
async function teamsOf(db: Kysely<Database>, orgIds: readonly Id[]): Promise<Map<Id, User[]>> {
  return groupBy(await enabledUsers(db, 'org_id', orgIds, ['admin', 'clinician']), (user) => user.orgId);
}
