/** Starts the real product (`aftercare start`) for browser tests: its own throwaway SQLite file, a free port. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'packages/server/bin/aftercare.js');

export interface DemoAccount {
  role: string;
  email: string;
  password: string;
  patientId?: string;
}

export interface RunningServer {
  baseUrl: string;
  pid: number | undefined;
  /** The accounts `aftercare demo` printed, when started with `demo: true`. */
  accounts: DemoAccount[];
  /** The server's SQLite file: a test may open it to set up what no screen makes (e.g. a notification). */
  dbFile: string;
  stop: () => Promise<void>;
}

/**
 * Starts `aftercare start` on a fresh database, optionally loaded with `aftercare demo` first.
 * @example const server = await startServer({ name: 'care-team', demo: true }); ... await server.stop();
 */
export async function startServer(options: {
  name: string;
  demo?: boolean;
  env?: Record<string, string>;
}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), `aftercare-e2e-${options.name}-`));
  const db = join(dataDir, 'aftercare.db');
  const env = serverEnv(options.env ?? {});
  let accounts: DemoAccount[] = [];
  if (options.demo === true) {
    const demo = spawnSync(process.execPath, [CLI, 'demo', '--db', db], { cwd: ROOT, env, encoding: 'utf8' });
    if (demo.status !== 0) {
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`aftercare demo failed (exit ${String(demo.status)}):\n${demo.stderr}`);
    }
    accounts = (JSON.parse(demo.stdout) as { accounts: DemoAccount[] }).accounts;
  }

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [CLI, 'start', '--db', db], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer): void => {
    // Keep the tail only: enough to explain a failed start.
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const stop = async (): Promise<void> => {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(baseUrl, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, pid: child.pid, accounts, dbFile: db, stop };
}

/** The server's environment: ours, minus a DATABASE_URL that would point it away from the throwaway file. */
function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.DATABASE_URL;
  // Run as `npm start` does, not in Vitest's NODE_ENV=test.
  delete env.NODE_ENV;
  return env;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolvePort(port);
      });
    });
  });
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (!isRunning(child)) {
      throw new Error(`The server exited (code ${String(child.exitCode)}) before it was ready:\n${output()}`);
    }
    try {
      if ((await fetch(`${url}/readyz`)).ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The server was not ready within 60 s:\n${output()}`);
}

/** SIGTERM first (a graceful shutdown), SIGKILL after 5 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (!isRunning(child)) {
    return;
  }
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (isRunning(child)) {
    child.kill('SIGKILL');
  }
}
