/** SQLite through better-sqlite3: one file, durable pragmas, and how its errors read. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../schema.ts';
import type { DatabaseFailure, SqlConnection } from './dialect.ts';

/** How long a writer waits for another process's write lock before giving up. */
const BUSY_TIMEOUT_MS = 5_000;

export function openSqlite(file: string): SqlConnection {
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true });
  }
  const database = new BetterSqlite(file);
  // WAL lets readers run beside the writer; FULL syncs every commit, so a power cut loses nothing acknowledged.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Planner statistics: without them SQLite may walk every patient for a query that needs a few. A bounded sample
  // per index keeps the open quick on a large file; tables that changed enough are analysed again.
  database.pragma('analysis_limit = 1000');
  // 64 MiB of pages kept in the process (2 MiB by default): a dashboard page touches a few thousand scattered pages.
  database.pragma('cache_size = -65536');
  database.pragma('optimize = 0x10002');
  return { name: 'sqlite', db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), classify };
}

function classify(error: unknown): DatabaseFailure | undefined {
  if (!(error instanceof BetterSqlite.SqliteError)) {
    return undefined;
  }
  const code = error.code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return 'unique';
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return 'foreign-key';
  }
  if (code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG') {
    return 'invalid';
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return 'busy';
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_READONLY')) {
    return 'unavailable';
  }
  return 'other';
}
