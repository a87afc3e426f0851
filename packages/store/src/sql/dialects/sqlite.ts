/**
 * SQLite through better-sqlite3: one file, durable pragmas, how its errors read, and what keeps its one connection
 * cheap under load: compiled statements kept, waiters served in turn, and several statements run in one turn.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite from 'better-sqlite3';
import { Kysely, SqliteDialect, SqliteDriver } from 'kysely';
import type { DatabaseConnection, Driver, SqliteDatabase, SqliteDialectConfig } from 'kysely';
import type { Database } from '../schema.ts';
import type { DatabaseFailure, RunNow, SqlConnection } from './dialect.ts';

/** How long a writer waits for another process's write lock before giving up. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * How many pages the WAL holds (about 40 MiB) before a commit copies them into the database file; SQLite's default is
 * 1,000. A checkpoint copies each page once however many commits wrote it, and a check-in rewrites the same few (its
 * patient's row, the ends of the indexes), so fewer, larger checkpoints copy far fewer pages per commit: measured on a
 * check-in's transaction (synchronous=FULL), 417 → 353 µs; a single-row insert stayed at about 250 µs.
 */
const WAL_PAGES_BETWEEN_CHECKPOINTS = 10_000;

/** The app runs a fixed set of queries (plus `in` lists of a few lengths): a few hundred compiled statements cover it. */
const STATEMENT_CACHE_SIZE = 500;

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
  database.pragma(`wal_autocheckpoint = ${String(WAL_PAGES_BETWEEN_CHECKPOINTS)}`);
  const cached = withStatementCache(database);
  const db = new Kysely<Database>({ dialect: new FairSqliteDialect({ database: cached }) });
  const run: RunNow = (query) => {
    const statement = cached.prepare(query.sql);
    return statement.reader
      ? { rows: statement.all(query.parameters), written: 0 }
      : { rows: [], written: Number(statement.run(query.parameters).changes) };
  };
  // better-sqlite3 makes this BEGIN … COMMIT, or a savepoint when the connection is in a transaction already. Made
  // once: each `transaction()` call builds four wrapped functions and defines their properties, about 3% of a whole
  // check-in request's instructions when it was made per call.
  const inOneTransaction = database.transaction((work: (run: RunNow) => unknown) => work(run));
  const inOneTurn = <T>(work: (run: RunNow) => T): Promise<T> =>
    Promise.resolve().then(() => inOneTransaction(work) as T);
  return {
    name: 'sqlite',
    db,
    classify,
    transactNow<T>(on: Kysely<Database>, work: (run: RunNow) => T): Promise<T> {
      // Inside a transaction, the caller holds the connection already; asking Kysely for it would wait forever.
      return on.isTransaction ? inOneTurn(work) : on.connection().execute(() => inOneTurn(work));
    },
  };
}

/**
 * Kysely prepares every query again, and compiling the SQL was a third of SQLite's work on a small write: keep the
 * compiled statements of the most recently used SQL texts. A statement still being iterated (a stream) is busy and
 * cannot run twice at once: such a call gets a fresh one.
 */
function withStatementCache(database: BetterSqlite.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite.Statement>();
  return {
    prepare(sql) {
      const known = statements.get(sql);
      if (known?.busy === true) {
        return database.prepare(sql);
      }
      const statement = known ?? database.prepare(sql);
      // Re-inserting keeps the Map in order of last use, so the oldest key is the least recently used.
      statements.delete(sql);
      statements.set(sql, statement);
      if (statements.size > STATEMENT_CACHE_SIZE) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) {
          statements.delete(oldest);
        }
      }
      return statement;
    },
    close() {
      statements.clear();
      database.close();
    },
  };
}

/**
 * SQLite has one connection, and Kysely's lock on it wakes every waiter at each release (all but one then wait again).
 * With 16 requests in flight, a transaction that holds the connection over several awaits (a check-in) left each
 * release waking a dozen waiters: that churn cost the check-in more CPU than its SQL. Waiters here queue in order,
 * and a release wakes only the next one, so Kysely's own lock is always free when it is asked.
 */
class FairSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new FairSqliteDriver(this.settings);
  }
}

class FairSqliteDriver extends SqliteDriver {
  readonly #turns = new FifoLock();

  override async acquireConnection(): Promise<DatabaseConnection> {
    await this.#turns.acquire();
    try {
      return await super.acquireConnection();
    } catch (error) {
      this.#turns.release();
      throw error;
    }
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    this.#turns.release();
  }
}

/** A lock handed over to waiters in arrival order. */
class FifoLock {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Hands the lock to the next waiter (it stays held), or frees it. */
  release(): void {
    const next = this.#waiting.shift();
    if (next === undefined) {
      this.#held = false;
    } else {
      next();
    }
  }
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
