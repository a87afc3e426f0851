/**
 * 0017: PostgreSQL counts a dashboard search from a narrow table of names (chosen with bench/dashboard.bench.ts).
 * The trigram index on patients found the ~5,000 names holding "garc" among 100,000 in under a millisecond, but a
 * trigram match is only a candidate: each one was checked against its patient row, ~3,700 pages of a wide table
 * (16 ms). `patient_name_search` holds what the count needs of each patient (organisation, follow-up open or not,
 * the name in lower case) in ~11 MB instead of ~60 MB: the same check reads ~1,150 pages (3 ms). Kept by a trigger on
 * patients in the same transaction as the write, like SQLite's table of the same name (0013). The trigram index moves
 * to the narrow table (nothing else searched with it). SQLite: nothing changes.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects/dialect.ts';

/** Fills the table from the patients there are: here, and after a bulk load with triggers set aside. */
export const BACKFILL_POSTGRES_NAME_SEARCH = [
  `delete from patient_name_search`,
  `insert into patient_name_search (patient_id, org_id, open, name)
    select id, org_id, follow_up_closed_at is null, lower(name) from patients`,
];

async function trigramsInstalled(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{ installed: boolean }>`select
    exists (select 1 from pg_extension where extname = 'pg_trgm') as installed`.execute(db);
  return rows[0]?.installed === true;
}

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') {
    return;
  }
  await sql`create table patient_name_search (
    patient_id text primary key,
    org_id text not null,
    open boolean not null,
    name text not null)`.execute(db);
  // lower() here and in the search's LIKE is the same function: the narrow table matches as patients did.
  await sql`create function patients_name_search() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        delete from patient_name_search where patient_id = old.id;
      elsif tg_op = 'UPDATE' then
        update patient_name_search set patient_id = new.id, org_id = new.org_id,
          open = new.follow_up_closed_at is null, name = lower(new.name)
          where patient_id = old.id;
      else
        insert into patient_name_search (patient_id, org_id, open, name)
          values (new.id, new.org_id, new.follow_up_closed_at is null, lower(new.name));
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger patients_name_search after insert or delete
    or update of id, org_id, follow_up_closed_at, name on patients
    for each row execute function patients_name_search()`.execute(db);
  for (const statement of BACKFILL_POSTGRES_NAME_SEARCH) {
    await sql.raw(statement).execute(db);
  }
  // Without pg_trgm (0013 could not create it), a search reads the narrow table whole: still 6 times less.
  if (await trigramsInstalled(db)) {
    await sql`create index patient_name_search_trigrams on patient_name_search using gin (name gin_trgm_ops)`.execute(
      db,
    );
    await sql`drop index if exists patients_name_trigrams`.execute(db);
  }
}

export async function down(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') {
    return;
  }
  if (await trigramsInstalled(db)) {
    await sql`create index patients_name_trigrams on patients using gin (lower(name) gin_trgm_ops)`.execute(db);
  }
  await sql`drop trigger patients_name_search on patients`.execute(db);
  await sql`drop function patients_name_search()`.execute(db);
  await sql`drop table patient_name_search`.execute(db);
}
