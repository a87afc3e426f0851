/**
 * 0020 (SQLite): two fewer alert indexes written by each new alert, for the check-in that raises it (issue 9's
 * check-in write; WAL frames per check-in 19.75 → 19.35, one check-in in five raising an alert).
 * - alerts_status_level goes: the escalation update finds open alerts by (status, created_at) through alerts_status
 *   and checks the level on the few rows it finds; the dashboard's flagged read seeks the status in either.
 * - alerts_escalated_at keeps only escalated alerts: its one reader asks for escalated_at >= a time, which no new
 *   alert matches (escalated_at is null until the alert is raised again).
 * PostgreSQL keeps both: its check-in is one statement and meets the ratio, and its planner uses them its own way.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects/dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'sqlite') {
    return;
  }
  await sql`drop index alerts_status_level`.execute(db);
  await sql`drop index alerts_escalated_at`.execute(db);
  await sql`create index alerts_escalated_at on alerts (escalated_at) where escalated_at is not null`.execute(db);
}

export async function down(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'sqlite') {
    return;
  }
  await sql`drop index alerts_escalated_at`.execute(db);
  await sql`create index alerts_escalated_at on alerts (escalated_at)`.execute(db);
  await sql`create index alerts_status_level on alerts (status, level, created_at)`.execute(db);
}
