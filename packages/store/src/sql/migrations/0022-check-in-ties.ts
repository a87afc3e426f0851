/**
 * 0022 (SQLite): a check-in made in the same millisecond as the patient's latest one is appended to the patient's
 * readings, like a newer one. The server's clock has milliseconds, so under load two check-ins of one patient often
 * share one. 0014's trigger read that patient's latest check-ins again for them, which since 0021 (no index of a
 * patient's check-ins by time) sorts all of them: a patient sent 300 check-ins a second for ten minutes (the soak
 * test) went from 300 to 125 a second as they piled up.
 * Appending is what reading again would give: the readings are in (time, id) order, and check-in ids are time-ordered,
 * made by this one process in the order of the inserts (SQLite serves one process), so the new one sorts last. One
 * whose time is older than the latest (a clock set back) is still read again. PostgreSQL keeps its index and trigger.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects/dialect.ts';

const KEPT = 7;

// 0014's expressions, as they were then (a migration is a snapshot: later changes elsewhere must not alter it).

/** The reading of check-in `c` as JSON text; a payload that is not JSON reads as no numbers. */
function reading(c: string): string {
  return `(case when not json_valid(${c}.payload) then '[null,null,null]' else
    '[' || case when json_type(${c}.payload, '$.pain.score') in ('integer', 'real') then ${c}.payload -> '$.pain.score' else 'null' end
    || ',' || case when json_type(${c}.payload, '$.temperature.value') in ('integer', 'real')
      then ${c}.payload -> '$.temperature.value' || ',' || case when ${c}.payload ->> '$.temperature.unit' = 'F' then '"F"' else '"C"' end
      else 'null,null' end || ']' end)`;
}

/** The patient's latest readings, read again from check_ins. */
const READ_AGAIN = `(select '[' || group_concat(r, ',' order by at, id) || ']' from (
    select ${reading('c')} as r, c.submitted_at as at, c.id as id from check_ins c
    where c.patient_id = new.patient_id order by c.submitted_at desc, c.id desc
    limit ${String(KEPT)}))`;

/** The insert trigger; `appendWhen` is the condition under which the new reading is appended rather than read again. */
function touchPatientTrigger(appendWhen: string): string {
  const newest = '(last_check_in_at is null or last_check_in_at < new.submitted_at)';
  return `create trigger check_ins_touch_patient after insert on check_ins
      begin
        update patients set
          last_check_in_at = case when ${newest} then new.submitted_at else last_check_in_at end,
          last_activity_at = case when ${newest} then new.submitted_at else last_activity_at end,
          recent_readings = case when ${appendWhen}
            then (select case when json_array_length(l) > ${String(KEPT)}
                then json_remove(l, '$[0]') else l end
              from (select json_insert(coalesce(patients.recent_readings, '[]'), '$[#]',
                json(${reading('new')})) as l))
            else ${READ_AGAIN} end
          where id = new.patient_id;
      end`;
}

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'sqlite') {
    return;
  }
  await sql`drop trigger check_ins_touch_patient`.execute(db);
  await sql.raw(touchPatientTrigger('(last_check_in_at is null or last_check_in_at <= new.submitted_at)')).execute(db);
}

export async function down(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'sqlite') {
    return;
  }
  await sql`drop trigger check_ins_touch_patient`.execute(db);
  await sql.raw(touchPatientTrigger('(last_check_in_at is null or last_check_in_at < new.submitted_at)')).execute(db);
}
