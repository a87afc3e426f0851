/** The store's one way to group writes: a statement run inside a caller's transaction joins it instead of nesting. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Runs `fn` in a transaction, joining the caller's transaction when there is one. */
export function inTransaction<T>(db: Kysely<Database>, fn: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
