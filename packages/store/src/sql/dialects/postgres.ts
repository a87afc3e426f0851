/** PostgreSQL through a pg Pool, and how its errors read (SQLSTATE codes). */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema.ts';
import type { DatabaseFailure, SqlConnection } from './dialect.ts';

export function openPostgres(url: string): SqlConnection {
  const pool = new pg.Pool({ connectionString: url, max: 10, application_name: 'aftercare' });
  // An idle connection dropped by the server must not crash the process: the pool opens a new one when needed.
  pool.on('error', () => undefined);
  const statementNames = new Map<string, string>();
  pool.on('connect', (client) => {
    sendNamedWhenKnown(client, statementNames);
  });
  return {
    name: 'postgres',
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    classify,
    prepareByName(text) {
      if (!statementNames.has(text)) {
        statementNames.set(text, `aftercare_${String(statementNames.size + 1)}`);
      }
    },
  };
}

/**
 * Kysely sends every statement unnamed, so PostgreSQL parses and plans it at each call. A statement text given to
 * `prepareByName` goes out as a named prepared statement instead: pg parses it once per connection, then only binds.
 */
function sendNamedWhenKnown(client: pg.PoolClient, statementNames: ReadonlyMap<string, string>): void {
  const query = client.query.bind(client) as (config: unknown, values?: unknown, callback?: QueryCallback) => unknown;
  const named = (config: unknown, values?: unknown, callback?: QueryCallback): unknown => {
    if (typeof values === 'function' || callback !== undefined || typeof config !== 'string') {
      return query(config, values, callback);
    }
    const name = statementNames.get(config);
    const statement = name === undefined ? config : { name, text: config, values };
    // Called back rather than through pg's own promise: with that promise, results lived long enough to be moved to
    // the old generation (1 to 2 MB per young collection on the dashboard, each collection copying them; 4 to 16 ms
    // pauses on a busy machine). Called back, next to nothing is moved.
    return new Promise((resolve, reject) => {
      query(statement, name === undefined ? values : undefined, (error, result) => {
        if (error) {
          reject(error);
        } else {
          resolve(result);
        }
      });
    });
  };
  client.query = named as typeof client.query;
}

type QueryCallback = (error: Error | null, result: unknown) => void;

const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']);

function classify(error: unknown): DatabaseFailure | undefined {
  if (!(error instanceof Error)) {
    return undefined;
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') {
    return undefined;
  }
  if (NETWORK_ERRORS.has(code)) {
    return 'unavailable';
  }
  if (!(error instanceof pg.DatabaseError)) {
    return undefined;
  }
  if (code === '23505') {
    return 'unique';
  }
  if (code === '23503') {
    return 'foreign-key';
  }
  // Integrity (23), data (22): the values do not fit.
  if (code.startsWith('23') || code.startsWith('22')) {
    return 'invalid';
  }
  // Serialization failure, deadlock, lock not available.
  if (code === '40001' || code === '40P01' || code === '55P03') {
    return 'busy';
  }
  // Connection (08), bad credentials (28), no such database (3D), resources (53), shutdown and the like (57).
  if (['08', '28', '3D', '53', '57'].some((group) => code.startsWith(group))) {
    return 'unavailable';
  }
  return 'other';
}
