/**
 * 0021 (SQLite): a new check-in writes one index fewer. check_ins_patient_latest (patient, newest first) was made for
 * the dashboard's trends (0011); since 0014 they come from the patient row. Its other readers go through
 * check_ins_idempotency (patient, idempotency key) instead and sort that one patient's check-ins: a patient's
 * listing and the readings rebuilt when a check-in changes, a few hundred rows at most over a recovery. The
 * reminders' "checked in today?" reads the patient row's last_check_in_at, which the insert trigger keeps.
 * Measured on a check-in's transaction (better-sqlite3, WAL, synchronous=FULL): WAL frames 19.4 → 17.1; 418 → 370 µs.
 * PostgreSQL keeps it: its check-in is one statement and meets the ratio, and its planner uses it its own way.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects/dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'sqlite') {
    return;
  }
  await sql`drop index check_ins_patient_latest`.execute(db);
}

export async function down(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'sqlite') {
    return;
  }
  await sql`create index check_ins_patient_latest on check_ins (patient_id, submitted_at desc, id desc)`.execute(db);
}
