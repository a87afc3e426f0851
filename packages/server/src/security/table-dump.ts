/** Every row of every table as sorted JSON lines: to prove that refused input changed nothing that was stored. */
import { sql } from 'kysely';
import type { Store } from '@aftercare/store';
import { kyselyOf } from '@aftercare/store/testing';

export type Dump = Map<string, string[]>;

function canonical(row: Record<string, unknown>): string {
  const sorted = Object.keys(row)
    .sort()
    .map((key) => {
      const value = row[key];
      if (typeof value === 'bigint') {
        return [key, `${value.toString()}n`];
      }
      if (value instanceof Uint8Array) {
        return [key, Buffer.from(value).toString('hex')];
      }
      return [key, value instanceof Date ? value.toISOString() : value];
    });
  return JSON.stringify(sorted);
}

/** The table the change watch writes to: never part of a dump. */
const WATCH_TABLE = 'wall_changed_tables';

/**
 * SQLite's tables (none on PostgreSQL); `ordinary` leaves out virtual tables and their shadow tables (a search index),
 * which SQLite lets nobody put triggers on and which only mirror ordinary tables.
 */
async function listSqliteTables(store: Store, only: 'all' | 'ordinary' = 'all'): Promise<string[] | undefined> {
  const result = await sql<{ name: string; type: string }>`
    select name, type from pragma_table_list where schema = 'main' and type != 'view' and name not like 'sqlite_%'
  `
    .execute(kyselyOf(store))
    .catch(() => undefined);
  return result?.rows
    .filter((row) => row.name !== WATCH_TABLE && (only === 'all' || row.type === 'table'))
    .map((row) => row.name);
}

/** Dumps the tables `include` accepts (all by default). */
export async function dumpTables(store: Store, include: (table: string) => boolean = () => true): Promise<Dump> {
  const db = kyselyOf(store);
  const tables = (await listSqliteTables(store)) ?? (await listPostgresTables(store));
  const dump: Dump = new Map();
  for (const table of tables.filter(include).sort()) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    dump.set(table, rows.rows.map(canonical).sort());
  }
  return dump;
}

/** Names the tables written to since the last call (rows inserted, updated or deleted, even to the same bytes). */
export type ChangeWatch = () => Promise<string[]>;

/**
 * Triggers on every table of a SQLite store that note the table's name on any write. A dump costs a read of every row,
 * and the fuzz wall's long run sends ~100,000 requests while accepted writes make the tables grow: with the watch it
 * dumps only the tables a request wrote to, and compares those byte for byte.
 */
export async function watchChanges(store: Store): Promise<ChangeWatch> {
  const db = kyselyOf(store);
  const tables = await listSqliteTables(store, 'ordinary');
  if (tables === undefined) {
    throw new Error('The change watch needs a SQLite store.');
  }
  await sql`create table ${sql.table(WATCH_TABLE)} (name text not null)`.execute(db);
  for (const table of tables) {
    for (const event of ['insert', 'update', 'delete']) {
      await sql`create trigger ${sql.id(`wall_${event}_${table}`)} after ${sql.raw(event)} on ${sql.table(table)}
        begin insert into ${sql.table(WATCH_TABLE)} values (${sql.lit(table)}); end`.execute(db);
    }
  }
  return async () => {
    const rows = await sql<{ name: string }>`select distinct name from ${sql.table(WATCH_TABLE)}`.execute(db);
    await sql`delete from ${sql.table(WATCH_TABLE)}`.execute(db);
    return rows.rows.map((row) => row.name).sort();
  };
}

async function listPostgresTables(store: Store): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
  `.execute(kyselyOf(store));
  return result.rows.map((r) => r.name);
}

/** What differs between two dumps: rows gone or changed (`-`) and rows added (`+`), table by table. */
export function diffDumps(before: Dump, after: Dump, ignore: ReadonlySet<string> = new Set()): string[] {
  const changes: string[] = [];
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    if (ignore.has(table)) {
      continue;
    }
    const old = new Set(before.get(table) ?? []);
    const now = new Set(after.get(table) ?? []);
    for (const row of old) {
      if (!now.has(row)) {
        changes.push(`${table} - ${row.slice(0, 200)}`);
      }
    }
    for (const row of now) {
      if (!old.has(row)) {
        changes.push(`${table} + ${row.slice(0, 200)}`);
      }
    }
  }
  return changes;
}
