/**
 * 0014: each patient's short trend kept on the patient row (chosen with bench/dashboard.bench.ts): a dashboard page
 * read the latest 7 check-ins of each of its 200 patients (~1,400 rows spread over the table) only to draw the pain
 * and temperature trends. `patients.recent_readings` now holds what those trends need of the latest 7 check-ins,
 * oldest first, as JSON: one `[pain score, temperature value, "C" | "F"]` per check-in, null where the check-in had
 * no number for it (the same checks as the dashboard's `readingsOf`: numbers only; a unit other than "F" is "C").
 * The numbers are copied as their JSON text, so they read back exactly as in the payload.
 *
 * The check-in trigger of 0003 keeps it in the same statement as the check-in, in its one UPDATE of the patient row:
 * the newest check-in (the usual case) appends its reading and drops the oldest past 7; one sent late, or a check-in
 * deleted or changed, makes the patient's latest 7 be read again (7 index entries). Null: no check-in yet.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects/dialect.ts';

/** How many of the latest check-ins the trend keeps (the dashboard's trend length). */
export const RECENT_READINGS_KEPT = 7;

// ---- SQLite: no functions of our own, so the reading is one expression over a check-in row `c` (or `new`).

/** The reading of check-in `c` as JSON text; a payload that is not JSON reads as no numbers rather than failing. */
function sqliteReading(c: string): string {
  const pain = `${c}.payload -> '$.pain.score'`;
  const value = `${c}.payload -> '$.temperature.value'`;
  return `(case when not json_valid(${c}.payload) then '[null,null,null]' else
    '[' || case when json_type(${c}.payload, '$.pain.score') in ('integer', 'real') then ${pain} else 'null' end
    || ',' || case when json_type(${c}.payload, '$.temperature.value') in ('integer', 'real')
      then ${value} || ',' || case when ${c}.payload ->> '$.temperature.unit' = 'F' then '"F"' else '"C"' end
      else 'null,null' end || ']' end)`;
}

/** The latest readings of one patient, read again from check_ins (null without check-ins). */
function sqliteLatestReadings(patientId: string): string {
  return `(select '[' || group_concat(r, ',' order by at, id) || ']' from (
    select ${sqliteReading('c')} as r, c.submitted_at as at, c.id as id from check_ins c
    where c.patient_id = ${patientId} order by c.submitted_at desc, c.id desc
    limit ${String(RECENT_READINGS_KEPT)}))`;
}

// ---- PostgreSQL: the same reading out of a jsonb payload `p`.

function postgresReading(p: string): string {
  const isNumber = (path: string) => `jsonb_typeof(${p} #> '${path}') = 'number'`;
  return `jsonb_build_array(
    case when ${isNumber('{pain,score}')} then ${p} #> '{pain,score}' end,
    case when ${isNumber('{temperature,value}')} then ${p} #> '{temperature,value}' end,
    case when ${isNumber('{temperature,value}')}
      then case when ${p} #>> '{temperature,unit}' = 'F' then 'F' else 'C' end end)`;
}

/** Fills every patient's readings from the check-ins there are: here, and after a bulk load with triggers set aside. */
export const BACKFILL_RECENT_READINGS: Record<DialectName, string> = {
  sqlite: `update patients set recent_readings = ${sqliteLatestReadings('patients.id')}`,
  postgres: `update patients set recent_readings = patient_recent_readings(id)`,
};

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema.alterTable('patients').addColumn('recent_readings', 'text').execute();

  if (dialect === 'postgres') {
    await sql`create function check_in_reading(payload text) returns jsonb language sql immutable as $$
      select ${sql.raw(postgresReading('p'))} from (select payload::jsonb as p) x $$`.execute(db);
    await sql`create function patient_recent_readings(patient text) returns text language sql stable as $$
      select jsonb_agg(r order by at, id)::text from (
        select check_in_reading(c.payload) as r, c.submitted_at as at, c.id as id from check_ins c
        where c.patient_id = patient order by c.submitted_at desc, c.id desc
        limit ${sql.lit(RECENT_READINGS_KEPT)}) latest $$`.execute(db);
    // 0003's trigger, with the readings in the same UPDATE of the patient row as the latest check-in. Plain
    // expressions on a variable (no function call, no subquery): this runs on every check-in.
    await sql`create or replace function check_ins_touch_patient() returns trigger language plpgsql as $$
      declare
        p constant jsonb := new.payload::jsonb;
      begin
        update patients set last_check_in_at = new.submitted_at, last_activity_at = new.submitted_at,
          recent_readings = (case when jsonb_array_length(coalesce(recent_readings::jsonb, '[]'))
              >= ${sql.lit(RECENT_READINGS_KEPT)} then recent_readings::jsonb - 0
              else coalesce(recent_readings::jsonb, '[]') end
            || jsonb_build_array(${sql.raw(postgresReading('p'))}))::text
          where id = new.patient_id and (last_check_in_at is null or last_check_in_at < new.submitted_at);
        if not found then
          update patients set recent_readings = patient_recent_readings(new.patient_id) where id = new.patient_id;
        end if;
        return null;
      end $$`.execute(db);
    // Deleted check-ins (an erasure deletes them all at once): each patient read again once per statement.
    await sql`create function check_ins_deleted_readings() returns trigger language plpgsql as $$
      begin
        update patients set recent_readings = patient_recent_readings(id)
          where id in (select distinct patient_id from deleted);
        return null;
      end $$`.execute(db);
    await sql`create trigger check_ins_deleted_readings after delete on check_ins
      referencing old table as deleted for each statement execute function check_ins_deleted_readings()`.execute(db);
    await sql`create function check_ins_changed_readings() returns trigger language plpgsql as $$
      begin
        update patients set recent_readings = patient_recent_readings(id)
          where id in (old.patient_id, new.patient_id);
        return null;
      end $$`.execute(db);
    await sql`create trigger check_ins_changed_readings after update of patient_id, submitted_at, payload
      on check_ins for each row execute function check_ins_changed_readings()`.execute(db);
  } else {
    // 0003's trigger in one UPDATE (SET reads the row as it was): the newest check-in is appended; one sent late
    // makes the latest be read again (it is in check_ins already).
    const newest = sql.raw('(last_check_in_at is null or last_check_in_at < new.submitted_at)');
    await sql`drop trigger check_ins_touch_patient`.execute(db);
    await sql`create trigger check_ins_touch_patient after insert on check_ins
      begin
        update patients set
          last_check_in_at = case when ${newest} then new.submitted_at else last_check_in_at end,
          last_activity_at = case when ${newest} then new.submitted_at else last_activity_at end,
          recent_readings = case when ${newest}
            then (select case when json_array_length(l) > ${sql.lit(RECENT_READINGS_KEPT)}
                then json_remove(l, '$[0]') else l end
              from (select json_insert(coalesce(patients.recent_readings, '[]'), '$[#]',
                json(${sql.raw(sqliteReading('new'))})) as l))
            else ${sql.raw(sqliteLatestReadings('new.patient_id'))} end
          where id = new.patient_id;
      end`.execute(db);
    await sql`create trigger check_ins_deleted_readings after delete on check_ins
      begin
        update patients set recent_readings = ${sql.raw(sqliteLatestReadings('old.patient_id'))}
          where id = old.patient_id;
      end`.execute(db);
    await sql`create trigger check_ins_changed_readings after update of patient_id, submitted_at, payload
      on check_ins
      begin
        update patients set recent_readings = ${sql.raw(sqliteLatestReadings('patients.id'))}
          where id in (old.patient_id, new.patient_id);
      end`.execute(db);
  }
  await sql.raw(BACKFILL_RECENT_READINGS[dialect]).execute(db);
}

export async function down(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    await sql`drop trigger check_ins_changed_readings on check_ins`.execute(db);
    await sql`drop trigger check_ins_deleted_readings on check_ins`.execute(db);
    await sql`drop function check_ins_changed_readings()`.execute(db);
    await sql`drop function check_ins_deleted_readings()`.execute(db);
    await sql`create or replace function check_ins_touch_patient() returns trigger language plpgsql as $$
      begin
        update patients set last_check_in_at = new.submitted_at, last_activity_at = new.submitted_at
          where id = new.patient_id and (last_check_in_at is null or last_check_in_at < new.submitted_at);
        return null;
      end $$`.execute(db);
    await sql`drop function patient_recent_readings(text)`.execute(db);
    await sql`drop function check_in_reading(text)`.execute(db);
  } else {
    await sql`drop trigger check_ins_changed_readings`.execute(db);
    await sql`drop trigger check_ins_deleted_readings`.execute(db);
    await sql`drop trigger check_ins_touch_patient`.execute(db);
    await sql`create trigger check_ins_touch_patient after insert on check_ins
      begin
        update patients set last_check_in_at = new.submitted_at, last_activity_at = new.submitted_at
          where id = new.patient_id and (last_check_in_at is null or last_check_in_at < new.submitted_at);
      end`.execute(db);
  }
  await db.schema.alterTable('patients').dropColumn('recent_readings').execute();
}
