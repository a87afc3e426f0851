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

/** Dumps the tables `include` accepts (all by default). */
export async function dumpTables(store: Store, include: (table: string) => boolean = () => true): Promise<Dump> {
  const db = kyselyOf(store);
  const sqlite = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%'
  `
    .execute(db)
    .catch(() => undefined);
  const tables = sqlite?.rows.map((r) => r.name) ?? (await listPostgresTables(store));
  const dump: Dump = new Map();
  for (const table of tables.filter(include).sort()) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    dump.set(table, rows.rows.map(canonical).sort());
  }
  return dump;
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
