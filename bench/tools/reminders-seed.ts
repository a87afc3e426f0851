/**
 * Seeds a migrated Aftercare database for the reminders benchmark, in bulk inserts on the store's own schema: one
 * organisation, `patients` enrolled patients in America/Chicago (each with a login and one medicine, "Folic acid and
 * iron" at 08:00), each already planned, with the 08:00 dose reminder of BURST_DAY waiting as a planned job. So every
 * patient's dose reminder falls due in the same minute. Jobs are written exactly as the planner writes them (same kind,
 * dedupe key, payload and run time, and the store's time-ordered ids, one patient after the other as the planner goes);
 * the timed part (the runner) is the app's own code.
 */
import { randomUUID } from 'node:crypto';
import BetterSqlite from 'better-sqlite3';
import pg from 'pg';
import { newJob } from '../../packages/server/src/reminders/job-kinds.ts';
import { timeOrderedId } from '../../packages/store/src/sql/time-ordered-id.ts';

export const ZONE = 'America/Chicago';
/** 08:00 in Chicago (UTC-6 in November) on the day of the burst. */
export const BURST_AT = '2026-11-26T14:00:00.000Z';
/** Planned a minute before the burst, so the runner's planning step finds nobody to plan. */
const PLANNED_AT = '2026-11-26T13:59:00.000Z';
const ENROLLED_AT = '2026-11-24T18:00:00.000Z';
const PLAN_ID = 'bone-marrow-harvest';

export interface ReminderSeed {
  patients: number;
  /** Reminder jobs due at BURST_AT. */
  dueJobs: number;
  seedSeconds: number;
}

export interface Table {
  name: string;
  columns: string[];
  rows: unknown[][];
}

/** Every row to insert, parents first. */
function tables(patients: number): Table[] {
  const orgId = randomUUID();
  const clinicianId = randomUUID();
  const org: Table = { name: 'organisations', columns: ['id', 'name', 'created_at'], rows: [] };
  org.rows.push([orgId, 'Benchmark Donor Centre', ENROLLED_AT]);
  const userColumns = ['id', 'org_id', 'email', 'email_key', 'name', 'role', 'password_hash', 'language'];
  const users: Table = { name: 'users', columns: [...userColumns, 'patient_id', 'created_at'], rows: [] };
  users.rows.push([clinicianId, orgId, 'nurse@example.org', 'nurse@example.org', 'Nia Nurse', 'clinician']);
  users.rows[0]?.push('not-a-hash', 'en', null, ENROLLED_AT);
  const patientUsers: Table = { name: 'users', columns: users.columns, rows: [] };
  const patientRows: Table = {
    name: 'patients',
    columns: [
      'id',
      'org_id',
      'name',
      'procedure_date',
      'harvest_site',
      'marrow_use',
      'language',
      'time_zone',
      'country',
      'created_at',
      'last_activity_at',
      'plan_id',
    ],
    rows: [],
  };
  const enrolments: Table = {
    name: 'enrolments',
    columns: ['id', 'patient_id', 'plan_id', 'plan_version', 'enrolled_at', 'enrolled_by'],
    rows: [],
  };
  const medications: Table = {
    name: 'medications',
    columns: ['id', 'patient_id', 'current_version', 'added_at'],
    rows: [],
  };
  const versions: Table = {
    name: 'medication_versions',
    columns: [
      'medication_id',
      'version',
      'name',
      'kind',
      'amount',
      'timing',
      'reason',
      'start_date',
      'plan_item',
      'effective_from',
      'changed_by',
    ],
    rows: [],
  };
  const plans: Table = { name: 'reminder_plans', columns: ['patient_id', 'time_zone', 'planned_at'], rows: [] };
  const jobs: Table = {
    name: 'jobs',
    columns: ['id', 'kind', 'dedupe_key', 'payload', 'run_at', 'status', 'attempts', 'patient_id', 'planned'],
    rows: [],
  };
  jobs.columns.push('created_at');
  for (let n = 1; n <= patients; n++) {
    const patientId = randomUUID();
    const medicationId = randomUUID();
    const name = `Bench Patient ${String(n)}`;
    const email = `patient${String(n)}@example.org`;
    patientRows.rows.push([patientId, orgId, name, '2026-11-24', 'hip', 'donor', 'en', ZONE, 'US', ENROLLED_AT]);
    patientRows.rows.at(-1)?.push(ENROLLED_AT, PLAN_ID);
    patientUsers.rows.push([
      randomUUID(),
      orgId,
      email,
      email,
      name,
      'patient',
      'not-a-hash',
      'en',
      patientId,
      ENROLLED_AT,
    ]);
    enrolments.rows.push([randomUUID(), patientId, PLAN_ID, '1.0.0', ENROLLED_AT, clinicianId]);
    medications.rows.push([medicationId, patientId, 1, ENROLLED_AT]);
    versions.rows.push([medicationId, 1, 'Folic acid and iron', 'vitamin', '1 tablet']);
    versions.rows.at(-1)?.push('{"type":"fixed-times","times":["08:00"]}', 'red blood cells', '2026-11-24');
    versions.rows.at(-1)?.push('vitamins-folic-acid-iron', ENROLLED_AT, clinicianId);
    plans.rows.push([patientId, ZONE, PLANNED_AT]);
    // The planner's own job shape (kind, dedupe key, payload) for this dose.
    const job = newJob(
      { kind: 'dose', payload: { medicationId, scheduledFor: BURST_AT, repeat: 0 } },
      patientId,
      new Date(BURST_AT),
      true,
    );
    jobs.rows.push([timeOrderedId(), job.kind, job.dedupeKey, JSON.stringify(job.payload), job.runAt, 'pending', 0]);
    jobs.rows.at(-1)?.push(patientId, 1, PLANNED_AT);
  }
  return [org, users, patientRows, patientUsers, enrolments, medications, versions, plans, jobs];
}

/** Seeds an empty migrated SQLite file (one transaction). */
export function seedRemindersSqlite(file: string, patients: number): ReminderSeed {
  const started = performance.now();
  const db = new BetterSqlite(file);
  try {
    db.transaction(() => {
      for (const { name, columns, rows } of tables(patients)) {
        const insert = db.prepare(
          `insert into ${name} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
        );
        for (const row of rows) {
          insert.run(...row);
        }
      }
    })();
  } finally {
    db.close();
  }
  return { patients, dueJobs: patients, seedSeconds: (performance.now() - started) / 1000 };
}

/** Inserts rows with multi-row INSERTs (within PostgreSQL's 65,535 parameters a statement). */
export async function insertPostgresRows(client: pg.Client, table: Table): Promise<void> {
  const { name, columns, rows } = table;
  const chunk = Math.floor(60_000 / columns.length);
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const values = part.map(
      (_row, r) => `(${columns.map((_c, c) => `$${String(r * columns.length + c + 1)}`).join(', ')})`,
    );
    await client.query(`insert into ${name} (${columns.join(', ')}) values ${values.join(', ')}`, part.flat());
  }
}

/** Seeds an empty migrated PostgreSQL database (one transaction), then analyzes it. */
export async function seedRemindersPostgres(url: string, patients: number): Promise<ReminderSeed> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    for (const table of tables(patients)) {
      await insertPostgresRows(client, table);
    }
    await client.query('commit');
    await client.query('vacuum (analyze)');
  } finally {
    await client.end();
  }
  return { patients, dueJobs: patients, seedSeconds: (performance.now() - started) / 1000 };
}
