/**
 * 0015: indexes for a burst of reminders (chosen with bench/reminders.bench.ts: every patient's 08:00 dose due in the
 * same minute). The runner claims due jobs oldest first by (run_at, id): with jobs_due on (status, run_at) alone, jobs
 * sharing one run_at were sorted again at every claim of 10 (35 ms each at 100,000 due). And each reminder finds the
 * patient's own logins by users.patient_id, which no index covered: a scan of every user per job (17.7 ms).
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects/dialect.ts';

export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  // Replaces jobs_due, which it begins with: a job write maintains no more indexes than before.
  await sql`create index jobs_due_in_order on jobs (status, run_at, id)`.execute(db);
  await sql`drop index jobs_due`.execute(db);
  await sql`create index users_patient on users (patient_id)`.execute(db);
}

export async function down(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`drop index users_patient`.execute(db);
  await sql`create index jobs_due on jobs (status, run_at)`.execute(db);
  await sql`drop index jobs_due_in_order`.execute(db);
}
