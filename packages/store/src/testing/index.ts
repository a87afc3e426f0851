/**
 * @aftercare/store/testing: real databases for tests. Each call gives a fresh, migrated, empty store on SQLite
 * (a temp file) or PostgreSQL (a new database on the run's throwaway server); closeTestStores() removes them all.
 *
 * @example
 * for (const dialect of DIALECTS) {
 *   describe(`thing on ${dialect}`, () => {
 *     let store: Store;
 *     beforeEach(async () => { store = await openTestStore(dialect); });
 *     afterEach(closeTestStores);
 *   });
 * }
 */
import { randomUUID } from 'node:crypto';
import { isAftercareError } from '@aftercare/core';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import { openStore } from '../open-store.ts';
import { adminQuery } from './admin-query.ts';
import type { DatabaseTarget } from '../open-store.ts';
import type { Database } from '../sql/schema.ts';
import { SqlStore } from '../sql/sql-store.ts';
import type { NewPatient, Store } from '../store.ts';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

/** Undo steps, run last-in first-out (close the store before dropping its database). */
const cleanups: (() => Promise<void>)[] = [];

/** A fresh, empty (not migrated) database; removed by closeTestStores(). Useful to hand to a CLI under test. */
export function createTestDatabase(dialect: TestDialect): Promise<DatabaseTarget> {
  return dialect === 'sqlite' ? Promise.resolve(createSqliteFile()) : createPostgresDatabase('template1');
}

/** A fresh, migrated, empty store (on PostgreSQL a copy of the run's migrated template; migrate() then finds nothing to do). */
export async function openTestStore(dialect: TestDialect): Promise<Store> {
  const target = dialect === 'sqlite' ? createSqliteFile() : await createPostgresDatabase(inject('postgresTemplate'));
  const store = await openStore(target);
  cleanups.push(() => store.close());
  await store.migrate();
  return store;
}

/** A patient to create in tests: every field filled with a plain value, any of them changed by `changes`. */
export function testPatient(orgId: string, changes: Partial<NewPatient> = {}): NewPatient {
  return {
    orgId,
    name: 'Pat Example',
    email: null,
    phone: null,
    dateOfBirth: null,
    procedureDate: '2026-11-19',
    harvestSite: 'hip',
    marrowUse: 'donor',
    language: 'en',
    timeZone: 'America/Chicago',
    country: 'US',
    emergencyContact: null,
    ...changes,
  };
}

/** The error code a store call is rejected with (`CARE_ERR_…`); fails the test if it resolves or throws something else. */
export async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAftercareError(error)) {
      return error.code;
    }
    throw error;
  }
  throw new Error('expected a rejection');
}

/** Closes every test store and removes every test database made so far. */
export async function closeTestStores(): Promise<void> {
  const failures: unknown[] = [];
  for (let cleanup = cleanups.pop(); cleanup !== undefined; cleanup = cleanups.pop()) {
    await cleanup().catch((error: unknown) => failures.push(error));
  }
  if (failures.length > 0) {
    throw new AggregateError(failures, 'Could not clean up every test database.');
  }
}

/** The Kysely instance behind a store opened here: for tests that must look below the Store interface. */
export function kyselyOf(store: Store): Kysely<Database> {
  if (!(store instanceof SqlStore)) {
    throw new Error('Not a SQL store.');
  }
  return store.db;
}

function createSqliteFile(): DatabaseTarget {
  const dir = mkdtempSync(join(tmpdir(), 'aftercare-store-test-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return { file: join(dir, 'aftercare.db') };
}

async function createPostgresDatabase(template: string): Promise<DatabaseTarget> {
  const adminUrl = inject('postgresUrl') as string | undefined;
  if (adminUrl === undefined) {
    throw new Error(
      'No test PostgreSQL: run through vitest with packages/store/src/testing/global-setup.ts as globalSetup.',
    );
  }
  const name = `t_${randomUUID().replaceAll('-', '')}`;
  // file_copy: copying a small template is far cheaper than WAL-logging it (the server runs with wal_level=minimal).
  await adminQuery(adminUrl, `create database ${name} template ${template} strategy file_copy`);
  cleanups.push(() => adminQuery(adminUrl, `drop database if exists ${name} with (force)`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString() };
}
