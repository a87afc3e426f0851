/**
 * 0008: the care team's side, what was left: a planned return-to-work date on the enrolment, closing the follow-up
 * (on the patient row, so the dashboard leaves closed patients out through an index), the plan-changes feed, per-reader
 * read marks (messages, plan changes) and invites meant for a caregiver.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects/dialect.ts';

export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('enrolments').addColumn('return_to_work_date', 'text').execute();

  await db.schema.alterTable('patients').addColumn('follow_up_closed_at', 'text').execute();
  await db.schema.alterTable('patients').addColumn('follow_up_closed_by', 'text').execute();
  await db.schema.alterTable('patients').addColumn('follow_up_close_reason', 'text').execute();
  await db.schema.alterTable('patients').addColumn('follow_up_close_note', 'text').execute();
  // The dashboard's default list is the open follow-ups: the same two orders as 0003, over open patients only.
  await sql`create index patients_open_activity on patients (org_id, last_activity_at, id, plan_id)
    where follow_up_closed_at is null`.execute(db);
  await sql`create index patients_open_recovery on patients (org_id, procedure_date desc, name, id)
    where follow_up_closed_at is null`.execute(db);

  await db.schema
    .createTable('plan_changes')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_changes_patient').on('plan_changes').columns(['patient_id', 'at']).execute();

  await db.schema
    .createTable('read_marks')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('thread', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('read_marks_pk', ['user_id', 'patient_id', 'thread'])
    .execute();

  await db.schema
    .alterTable('invites')
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('patient'))
    .execute();
}

export async function down(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('invites').dropColumn('role').execute();
  await db.schema.dropTable('read_marks').execute();
  await db.schema.dropTable('plan_changes').execute();
  await sql`drop index patients_open_recovery`.execute(db);
  await sql`drop index patients_open_activity`.execute(db);
  for (const column of [
    'follow_up_close_note',
    'follow_up_close_reason',
    'follow_up_closed_by',
    'follow_up_closed_at',
  ]) {
    await db.schema.alterTable('patients').dropColumn(column).execute();
  }
  await db.schema.alterTable('enrolments').dropColumn('return_to_work_date').execute();
}
