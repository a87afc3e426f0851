/** Opens the Store the configuration asks for: PostgreSQL for a postgres:// URL, otherwise a SQLite file. */
import { AftercareError } from '@aftercare/core';
import { openPostgres } from './sql/dialects/postgres.ts';
import { openSqlite } from './sql/dialects/sqlite.ts';
import { createSqlStore } from './sql/sql-store.ts';
import type { Store } from './store.ts';

export const DEFAULT_DATABASE_FILE = './data/aftercare.db';

/** Where the data lives: a PostgreSQL URL or a SQLite file (':memory:' for a throwaway one). */
export type DatabaseTarget = { url: string } | { file: string };

export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

/**
 * The database chosen by the command line and the environment. Precedence:
 * `--db` > `DATABASE_URL` > `AFTERCARE_DB` > `./data/aftercare.db`.
 * Each value is a postgres:// (or postgresql://) URL or a SQLite file path (a `sqlite:` or `file:` prefix is allowed).
 *
 * @example
 * resolveDatabase(process.env, '--db value or undefined') // { file: './data/aftercare.db' }
 */
export function resolveDatabase(env: Record<string, string | undefined>, cliDb?: string): DatabaseTarget {
  const chosen = [cliDb, env.DATABASE_URL, env.AFTERCARE_DB].find(
    (value): value is string => value !== undefined && value.trim() !== '',
  );
  if (chosen === undefined) {
    return { file: DEFAULT_DATABASE_FILE };
  }
  const value = chosen.trim();
  if (isPostgresUrl(value)) {
    return { url: value };
  }
  return { file: value.replace(/^(sqlite|file):(\/\/)?/i, '') };
}

/**
 * Opens (does not migrate) the Store. Call `store.migrate()` before first use and `store.close()` at the end.
 *
 * @example
 * const store = await openStore(resolveDatabase(process.env));
 * await store.migrate();
 */
export function openStore(options: { url?: string; file?: string }): Promise<Store> {
  if (options.url !== undefined && !isPostgresUrl(options.url)) {
    return Promise.reject(
      new AftercareError('CARE_ERR_BAD_INPUT', 'The database URL must start with postgres:// or postgresql://.'),
    );
  }
  try {
    const connection =
      options.url !== undefined ? openPostgres(options.url) : openSqlite(options.file ?? DEFAULT_DATABASE_FILE);
    return Promise.resolve(createSqlStore(connection));
  } catch (error) {
    // The path or URL may hold secrets and the driver's text may hold SQL: keep both out of the message.
    const unavailable = new AftercareError('CARE_ERR_UNAVAILABLE', 'The database could not be opened.');
    unavailable.cause = error;
    return Promise.reject(unavailable);
  }
}
