/** @aftercare/store: the Store interface and the SQL store behind it. */
export type * from './store.ts';
