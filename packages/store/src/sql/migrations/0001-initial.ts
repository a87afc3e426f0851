/** 0001: every table of the first release. Frozen once shipped: later changes go in new migrations. */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects/dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const s = db.schema;

  await s
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await s
    .createTable('patients')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('date_of_birth', 'text')
    .addColumn('procedure_date', 'text', (c) => c.notNull())
    .addColumn('harvest_site', 'text', (c) => c.notNull())
    .addColumn('marrow_use', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('emergency_contact', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('patients_org').on('patients').columns(['org_id', 'created_at']).execute();

  await s
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'text', (c) => c.references('patients.id'))
    .addColumn('disabled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('users_org').on('users').columns(['org_id', 'created_at']).execute();

  await s
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await s
    .createTable('enrolments')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('plan_version', 'text', (c) => c.notNull())
    .addColumn('return_to_work', 'text')
    .addColumn('enrolled_at', 'text', (c) => c.notNull())
    .addColumn('enrolled_by', 'text', (c) => c.notNull().references('users.id'))
    .execute();
  await s.createIndex('enrolments_patient').on('enrolments').columns(['patient_id', 'enrolled_at']).execute();

  await s
    .createTable('medications')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('medications_patient').on('medications').columns(['patient_id', 'added_at']).execute();

  await s
    .createTable('medication_versions')
    .addColumn('medication_id', 'text', (c) => c.notNull().references('medications.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount', 'text', (c) => c.notNull())
    .addColumn('timing', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('plan_item', 'text')
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('stopped_at', 'text')
    .addColumn('changed_by', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('medication_versions_pk', ['medication_id', 'version'])
    .execute();

  await s
    .createTable('allergies')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('substance', 'text', (c) => c.notNull())
    .addColumn('reaction', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('allergies_patient').on('allergies').column('patient_id').execute();

  await s
    .createTable('dose_events')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('medication_id', 'text', (c) => c.notNull())
    .addColumn('medication_version', 'integer', (c) => c.notNull())
    .addColumn('scheduled_for', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('taken', 'skipped')`))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    // A dose points at the exact version of the medicine it was taken under.
    .addForeignKeyConstraint(
      'dose_events_medication_version_fk',
      ['medication_id', 'medication_version'],
      'medication_versions',
      ['medication_id', 'version'],
    )
    .addUniqueConstraint('dose_events_idempotency', ['patient_id', 'idempotency_key'])
    .execute();
  await s.createIndex('dose_events_patient').on('dose_events').columns(['patient_id', 'at']).execute();

  await s
    .createTable('appointments')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('with_whom', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .execute();
  await s.createIndex('appointments_patient').on('appointments').columns(['patient_id', 'starts_at']).execute();

  await s
    .createTable('questions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('appointment_id', 'text', (c) => c.references('appointments.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('asked_at', 'text')
    .addColumn('answer', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('questions_patient').on('questions').columns(['patient_id', 'created_at']).execute();

  await s
    .createTable('check_ins')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('triage', 'text', (c) => c.notNull())
    .addColumn('disposition', 'text', (c) =>
      c.notNull().check(sql`disposition in ('emergency', 'contact-provider', 'self-care')`),
    )
    .addColumn('idempotency_key', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addUniqueConstraint('check_ins_idempotency', ['patient_id', 'idempotency_key'])
    .execute();
  await s.createIndex('check_ins_patient').on('check_ins').columns(['patient_id', 'submitted_at']).execute();

  await s
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('check_in_id', 'text', (c) => c.notNull().unique().references('check_ins.id'))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('emergency', 'contact-provider')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'acknowledged', 'resolved')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_by', 'text', (c) => c.references('users.id'))
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledge_note', 'text')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
    .addColumn('resolved_at', 'text')
    .execute();
  await s.createIndex('alerts_patient').on('alerts').columns(['patient_id', 'created_at']).execute();
  await s.createIndex('alerts_status').on('alerts').columns(['status', 'created_at']).execute();

  await s
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('messages_patient').on('messages').columns(['patient_id', 'created_at']).execute();

  // No foreign keys: an audit event must always be writable, even about an actor or record that is gone.
  await s
    .createTable('audit_events')
    // The one type that differs: an auto-numbered key (SQLite's rowid alias, PostgreSQL's bigserial).
    .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => c.primaryKey().notNull())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'text')
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text')
    .addColumn('ip', 'text')
    .execute();
  await s.createIndex('audit_events_at').on('audit_events').columns(['at', 'seq']).execute();
  await s.createIndex('audit_events_patient').on('audit_events').columns(['patient_id', 'at']).execute();
  await s.createIndex('audit_events_actor').on('audit_events').columns(['actor_id', 'at']).execute();

  // The audit trail is append-only even for someone with SQL access: triggers refuse UPDATE and DELETE.
  // Trigger syntax differs between the dialects, so this is the second (and last) branch.
  if (dialect === 'postgres') {
    await sql`create function audit_events_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit events are append-only'; end $$`.execute(db);
    await sql`create trigger audit_events_no_change before update or delete on audit_events
      for each row execute function audit_events_append_only()`.execute(db);
    await sql`create trigger audit_events_no_truncate before truncate on audit_events
      for each statement execute function audit_events_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_events_no_update before update on audit_events
      begin select raise(abort, 'audit events are append-only'); end`.execute(db);
    await sql`create trigger audit_events_no_delete before delete on audit_events
      begin select raise(abort, 'audit events are append-only'); end`.execute(db);
  }
}

export async function down(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const tables = [
    'audit_events',
    'messages',
    'alerts',
    'check_ins',
    'questions',
    'appointments',
    'dose_events',
    'allergies',
    'medication_versions',
    'medications',
    'enrolments',
    'sessions',
    'users',
    'patients',
    'organisations',
  ];
  for (const table of tables) {
    await db.schema.dropTable(table).execute();
  }
  if (dialect === 'postgres') {
    await sql`drop function audit_events_append_only()`.execute(db);
  }
}
