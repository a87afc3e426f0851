/**
 * What the dashboard's search asks of the name indexes: SQLite counts a search from migration 0019's index without
 * reading a row (it holds each patient's name as lower() gives it, split by follow-up, open or closed, under a rowid
 * range per organisation); both databases list the ids of a search's matches from their index (0017 on PostgreSQL).
 */
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { DialectName } from './dialects/dialect.ts';
import { ORG_ROWID_SPAN } from './migrations/0019-name-trigrams.ts';

/**
 * The FTS5 query for names holding `lowered` (the search, lower-cased as containsPattern does), or undefined when
 * the index cannot answer it. A trigram phrase matches exactly the names holding it, wildcards and spaces included,
 * once it has three characters (code points: a shorter one matches nothing); inside a phrase only `"` needs escaping
 * (doubled). A NUL would end the query text early: such a search takes the LIKE.
 */
export function trigramPhrase(lowered: string): string | undefined {
  // Code points, as the tokenizer counts them (a string's length counts UTF-16 units).
  if (Array.from(lowered).length < 3 || lowered.includes('\u0000')) {
    return undefined;
  }
  return `"${lowered.replaceAll('"', '""')}"`;
}

const SPAN = sql.raw(String(ORG_ROWID_SPAN));

/** The index entries (`t`) of the patients of `orgId` (open or closed follow-ups) whose name holds the phrase. */
function entriesHolding(orgId: string, closed: boolean, phrase: string): RawBuilder<unknown> {
  const column = closed ? 'closed_name' : 'open_name';
  const orgKey = sql`(select key from name_search_orgs where org_id = ${orgId})`;
  return sql`patient_name_trigrams match ${`{${column}}: ${phrase}`}
    and t.rowid >= ${orgKey} * ${SPAN} and t.rowid < (${orgKey} + 1) * ${SPAN}`;
}

/** How many patients of `orgId` (open or closed follow-ups) have a name holding the phrase, as a one-row `n`. */
export function countNameMatches(orgId: string, closed: boolean, phrase: string): RawBuilder<unknown> {
  return sql`select count(*) as n from patient_name_trigrams t where ${entriesHolding(orgId, closed, phrase)}`;
}

/**
 * The ids (column `id`) of the patients of `orgId` (open or closed follow-ups) whose name holds the search: from
 * migration 0017's table on PostgreSQL (`pattern`, the LIKE of containsPattern), from 0019's index on SQLite (`phrase`,
 * from trigramPhrase; none: undefined, the caller keeps its LIKE). PostgreSQL's `offset 0` keeps the planner from
 * folding the list into the read that uses it.
 */
export function nameMatchIds(
  dialect: DialectName,
  orgId: string,
  closed: boolean,
  pattern: string,
  phrase: string | undefined,
): RawBuilder<unknown> | undefined {
  if (dialect === 'postgres') {
    return sql`select s.patient_id as id from patient_name_search s
      where s.org_id = ${orgId} and s.open = ${!closed} and s.name like ${pattern} escape '\\' offset 0`;
  }
  return phrase === undefined
    ? undefined
    : sql`select k.patient as id from patient_name_trigrams t cross join name_search_patients k
        where ${entriesHolding(orgId, closed, phrase)} and k.key = t.rowid % ${SPAN}`;
}
