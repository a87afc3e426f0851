/** @aftercare/store: the Store interface and the SQL store behind it. */
export type * from './store.ts';
export { DEFAULT_DATABASE_FILE, isPostgresUrl, openStore, resolveDatabase } from './open-store.ts';
export type { DatabaseTarget } from './open-store.ts';
export { RECENT_READINGS_KEPT } from './sql/migrations/0014-recent-readings.ts';
