/**
 * 0011: indexes for the care team's dashboard at 100,000 patients (chosen with bench/dashboard.bench.ts and EXPLAIN):
 * a page counts the open follow-ups and reads each listed patient's latest check-ins, dose counts of the last week and
 * open questions through an index alone. Two replace narrower ones they begin with, so a check-in or dose write
 * maintains no more indexes than before.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects/dialect.ts';

export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  // The latest check-ins per patient in the order the dashboard wants them (newest first, id breaks ties): the
  // trend reads them without sorting, and a per-patient "latest N" reads N entries and stops.
  await sql`create index check_ins_patient_latest on check_ins (patient_id, submitted_at desc, id desc)`.execute(db);
  await sql`drop index check_ins_patient`.execute(db);
  // Taken and skipped doses of the last days per patient, counted from the index without reading the rows.
  await sql`create index dose_events_patient_status on dose_events (patient_id, at, status)`.execute(db);
  await sql`drop index dose_events_patient`.execute(db);
  // Open questions are few among answered ones: counted from a small index of their own.
  await sql`create index questions_open on questions (patient_id) where answer is null`.execute(db);
  // Every page counts the open follow-ups of the organisation: a narrow index counts them without reading the table
  // (PostgreSQL read all 100,000 rows for it otherwise).
  await sql`create index patients_open_org on patients (org_id) where follow_up_closed_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`drop index patients_open_org`.execute(db);
  await sql`drop index questions_open`.execute(db);
  await sql`create index dose_events_patient on dose_events (patient_id, at)`.execute(db);
  await sql`drop index dose_events_patient_status`.execute(db);
  await sql`create index check_ins_patient on check_ins (patient_id, submitted_at)`.execute(db);
  await sql`drop index check_ins_patient_latest`.execute(db);
}
