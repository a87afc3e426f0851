/** Starts the real product (`aftercare start`) as a child process on a given database: for crash and scale-out tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { DatabaseTarget } from '@aftercare/store';

const BIN = fileURLToPath(new URL('../../bin/aftercare.js', import.meta.url));

export interface ServerProcess {
  baseUrl: string;
  child: ChildProcess;
  /** The last lines the process wrote: enough to explain a failed start. */
  output: () => string;
  /** Sends the signal and waits for the process to end. */
  kill: (signal: NodeJS.Signals) => Promise<void>;
}

/**
 * @example const server = await startServerProcess({ file: '/tmp/x.db' }); … await server.kill('SIGKILL');
 */
export async function startServerProcess(
  database: DatabaseTarget,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${String(port)}`;
  // Run as `npm start` does: not in Vitest's NODE_ENV=test, and on this database only.
  const { DATABASE_URL: _url, AFTERCARE_DB: _db, NODE_ENV: _env, ...rest } = process.env;
  const child = spawn(process.execPath, [BIN, 'start', ...('file' in database ? ['--db', database.file] : [])], {
    env: {
      ...rest,
      ...('url' in database ? { DATABASE_URL: database.url } : {}),
      LOG_LEVEL: 'warn',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
    }
    await exited;
  };
  try {
    await waitUntilReady(baseUrl, child, () => output);
  } catch (error) {
    await kill('SIGKILL');
    throw error;
  }
  return { baseUrl, child, output: () => output, kill };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The server exited (${String(child.exitCode ?? child.signalCode)}) before it was ready:\n${output()}`,
      );
    }
    try {
      if ((await fetch(`${url}/readyz`)).ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The server was not ready within 60 s:\n${output()}`);
}
