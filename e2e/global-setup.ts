/**
 * Global setup of the browser tests: builds the web app if needed, unpacks Chromium once, starts the real server
 * (`aftercare start`) on a free port with a throwaway SQLite file, and hands the URL and browser path to the tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer } from './server.ts';

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
  const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'precompress.ts', 'package.json'].map((p) =>
    join(WEB, p),
  );
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
  const server = await startServer({ name: 'foundation' });
  log(`server: aftercare start on ${server.baseUrl} (pid ${String(server.pid)})`);
  project.provide('baseUrl', server.baseUrl);
  return server.stop;
}
