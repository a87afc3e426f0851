/**
 * 0013: the dashboard's counts and name search at 100,000 patients (chosen with bench/dashboard.bench.ts). Every page
 * counted all the organisation's patients (a read of ~100,000 index entries), and a search read every name. Now:
 * - `org_patient_counts` keeps the open and closed follow-ups per organisation, kept right by triggers on `patients`
 *   in the same transaction as the write, whoever writes (as 0003 does for the last sign of life);
 * - the activity index also holds the follow-up's state and the name, so the quiet count reads the index alone;
 * - a name search finds its candidates through trigrams: a pg_trgm index on PostgreSQL (when the server has the
 *   extension), an FTS5 trigram table on SQLite (kept by the same triggers). The exact LIKE still decides.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects/dialect.ts';

/** Fills the counts (and, on SQLite, the name search) from the patients there are: here, and after a bulk load. */
export const BACKFILL_COUNTS = [
  `delete from org_patient_counts`,
  `insert into org_patient_counts (org_id, open_patients, closed_patients)
    select org_id, sum(case when follow_up_closed_at is null then 1 else 0 end),
      sum(case when follow_up_closed_at is null then 0 else 1 end)
    from patients group by org_id`,
];
export const BACKFILL_SQLITE_NAME_SEARCH = [
  `delete from patient_name_search`,
  `insert into patient_name_search (name, patient, org_id, open)
    select name, id, org_id, case when follow_up_closed_at is null then 1 else 0 end from patients`,
];

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await sql`create table org_patient_counts (
    org_id text primary key,
    open_patients integer not null default 0,
    closed_patients integer not null default 0)`.execute(db);
  await sql`drop index patients_org_activity`.execute(db);
  await sql`create index patients_org_activity on patients
    (org_id, last_activity_at, id, plan_id, follow_up_closed_at, name)`.execute(db);

  if (dialect === 'postgres') {
    // One function for every change: take the old row out of its organisation's counts, put the new one in.
    await sql`create function patients_count_org() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          update org_patient_counts set
            open_patients = open_patients - case when old.follow_up_closed_at is null then 1 else 0 end,
            closed_patients = closed_patients - case when old.follow_up_closed_at is null then 0 else 1 end
          where org_id = old.org_id;
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          insert into org_patient_counts as c (org_id, open_patients, closed_patients)
            values (new.org_id, case when new.follow_up_closed_at is null then 1 else 0 end,
              case when new.follow_up_closed_at is null then 0 else 1 end)
            on conflict (org_id) do update set open_patients = c.open_patients + excluded.open_patients,
              closed_patients = c.closed_patients + excluded.closed_patients;
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger patients_count_org after insert or delete or update of org_id, follow_up_closed_at
      on patients for each row execute function patients_count_org()`.execute(db);
    // pg_trgm ships with PostgreSQL's contrib and is trusted (a database owner may create it); without it a search
    // still works, reading every name.
    const usable = await sql<{ usable: boolean }>`select
      exists (select 1 from pg_available_extensions where name = 'pg_trgm')
      and has_database_privilege(current_database(), 'CREATE') as usable`.execute(db);
    if (usable.rows[0]?.usable === true) {
      await sql`create extension if not exists pg_trgm`.execute(db);
      await sql`create index patients_name_trigrams on patients using gin (lower(name) gin_trgm_ops)`.execute(db);
    }
  } else {
    // The organisation and the follow-up's state ride along, so a search is counted from this table alone.
    await sql`create virtual table patient_name_search using fts5(
      name, patient unindexed, org_id unindexed, open unindexed, tokenize = 'trigram')`.execute(db);
    await sql`create trigger patients_count_org_insert after insert on patients
      begin
        insert into org_patient_counts (org_id, open_patients, closed_patients)
          values (new.org_id, new.follow_up_closed_at is null, new.follow_up_closed_at is not null)
          on conflict (org_id) do update set open_patients = open_patients + excluded.open_patients,
            closed_patients = closed_patients + excluded.closed_patients;
        insert into patient_name_search (name, patient, org_id, open)
          values (new.name, new.id, new.org_id, new.follow_up_closed_at is null);
      end`.execute(db);
    await sql`create trigger patients_count_org_update after update of org_id, follow_up_closed_at, name on patients
      begin
        update org_patient_counts set open_patients = open_patients - (old.follow_up_closed_at is null),
          closed_patients = closed_patients - (old.follow_up_closed_at is not null)
          where org_id = old.org_id;
        insert into org_patient_counts (org_id, open_patients, closed_patients)
          values (new.org_id, new.follow_up_closed_at is null, new.follow_up_closed_at is not null)
          on conflict (org_id) do update set open_patients = open_patients + excluded.open_patients,
            closed_patients = closed_patients + excluded.closed_patients;
        update patient_name_search set name = new.name, org_id = new.org_id, open = new.follow_up_closed_at is null
          where patient = old.id;
      end`.execute(db);
    await sql`create trigger patients_count_org_delete after delete on patients
      begin
        update org_patient_counts set open_patients = open_patients - (old.follow_up_closed_at is null),
          closed_patients = closed_patients - (old.follow_up_closed_at is not null)
          where org_id = old.org_id;
        delete from patient_name_search where patient = old.id;
      end`.execute(db);
    for (const statement of BACKFILL_SQLITE_NAME_SEARCH) {
      await sql.raw(statement).execute(db);
    }
  }
  for (const statement of BACKFILL_COUNTS) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    await sql`drop index if exists patients_name_trigrams`.execute(db);
    await sql`drop trigger patients_count_org on patients`.execute(db);
    await sql`drop function patients_count_org()`.execute(db);
  } else {
    await sql`drop trigger patients_count_org_delete`.execute(db);
    await sql`drop trigger patients_count_org_update`.execute(db);
    await sql`drop trigger patients_count_org_insert`.execute(db);
    await sql`drop table patient_name_search`.execute(db);
  }
  await sql`drop index patients_org_activity`.execute(db);
  await sql`create index patients_org_activity on patients (org_id, last_activity_at, id, plan_id)`.execute(db);
  await sql`drop table org_patient_counts`.execute(db);
}
