/**
 * 0018: the dashboard's unread-message count reads the messages index alone (chosen with bench/dashboard.bench.ts).
 * For each patient of a page it counts messages by someone other than the reader, after the reader's read mark:
 * messages_patient (patient_id, created_at) found them, but the author was on the table row, so every message of the
 * page's patients was fetched from the table (PostgreSQL: ~560 table pages for a page of 200 patients). With the
 * author in the index, the table is not read. It replaces messages_patient, which it begins with: a message write
 * maintains no more indexes than before.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects/dialect.ts';

export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create index messages_patient_author on messages (patient_id, created_at, author_id)`.execute(db);
  await sql`drop index messages_patient`.execute(db);
}

export async function down(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create index messages_patient on messages (patient_id, created_at)`.execute(db);
  await sql`drop index messages_patient_author`.execute(db);
}
