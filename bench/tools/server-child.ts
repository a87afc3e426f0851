/** Starts bench/tools/bench-server.ts as a child process on a database and waits until it listens. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('./bench-server.ts', import.meta.url));

export interface BenchServer {
  baseUrl: string;
  pid: number;
  stop: () => Promise<void>;
}

/** `database` is a postgres:// URL or a SQLite file path; `env` adds settings (e.g. a higher login rate limit). */
export async function startBenchServer(database: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const { DATABASE_URL: _url, AFTERCARE_DB: _db, NODE_ENV: _env, ...rest } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: { ...rest, ...env, DATABASE_URL: database, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`bench server not ready in 120 s:\n${output}`));
    }, 120_000);
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-8000);
      const match = /listening (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench server exited (${String(code)}) before it listened:\n${output}`));
    });
  });
  return {
    baseUrl,
    pid: child.pid ?? 0,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
