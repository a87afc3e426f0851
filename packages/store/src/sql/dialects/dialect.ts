/**
 * What differs between the SQL databases: how to connect, how their errors read, and how a write to several tables is
 * made one commit cheaply. Nothing else may differ.
 */
import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from '../schema.ts';

export type DialectName = 'sqlite' | 'postgres';

/** A database failure in words both dialects share; undefined when the error did not come from the database. */
export type DatabaseFailure = 'unique' | 'foreign-key' | 'invalid' | 'busy' | 'unavailable' | 'other';

export interface SqlConnection {
  readonly name: DialectName;
  readonly db: Kysely<Database>;
  readonly classify: (error: unknown) => DatabaseFailure | undefined;
  /**
   * SQLite (in-process, one connection) only: runs `work` as one transaction with no await between its statements,
   * holding the connection for one turn (or inside the transaction `db` is bound to). A write to several tables then
   * costs no more turns of the connection than a single INSERT. Without it (PostgreSQL, over the network) such a write
   * is one statement with its INSERTs in a WITH clause: one round trip.
   */
  readonly transactNow?: <T>(db: Kysely<Database>, work: (run: RunNow) => T) => Promise<T>;
  /**
   * PostgreSQL only: statements with this exact text are sent as named prepared statements from now on (parsed and
   * planned once per connection). For the few hot statements of fixed text; each text stays known for good.
   */
  readonly prepareByName?: (text: string) => void;
}

/**
 * Runs a compiled statement at once: the rows it gives (none for a write without RETURNING), and how many rows a write
 * wrote itself (its triggers' writes do not count).
 */
export type RunNow = (query: CompiledQuery) => { rows: unknown[]; written: number };
