/**
 * 0019: SQLite counts a dashboard search from its full-text index alone (chosen with bench/dashboard.bench.ts).
 * 0013's trigram table only proposed candidates: its LIKE fetched each one's stored row to check the name, the
 * organisation and the follow-up's state (~5,000 rows for "garc" out of 100,000: ~5 ms). The table that replaces it
 * makes each of those facts part of the index, so counting the matches reads no row:
 * - the name is indexed as SQLite's lower() gives it, case-sensitively: a phrase query on the search lower-cased is
 *   then exactly `lower(name) like '%search%'` (no candidate to check; a trigram phrase is a substring);
 * - an open follow-up's name goes in `open_name`, a closed one's in `closed_name`: a column filter keeps one list;
 * - the entry's rowid is the organisation's number times 2^40 plus the patient's number: one organisation is one
 *   rowid range, which FTS5 reads alone. The numbers come from two small tables (an INTEGER PRIMARY KEY each: a
 *   VACUUM leaves them as they are, which it does not promise for the rowids of patients or organisations).
 * Kept by triggers on patients in the same transaction as the write, like 0013's. A patient's insert writes one
 * number row and one index entry (the 0013 table it replaces wrote one entry too); a rename or a closed follow-up
 * deletes and adds one entry by rowid, where 0013's update looked the patient up through every entry. The counts'
 * triggers of 0013 are made again without the old table. PostgreSQL: nothing changes (0017).
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects/dialect.ts';
import { BACKFILL_SQLITE_NAME_SEARCH } from './0013-dashboard-counts.ts';

/** 2^40: room for a trillion patients under each organisation's number (and 2^23 organisations in a rowid). */
export const ORG_ROWID_SPAN = 1_099_511_627_776;

/** Fills the numbers and the index from the patients there are: here, and after a bulk load with triggers set aside. */
export const BACKFILL_SQLITE_NAME_TRIGRAMS = [
  `insert into patient_name_trigrams (patient_name_trigrams) values ('delete-all')`,
  `delete from name_search_patients`,
  `delete from name_search_orgs`,
  `insert into name_search_orgs (org_id) select distinct org_id from patients order by org_id`,
  `insert into name_search_patients (patient) select id from patients order by rowid`,
  `insert into patient_name_trigrams (rowid, open_name, closed_name)
    select o.key * ${ORG_ROWID_SPAN} + k.key,
      case when p.follow_up_closed_at is null then lower(p.name) end,
      case when p.follow_up_closed_at is null then null else lower(p.name) end
    from patients p
    join name_search_orgs o on o.org_id = p.org_id
    join name_search_patients k on k.patient = p.id`,
];

/** The index entry's rowid of the patient `row` (`new` or `old` in a trigger). */
function entryRowid(row: 'new' | 'old'): string {
  return `(select o.key * ${ORG_ROWID_SPAN} + k.key from name_search_orgs o, name_search_patients k
    where o.org_id = ${row}.org_id and k.patient = ${row}.id)`;
}

/** Adds the patient `new` to the index (numbering their organisation first if it has no number yet). */
const ADD_NEW = `
  insert into name_search_orgs (org_id)
    select new.org_id where not exists (select 1 from name_search_orgs where org_id = new.org_id);
  insert into patient_name_trigrams (rowid, open_name, closed_name)
    values (${entryRowid('new')},
      case when new.follow_up_closed_at is null then lower(new.name) end,
      case when new.follow_up_closed_at is null then null else lower(new.name) end);`;

/** 0013's triggers as they were, less the old name table. */
async function countTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`create trigger patients_count_org_insert after insert on patients
    begin
      insert into org_patient_counts (org_id, open_patients, closed_patients)
        values (new.org_id, new.follow_up_closed_at is null, new.follow_up_closed_at is not null)
        on conflict (org_id) do update set open_patients = open_patients + excluded.open_patients,
          closed_patients = closed_patients + excluded.closed_patients;
    end`.execute(db);
  await sql`create trigger patients_count_org_update after update of org_id, follow_up_closed_at on patients
    begin
      update org_patient_counts set open_patients = open_patients - (old.follow_up_closed_at is null),
        closed_patients = closed_patients - (old.follow_up_closed_at is not null)
        where org_id = old.org_id;
      insert into org_patient_counts (org_id, open_patients, closed_patients)
        values (new.org_id, new.follow_up_closed_at is null, new.follow_up_closed_at is not null)
        on conflict (org_id) do update set open_patients = open_patients + excluded.open_patients,
          closed_patients = closed_patients + excluded.closed_patients;
    end`.execute(db);
  await sql`create trigger patients_count_org_delete after delete on patients
    begin
      update org_patient_counts set open_patients = open_patients - (old.follow_up_closed_at is null),
        closed_patients = closed_patients - (old.follow_up_closed_at is not null)
        where org_id = old.org_id;
    end`.execute(db);
}

async function nameTriggers(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `create trigger patients_name_trigrams_insert after insert on patients
      begin
        insert into name_search_patients (patient) values (new.id);
        ${ADD_NEW}
      end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger patients_name_trigrams_update after update of id, org_id, follow_up_closed_at, name on patients
      begin
        delete from patient_name_trigrams where rowid = ${entryRowid('old')};
        update name_search_patients set patient = new.id where patient = old.id;
        ${ADD_NEW}
      end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger patients_name_trigrams_delete after delete on patients
      begin
        delete from patient_name_trigrams where rowid = ${entryRowid('old')};
        delete from name_search_patients where patient = old.id;
      end`,
    )
    .execute(db);
}

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'sqlite') {
    return;
  }
  for (const trigger of ['patients_count_org_insert', 'patients_count_org_update', 'patients_count_org_delete']) {
    await sql`drop trigger ${sql.id(trigger)}`.execute(db);
  }
  await sql`drop table patient_name_search`.execute(db);
  await countTriggers(db);
  await sql`create table name_search_orgs (key integer primary key, org_id text not null unique)`.execute(db);
  // `patient`, not `patient_id`: the erasure empties every `patient_id` table before the patients row, and this
  // row must still be there for the trigger to find the entry it deletes.
  await sql`create table name_search_patients (key integer primary key, patient text not null unique)`.execute(db);
  // Contentless (the names are on patients) with deletes by rowid; case_sensitive: the names are lower-cased already.
  await sql`create virtual table patient_name_trigrams using fts5(open_name, closed_name,
    content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 1')`.execute(db);
  await nameTriggers(db);
  for (const statement of BACKFILL_SQLITE_NAME_TRIGRAMS) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'sqlite') {
    return;
  }
  for (const trigger of [
    'patients_name_trigrams_insert',
    'patients_name_trigrams_update',
    'patients_name_trigrams_delete',
    'patients_count_org_insert',
    'patients_count_org_update',
    'patients_count_org_delete',
  ]) {
    await sql`drop trigger ${sql.id(trigger)}`.execute(db);
  }
  await sql`drop table patient_name_trigrams`.execute(db);
  await sql`drop table name_search_patients`.execute(db);
  await sql`drop table name_search_orgs`.execute(db);
  // 0013 as it was: its table, and its triggers that keep it with the counts.
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
