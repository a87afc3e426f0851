/** `aftercare backup <file>`: an online, consistent copy of the SQLite database (PostgreSQL: the pg_dump route). */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import BetterSqlite from 'better-sqlite3';
import { resolveDatabase } from '@aftercare/store';
import { EXIT, parseVerbArgs, UsageError } from './usage.ts';

export const BACKUP_HELP = `Usage: aftercare backup <file> [--db <file|postgres://…>] [--force]

SQLite: copies the database to <file> while the server keeps running (SQLite's online backup: a consistent
snapshot, writes go on meanwhile), then checks the copy's integrity. Refuses to overwrite <file> without --force.
Keep backups somewhere other than the server's disk, encrypted: they hold every patient's record.

PostgreSQL: use PostgreSQL's own tools (exit status 64 here):
  pg_dump --format=custom --file=aftercare.dump "$DATABASE_URL"
  restore into an empty database: pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" aftercare.dump
`;

export const PG_DUMP_ROUTE = `aftercare: this database is PostgreSQL: back it up with pg_dump, for example
  pg_dump --format=custom --file=aftercare.dump "$DATABASE_URL"
and restore it with
  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" aftercare.dump
`;

/** "ok" when SQLite finds the file whole and it is an Aftercare database; otherwise what is wrong. */
export function checkAftercareDatabase(file: string): string {
  let db: BetterSqlite.Database | undefined;
  try {
    db = new BetterSqlite(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') {
      return 'the file is damaged (SQLite integrity check failed)';
    }
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' and name in ('patients', 'audit_events')")
      .all();
    return tables.length === 2 ? 'ok' : 'the file is a SQLite database but not an Aftercare one';
  } catch {
    return 'the file is not a SQLite database';
  } finally {
    db?.close();
  }
}

export async function runBackup(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs(args, { db: { type: 'string' }, force: { type: 'boolean' } }, true);
  if (values.help === true) {
    process.stdout.write(BACKUP_HELP);
    return EXIT.ok;
  }
  const [target, ...extra] = positionals;
  if (target === undefined || extra.length > 0) {
    throw new UsageError('give one backup file (try: aftercare backup --help)');
  }
  const database = resolveDatabase(process.env, values.db);
  if ('url' in database) {
    process.stderr.write(PG_DUMP_ROUTE);
    return EXIT.usage;
  }
  const source = resolve(database.file);
  const destination = resolve(target);
  if (!existsSync(source)) {
    process.stderr.write(`aftercare: there is no database at ${source}\n`);
    return EXIT.failure;
  }
  if (destination === source) {
    throw new UsageError('the backup file must not be the database itself');
  }
  if (existsSync(destination) && values.force !== true) {
    process.stderr.write(`aftercare: ${destination} exists; add --force to overwrite it\n`);
    return EXIT.failure;
  }
  // Into a side file first: a backup cut short never replaces a good one.
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  const db = new BetterSqlite(source, { fileMustExist: true });
  try {
    await db.backup(partial);
  } finally {
    db.close();
  }
  const check = checkAftercareDatabase(partial);
  if (check !== 'ok') {
    rmSync(partial, { force: true });
    process.stderr.write(`aftercare: the copy failed its check: ${check}\n`);
    return EXIT.failure;
  }
  renameSync(partial, destination);
  process.stdout.write(`Backed up ${source} to ${destination} (${String(statSync(destination).size)} bytes).\n`);
  return EXIT.ok;
}
