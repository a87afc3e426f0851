/**
 * 0003: what the care team's dashboard orders by, kept on the patient row so that a page of the dashboard reads a
 * few index ranges instead of every patient's history: the latest check-in, the last sign of life (the latest
 * check-in, or the record's creation before the first one) and the plan of the latest enrolment. Triggers keep
 * them right on every insert, in the same transaction, whoever writes.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects/dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema.alterTable('patients').addColumn('last_check_in_at', 'text').execute();
  await db.schema.alterTable('patients').addColumn('last_activity_at', 'text').execute();
  await db.schema.alterTable('patients').addColumn('plan_id', 'text').execute();

  await sql`update patients set
    last_check_in_at = (select max(c.submitted_at) from check_ins c where c.patient_id = patients.id),
    plan_id = (select e.plan_id from enrolments e where e.patient_id = patients.id
      order by e.enrolled_at desc, e.id desc limit 1)`.execute(db);
  await sql`update patients set last_activity_at = coalesce(last_check_in_at, created_at)`.execute(db);

  // Quiet patients: the oldest last sign of life first (plan_id makes the quiet count an index-only read).
  await sql`create index patients_org_activity on patients (org_id, last_activity_at, id, plan_id)`.execute(db);
  // Everyone else: by day of recovery (latest procedure first).
  await sql`create index patients_org_recovery on patients (org_id, procedure_date desc, name, id)`.execute(db);
  // Unresolved alerts are few among many resolved ones: read them alone, by patient.
  await sql`create index alerts_unresolved on alerts (patient_id, level, status, created_at)
    where status in ('open', 'acknowledged')`.execute(db);

  // Trigger syntax differs between the dialects: this is the one branch.
  if (dialect === 'postgres') {
    await sql`create function patients_activity_init() returns trigger language plpgsql as $$
      begin
        new.last_activity_at := coalesce(new.last_check_in_at, new.created_at);
        return new;
      end $$`.execute(db);
    await sql`create trigger patients_activity_init before insert on patients
      for each row execute function patients_activity_init()`.execute(db);
    await sql`create function check_ins_touch_patient() returns trigger language plpgsql as $$
      begin
        update patients set last_check_in_at = new.submitted_at, last_activity_at = new.submitted_at
          where id = new.patient_id and (last_check_in_at is null or last_check_in_at < new.submitted_at);
        return null;
      end $$`.execute(db);
    await sql`create trigger check_ins_touch_patient after insert on check_ins
      for each row execute function check_ins_touch_patient()`.execute(db);
    await sql`create function enrolments_touch_patient() returns trigger language plpgsql as $$
      begin
        update patients set plan_id = (select e.plan_id from enrolments e where e.patient_id = new.patient_id
          order by e.enrolled_at desc, e.id desc limit 1)
          where id = new.patient_id;
        return null;
      end $$`.execute(db);
    await sql`create trigger enrolments_touch_patient after insert on enrolments
      for each row execute function enrolments_touch_patient()`.execute(db);
  } else {
    await sql`create trigger patients_activity_init after insert on patients
      begin
        update patients set last_activity_at = coalesce(new.last_check_in_at, new.created_at) where id = new.id;
      end`.execute(db);
    await sql`create trigger check_ins_touch_patient after insert on check_ins
      begin
        update patients set last_check_in_at = new.submitted_at, last_activity_at = new.submitted_at
          where id = new.patient_id and (last_check_in_at is null or last_check_in_at < new.submitted_at);
      end`.execute(db);
    await sql`create trigger enrolments_touch_patient after insert on enrolments
      begin
        update patients set plan_id = (select e.plan_id from enrolments e where e.patient_id = new.patient_id
          order by e.enrolled_at desc, e.id desc limit 1)
          where id = new.patient_id;
      end`.execute(db);
  }
}

export async function down(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    await sql`drop trigger enrolments_touch_patient on enrolments`.execute(db);
    await sql`drop trigger check_ins_touch_patient on check_ins`.execute(db);
    await sql`drop trigger patients_activity_init on patients`.execute(db);
    await sql`drop function enrolments_touch_patient()`.execute(db);
    await sql`drop function check_ins_touch_patient()`.execute(db);
    await sql`drop function patients_activity_init()`.execute(db);
  } else {
    await sql`drop trigger enrolments_touch_patient`.execute(db);
    await sql`drop trigger check_ins_touch_patient`.execute(db);
    await sql`drop trigger patients_activity_init`.execute(db);
  }
  await sql`drop index alerts_unresolved`.execute(db);
  await sql`drop index patients_org_recovery`.execute(db);
  await sql`drop index patients_org_activity`.execute(db);
  await db.schema.alterTable('patients').dropColumn('plan_id').execute();
  await db.schema.alterTable('patients').dropColumn('last_activity_at').execute();
  await db.schema.alterTable('patients').dropColumn('last_check_in_at').execute();
}
