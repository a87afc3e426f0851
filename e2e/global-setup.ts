/**
 * Global setup of the browser tests: builds the web app if needed, unpacks Chromium once, starts the real server
 * (`aftercare start`) on a free port with a throwaway SQLite file, and hands the URL and browser path to the tests.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
  }
}

const ROOT = resolve(import.meta.dirname, '..');
const WEB = join(ROOT, 'packages/web');
const FALLBACK_CHROMIUM = '/usr/bin/chromium';

function log(line: string): void {
  process.stdout.write(`[e2e] ${line}\n`);
}

/** The newest modification time under the given files and folders. */
function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) {
      continue;
    }
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) {
        newest = Math.max(newest, newestMtime([join(path, entry)]));
      }
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}

function buildWebIfStale(): void {
  const built = join(WEB, 'dist/index.html');
  const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) => join(WEB, p));
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(sources)) {
    log('web app: dist is fresh, not rebuilding');
    return;
  }
  log('web app: building (npm run build -w @aftercare/web)');
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const result = spawnSync('npm', ['run', 'build', '-w', '@aftercare/web'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) {
    throw new Error(`Building the web app failed (exit ${String(result.status)}).`);
  }
}

async function findChromium(): Promise<string> {
  try {
    const { default: chromium } = await import('@sparticuz/chromium');
    const path = await chromium.executablePath();
    log(`browser: Chromium from @sparticuz/chromium at ${path}`);
    return path;
  } catch (error) {
    if (existsSync(FALLBACK_CHROMIUM)) {
      log(`browser: @sparticuz/chromium failed (${String(error)}); using the fallback ${FALLBACK_CHROMIUM}`);
      return FALLBACK_CHROMIUM;
    }
    throw new Error(`No browser: @sparticuz/chromium failed (${String(error)}) and ${FALLBACK_CHROMIUM} is missing.`);
  }
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

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The server exited with code ${child.exitCode} before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The server was not ready within 60 s:\n${output()}`);
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** The server's environment: ours, minus a DATABASE_URL that would point it away from the throwaway file. */
function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.DATABASE_URL;
  // Run as `npm start` does, not in Vitest's NODE_ENV=test.
  delete env.NODE_ENV;
  return env;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromiumPath = await findChromium();
  project.provide('chromiumPath', chromiumPath);

  // For work on the UI alone: AFTERCARE_E2E_URL points the tests at an already running app (e.g. `npx vite`).
  const external = process.env.AFTERCARE_E2E_URL;
  if (external) {
    log(`server: using ${external} (AFTERCARE_E2E_URL); nothing started`);
    project.provide('baseUrl', external.replace(/\/$/, ''));
    return async () => {};
  }

  buildWebIfStale();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'aftercare-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [join(ROOT, 'packages/server/bin/aftercare.js'), 'start'], {
    cwd: ROOT,
    env: serverEnv({ PORT: String(port), HOST: '127.0.0.1', AFTERCARE_DB: join(dataDir, 'aftercare.db') }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer): void => {
    // Keep the tail only: enough to explain a failed start.
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  try {
    await waitUntilReady(baseUrl, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  log(`server: aftercare start on ${baseUrl} (pid ${String(child.pid)})`);
  project.provide('baseUrl', baseUrl);

  return async () => {
    if (isRunning(child)) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timeout = new Promise((r) => setTimeout(r, 5000));
      await Promise.race([exited, timeout]);
      if (isRunning(child)) {
        child.kill('SIGKILL');
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}
