/**
 * A journal of written rows, to prove that refused input changed nothing that was stored.
 *
 * Triggers on every ordinary table of a SQLite store note each row a statement inserts, updates or deletes, with the
 * row's bytes before the write. Looking at the journal costs a read of the rows written since the last look, not of
 * whole tables: the fuzz wall's long run sends ~100,000 requests while accepted writes make the tables grow, and a
 * wall that re-read every table a request touched did quadratic work and ran for hours.
 *
 * Triggers write inside the app's own transaction, so a rolled-back statement leaves no entry; a row written back to
 * the same bytes is no change. Rows are told apart by rowid: the store has no WITHOUT ROWID table and no
 * INSERT OR REPLACE (whose implicit delete fires no trigger; the new row's insert would still be seen).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Store } from '@aftercare/store';
import { kyselyOf } from '@aftercare/store/testing';

/** The table the triggers write to: never watched itself. */
const JOURNAL = 'wall_row_journal';

/** What a watch notes of a table: every write, only rewrites of existing rows (an append-only log), or nothing. */
export type Watched = 'all' | 'rewrites' | 'none';

/** A row whose stored bytes differ from when the journal was last read; `null` when the row did not exist. */
export interface RowChange {
  table: string;
  rowid: number;
  before: string | null;
  after: string | null;
}

export interface RowWatch {
  /**
   * The rows that differ from the last look (the first look: from when the watch began), oldest write first; only
   * those of `tables` when given (the others are forgotten unread: cheaper when their changes are expected).
   */
  changes(tables?: readonly string[]): Promise<RowChange[]>;
}

/** A quoted SQL identifier. */
function id(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A row as text: each column's name and its value as a SQL literal (quote() keeps text and blobs byte for byte and
 * reals to the last bit), so two rows have the same text only when they hold the same values.
 */
function rowText(columns: string[], prefix: string): RawBuilder<string> {
  const parts = columns.map((column) => `'${column.replaceAll("'", "''")}=' || quote(${prefix}${id(column)})`);
  return sql.raw(parts.join(` || ' ' || `));
}

/** SQLite's ordinary tables (not views, not virtual tables and their shadow tables, which refuse triggers). */
async function ordinaryTables(store: Store): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select name from pragma_table_list
    where schema = 'main' and type = 'table' and name not like 'sqlite_%' and name != ${JOURNAL}
  `
    .execute(kyselyOf(store))
    .catch(() => undefined);
  if (result === undefined) {
    throw new Error('The row journal needs a SQLite store.');
  }
  return result.rows.map((row) => row.name).sort();
}

/** Stored columns (generated ones follow from them). */
async function columnsOf(store: Store, table: string): Promise<string[]> {
  const result = await sql<{
    name: string;
  }>`select name from pragma_table_xinfo(${table}) where hidden = 0 order by cid`.execute(kyselyOf(store));
  return result.rows.map((row) => row.name);
}

/** Starts the journal: from now on every write to a watched table is noted until the next look. */
export async function watchRows(store: Store, watched: (table: string) => Watched = () => 'all'): Promise<RowWatch> {
  const db = kyselyOf(store);
  const columns = new Map<string, string[]>();
  for (const table of await ordinaryTables(store)) {
    const what = watched(table);
    if (what !== 'none') {
      columns.set(table, await columnsOf(store, table));
    }
  }
  await sql`create table ${sql.table(JOURNAL)} (
    seq integer primary key, table_name text not null, row_key integer not null, existed integer not null, before text
  )`.execute(db);
  for (const [table, names] of columns) {
    const note = (event: string, body: RawBuilder<unknown>) =>
      sql`create trigger ${sql.id(`wall_row_${event}_${table}`)} after ${sql.raw(event)} on ${sql.table(table)}
        begin ${body}; end`.execute(db);
    const old = sql`insert into ${sql.table(JOURNAL)} (table_name, row_key, existed, before)
      values (${sql.lit(table)}, old.rowid, 1, ${rowText(names, 'old.')})`;
    const fresh = sql`insert into ${sql.table(JOURNAL)} (table_name, row_key, existed, before)
      values (${sql.lit(table)}, new.rowid, 0, null)`;
    if (watched(table) === 'all') {
      await note('insert', fresh);
    }
    await note('delete', old);
    // An update that moves a row to another rowid empties the old one and fills the new one.
    await note(
      'update',
      sql`${old}; insert into ${sql.table(JOURNAL)} (table_name, row_key, existed, before)
      select ${sql.lit(table)}, new.rowid, 0, null where new.rowid != old.rowid`,
    );
  }

  return {
    async changes(tables) {
      const newest = await sql<{ last: number | null }>`select max(seq) as last from ${sql.table(JOURNAL)}`.execute(db);
      const last = newest.rows[0]?.last ?? null;
      if (last === null) {
        return [];
      }
      // '' names no table: it keeps the list valid when `tables` is empty.
      const only = tables === undefined ? sql`` : sql`and table_name in (${sql.join([...tables, ''])})`;
      const entries = await sql<{
        table_name: string;
        row_key: number;
        existed: number;
        before: string | null;
      }>`
        select table_name, row_key, existed, before from ${sql.table(JOURNAL)} where seq <= ${last} ${only} order by seq
      `.execute(db);
      await sql`delete from ${sql.table(JOURNAL)} where seq <= ${last}`.execute(db);
      // The first entry of a row holds its bytes before the first write since the last look.
      const firsts = new Map<string, Map<number, string | null>>();
      for (const entry of entries.rows) {
        const rows = firsts.get(entry.table_name) ?? new Map<number, string | null>();
        firsts.set(entry.table_name, rows);
        if (!rows.has(entry.row_key)) {
          rows.set(entry.row_key, entry.existed === 1 ? entry.before : null);
        }
      }
      const found: RowChange[] = [];
      for (const [table, rows] of firsts) {
        const now = await currentRows(table, columns.get(table) ?? [], [...rows.keys()]);
        for (const [rowid, before] of rows) {
          const after = now.get(rowid) ?? null;
          if (before !== after) {
            found.push({ table, rowid, before, after });
          }
        }
      }
      return found;
    },
  };

  async function currentRows(table: string, names: string[], rowids: number[]): Promise<Map<number, string>> {
    const now = new Map<number, string>();
    // In slices: SQLite limits the number of bound values in one statement.
    for (let start = 0; start < rowids.length; start += 500) {
      const slice = rowids.slice(start, start + 500);
      const result = await sql<{ row_key: number; text: string }>`
        select rowid as row_key, ${rowText(names, '')} as text from ${sql.table(table)}
        where rowid in (${sql.join(slice)})
      `.execute(db);
      for (const row of result.rows) {
        now.set(row.row_key, row.text);
      }
    }
    return now;
  }
}

/** One line per change, for a failure message: the table, and the row's text before and after (shortened). */
export function describeChange(change: RowChange): string {
  const short = (text: string | null) => (text === null ? '(no row)' : text.slice(0, 200));
  return `${change.table} #${String(change.rowid)}: ${short(change.before)} -> ${short(change.after)}`;
}
