/** `aftercare restore <file>`: puts a backup made by `aftercare backup` back as the SQLite database. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import BetterSqlite from 'better-sqlite3';
import { openStore, resolveDatabase } from '@aftercare/store';
import { checkAftercareDatabase, PG_DUMP_ROUTE } from './backup.ts';
import { EXIT, parseVerbArgs, UsageError } from './usage.ts';

export const RESTORE_HELP = `Usage: aftercare restore <backup-file> [--db <file>] [--force]

SQLite: checks that <backup-file> is a whole Aftercare database, then copies it over the database (SQLite's backup
API, so a server that has the database open sees the restored data), and brings its schema up to date.
An existing database is only replaced with --force: everything written since the backup is lost. Stop the server
first when you can.

PostgreSQL: restore with pg_restore (exit status 64 here); see aftercare backup --help.
`;

export async function runRestore(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs(args, { db: { type: 'string' }, force: { type: 'boolean' } }, true);
  if (values.help === true) {
    process.stdout.write(RESTORE_HELP);
    return EXIT.ok;
  }
  const [backup, ...extra] = positionals;
  if (backup === undefined || extra.length > 0) {
    throw new UsageError('give one backup file (try: aftercare restore --help)');
  }
  const database = resolveDatabase(process.env, values.db);
  if ('url' in database) {
    process.stderr.write(PG_DUMP_ROUTE);
    return EXIT.usage;
  }
  const source = resolve(backup);
  const target = resolve(database.file);
  if (source === target) {
    throw new UsageError('the backup file must not be the database itself');
  }
  const check = checkAftercareDatabase(source);
  if (check !== 'ok') {
    process.stderr.write(`aftercare: will not restore ${source}: ${check}\n`);
    return EXIT.failure;
  }
  if (existsSync(target) && values.force !== true) {
    process.stderr.write(
      `aftercare: ${target} already holds a database; add --force to replace it (what was written since the backup is lost)\n`,
    );
    return EXIT.failure;
  }
  const db = new BetterSqlite(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  const store = await openStore({ file: target });
  try {
    await store.migrate();
  } finally {
    await store.close();
  }
  process.stdout.write(`Restored ${target} from ${source}.\n`);
  return EXIT.ok;
}
