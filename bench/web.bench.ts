/**
 * The patient app's first load: gzip size of the JavaScript index.html loads before the first screen (the entry and
 * its static imports), and time until the sign-in form answers a click in Chromium on emulated slow 4G with a 4× CPU
 * slowdown, next to the same load unthrottled, in alternating pairs (medians count). Served by the real server.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { enrolOnePatient } from '../packages/server/src/pressure/live-server.ts';
import type { BenchRow } from './table.ts';
import { benchScale, median, progress } from './tools/knobs.ts';
import { startBenchServer } from './tools/server-child.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WEB = join(ROOT, 'packages', 'web');
const DIST = join(WEB, 'dist');
const TARGET_GZIP_KB = 100;
const FALLBACK_CHROMIUM = '/usr/bin/chromium';

/**
 * Lighthouse's "slow 4G" mobile profile as DevTools applies it per request: 150 ms RTT × 3.75 = 562.5 ms latency,
 * 1.6 Mbps × 0.9 down, 750 Kbps × 0.9 up; and its 4× CPU slowdown.
 */
const SLOW_4G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};
const CPU_SLOWDOWN = 4;

function newestMtime(path: string): number {
  if (!existsSync(path)) {
    return 0;
  }
  const stat = statSync(path);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  return Math.max(0, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

/** Builds the web app when its sources are newer than dist (as the browser tests do); keeps an older dist if that fails. */
function buildWebIfStale(): void {
  const built = join(DIST, 'index.html');
  const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'precompress.ts', 'package.json'].map((p) =>
    join(WEB, p),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestMtime))) {
    return;
  }
  progress('building the web app (npm run build -w @aftercare/web)…');
  const result = spawnSync('npm', ['run', 'build', '-w', '@aftercare/web'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) {
    if (!existsSync(built)) {
      throw new Error(`Building the web app failed (exit ${String(result.status)}).`);
    }
    progress(`the build failed (exit ${String(result.status)}): measuring the dist built before`);
  }
}

/** Static imports at the top level of a built module: `import{a}from"./x.js"` or `import"./x.js"` (not `import(`). */
const STATIC_IMPORT = /(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g;

/** The JavaScript files the page loads before its first screen: module scripts, modulepreloads, and what they import. */
export function initialScripts(distDir: string): string[] {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const pending = [
    ...[...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)].map((m) => m[1] ?? ''),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)].map((m) => m[1] ?? ''),
  ].map((src) => src.replace(/^\//, ''));
  const seen = new Set<string>();
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file) || file === '') {
      continue;
    }
    seen.add(file);
    const code = readFileSync(join(distDir, file), 'utf8');
    for (const match of code.matchAll(STATIC_IMPORT)) {
      const target = match[1];
      if (target !== undefined && target.startsWith('.')) {
        pending.push(join(dirname(file), target));
      }
    }
  }
  return [...seen].sort();
}

/** What the server sends for a file to a browser that accepts brotli: the build's `.br` copy if there is one. */
function servedBytes(path: string): number {
  return existsSync(`${path}.br`) ? statSync(`${path}.br`).size : statSync(path).size;
}

async function findChromium(): Promise<string> {
  try {
    const { default: sparticuz } = await import('@sparticuz/chromium');
    return await sparticuz.executablePath();
  } catch (error) {
    if (existsSync(FALLBACK_CHROMIUM)) {
      return FALLBACK_CHROMIUM;
    }
    throw new Error(`No browser: @sparticuz/chromium failed (${String(error)}) and ${FALLBACK_CHROMIUM} is missing.`);
  }
}

/** Milliseconds from navigation until the sign-in form's e-mail field takes a click (fresh profile: cold cache). */
async function timeToUsable(browser: Browser, baseUrl: string, throttled: boolean): Promise<number> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'en-US',
    hasTouch: true,
    serviceWorkers: 'block',
  });
  try {
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    if (throttled) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    }
    const started = performance.now();
    await page.goto(baseUrl, { waitUntil: 'commit' });
    const email = page.getByLabel('E-mail');
    await email.click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('type') === 'email');
    return performance.now() - started;
  } finally {
    await context.close();
  }
}

export default async function bench(): Promise<BenchRow[]> {
  buildWebIfStale();
  const scripts = initialScripts(DIST);
  const bytes = scripts.map((file) => readFileSync(join(DIST, file)));
  const rawKb = bytes.reduce((sum, b) => sum + b.length, 0) / 1024;
  const gzipKb = bytes.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0) / 1024;
  const servedKb = scripts.reduce((sum, file) => sum + servedBytes(join(DIST, file)), 0) / 1024;
  progress(
    `initial JavaScript: ${scripts.join(', ')}: ${rawKb.toFixed(1)} KB, ${gzipKb.toFixed(1)} KB gzip, ${servedKb.toFixed(1)} KB brotli as served`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'aftercare-bench-web-'));
  const server = await startBenchServer(join(dir, 'aftercare.db'));
  let browser: Browser | undefined;
  try {
    await enrolOnePatient(server.baseUrl); // past first-run setup: a visitor gets the sign-in form
    browser = await chromium.launch({
      executablePath: await findChromium(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    await timeToUsable(browser, server.baseUrl, false); // warm up the server and the browser
    const pairs = benchScale() >= 1 ? 5 : 2;
    const slow: number[] = [];
    const fast: number[] = [];
    for (let pair = 0; pair < pairs; pair++) {
      const first = pair % 2 === 0;
      const a = await timeToUsable(browser, server.baseUrl, first);
      const b = await timeToUsable(browser, server.baseUrl, !first);
      slow.push(first ? a : b);
      fast.push(first ? b : a);
      progress(
        `pair ${String(pair + 1)}: slow 4G + 4× CPU ${(slow.at(-1) ?? 0).toFixed(0)} ms, unthrottled ${(fast.at(-1) ?? 0).toFixed(0)} ms`,
      );
    }
    const slowMs = median(slow);
    const fastMs = median(fast);
    return [
      {
        name: `patient app: initial JavaScript, gzip -9 (${String(scripts.length)} file${scripts.length === 1 ? '' : 's'}, ${rawKb.toFixed(0)} KB raw, ${servedKb.toFixed(0)} KB as served to a brotli browser)`,
        value: gzipKb,
        unit: 'KB',
        floor: `<= ${String(TARGET_GZIP_KB)} KB`,
        floorValue: TARGET_GZIP_KB,
        ratio: TARGET_GZIP_KB / gzipKb,
      },
      {
        name: `patient app: time until the sign-in form answers a click, slow 4G + 4× CPU slowdown, cold cache (median of ${String(pairs)})`,
        value: slowMs / 1000,
        unit: 's',
        floor: 'none (information)',
        floorValue: 0,
        ratio: Infinity,
      },
      {
        name: 'patient app: the same load unthrottled (the floor it compares to)',
        value: fastMs / 1000,
        unit: 's',
        floor: 'none (the floor itself)',
        floorValue: 0,
        ratio: Infinity,
      },
    ];
  } finally {
    await browser?.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
