/** What differs between the SQL databases: how to connect and how their errors read. Nothing else may differ. */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

export type DialectName = 'sqlite' | 'postgres';

/** A database failure in words both dialects share; undefined when the error did not come from the database. */
export type DatabaseFailure = 'unique' | 'foreign-key' | 'invalid' | 'busy' | 'unavailable' | 'other';

export interface SqlConnection {
  readonly name: DialectName;
  readonly db: Kysely<Database>;
  readonly classify: (error: unknown) => DatabaseFailure | undefined;
}
