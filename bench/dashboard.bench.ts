/**
 * The care team's dashboard over 100,000 patients and ~10 million observations: p50/p95 of the page as the server
 * builds it (loadDashboard, the service behind GET /api/v1/dashboard) for the default page, a search and each need
 * filter, on SQLite and PostgreSQL.
 *
 * Seeded databases are kept in .bench-cache/, keyed by the seed's code. Beside each kept database, a list of the
 * migrations (name and hash of the text) it has applied: when those are the first of today's migrations, unchanged,
 * the newer ones are applied to the kept database and its planner statistics gathered again (no copy, no reseed);
 * when one of them changed (or the list is missing), the database is seeded again.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../packages/store/src/index.ts';
import type { Store } from '../packages/store/src/index.ts';
import { loadDashboard, type DashboardParams } from '../packages/server/src/services/dashboard.ts';
import { startEmbeddedPostgres, type RunningPostgres } from '../packages/store/src/testing/embedded-postgres.ts';
import type { BenchRow } from './table.ts';
import { seedPostgres, SEED_NOW, type SeedFacts } from './tools/dashboard-seed.ts';
import { benchScale, progress, quantile } from './tools/knobs.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = join(ROOT, '.bench-cache');
const MIGRATIONS = join(ROOT, 'packages', 'store', 'src', 'sql', 'migrations');
const SEED_SQLITE = join(ROOT, 'bench', 'tools', 'seed-sqlite-child.ts');
const TARGET_P95_MS = 20;
/** The kept PostgreSQL listens on loopback only; its password only needs to survive restarts. */
const CACHE_PASSWORD = 'aftercare-bench-cache';
/** Generous memory for a read benchmark; the seed's bulk load likes a large WAL. */
const POSTGRES_SETTINGS = ['shared_buffers=1GB', 'max_wal_size=8GB', 'checkpoint_timeout=30min'];

const CASES: { name: string; params: DashboardParams }[] = [
  { name: 'default page (200 rows)', params: {} },
  { name: 'search "garc"', params: { search: 'garc' } },
  { name: 'need = emergency', params: { need: 'emergency' } },
  { name: 'need = contact-provider', params: { need: 'contact-provider' } },
  { name: 'need = quiet', params: { need: 'quiet' } },
  { name: 'need = ok', params: { need: 'ok' } },
];

/** The cache key: the seed's code (a change to it means new databases; new migrations do not, see above). */
function cacheKey(patients: number): string {
  const hash = createHash('sha256').update(readFileSync(join(ROOT, 'bench', 'tools', 'dashboard-seed.ts')));
  return `dashboard-${String(patients)}-${hash.digest('hex').slice(0, 12)}`;
}

/** A migration as a kept database records it: its name and a hash of its text. */
interface AppliedMigration {
  name: string;
  sha256: string;
}

/** Today's migrations in order (the files named `NNNN-name.ts`; index.ts only lists them). */
function currentMigrations(): AppliedMigration[] {
  return readdirSync(MIGRATIONS)
    .filter((file) => /^\d{4}-[^.]+\.ts$/.test(file))
    .sort()
    .map((file) => ({
      name: file.slice(0, -'.ts'.length),
      sha256: createHash('sha256')
        .update(readFileSync(join(MIGRATIONS, file)))
        .digest('hex'),
    }));
}

/**
 * Whether the kept database's migrations are the first of today's, with unchanged texts: then it only needs the
 * newer ones. A changed or removed migration (or no record) means seeding again.
 */
function canMigrateForward(recordFile: string, today: readonly AppliedMigration[]): boolean {
  if (!existsSync(recordFile)) {
    return false;
  }
  const kept = JSON.parse(readFileSync(recordFile, 'utf8')) as AppliedMigration[];
  return (
    kept.length <= today.length &&
    kept.every((migration, i) => migration.name === today[i]?.name && migration.sha256 === today[i].sha256)
  );
}

/**
 * Applies the migrations a kept database lacks, then gathers planner statistics again (a new index or column has
 * none yet, and a plan chosen without them is not the plan a seeded database gets), and records the new list.
 */
async function migrateForward(
  label: string,
  target: { file: string } | { url: string },
  recordFile: string,
  analyze: () => Promise<void>,
): Promise<void> {
  const today = currentMigrations();
  const kept = JSON.parse(readFileSync(recordFile, 'utf8')) as AppliedMigration[];
  if (kept.length === today.length) {
    return;
  }
  const newer = today.slice(kept.length).map((migration) => migration.name);
  progress(`${label}: applying ${newer.join(', ')} to the kept database…`);
  const started = performance.now();
  const store = await openStore(target);
  try {
    await store.migrate();
  } finally {
    await store.close();
  }
  await analyze();
  writeFileSync(recordFile, JSON.stringify(today, null, 2));
  progress(`${label}: migrated and analysed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

/** SQLite's statistics as the app's own open gathers them (a bounded sample per index), for every table. */
function analyzeSqlite(file: string): Promise<void> {
  const db = new BetterSqlite(file);
  try {
    db.pragma('analysis_limit = 1000');
    db.exec('analyze');
  } finally {
    db.close();
  }
  return Promise.resolve();
}

async function analyzePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('analyze');
  } finally {
    await client.end();
  }
}

/** Removes seeded databases of the same size made by another seed (they are large). */
function dropStaleCaches(patients: number, keep: string): void {
  if (!existsSync(CACHE)) {
    return;
  }
  for (const name of readdirSync(CACHE)) {
    if (name.startsWith(`dashboard-${String(patients)}-`) && name !== keep) {
      rmSync(join(CACHE, name), { recursive: true, force: true });
    }
  }
}

function readFacts(file: string): SeedFacts | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SeedFacts) : undefined;
}

async function timeCases(label: string, store: Store, facts: SeedFacts, runs: number): Promise<BenchRow[]> {
  const now = new Date(SEED_NOW);
  const rows: BenchRow[] = [];
  for (const { name, params } of CASES) {
    // As the route calls it: 200 rows unless asked otherwise, unread messages counted for the signed-in clinician.
    const withReader = { limit: 200, ...params, readerId: facts.clinicianId };
    const first = await loadDashboard(store, facts.orgId, now, withReader);
    for (let warm = 0; warm < 5; warm++) {
      await loadDashboard(store, facts.orgId, now, withReader);
    }
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      await loadDashboard(store, facts.orgId, now, withReader);
      times.push(performance.now() - started);
    }
    const p50 = quantile(times, 0.5);
    const p95 = quantile(times, 0.95);
    progress(`${label} ${name}: ${String(first.rows.length)} rows, p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    rows.push({
      name: `dashboard on ${label}, ${name}: p95 (p50 ${p50.toFixed(1)} ms; ${String(first.rows.length)} rows, ${String(runs)} runs)`,
      value: p95,
      unit: 'ms',
      floor: `< ${String(TARGET_P95_MS)} ms`,
      floorValue: TARGET_P95_MS,
      ratio: TARGET_P95_MS / p95,
    });
  }
  return rows;
}

function seedRow(label: string, facts: SeedFacts, cached: boolean): BenchRow {
  const observed = facts.observations.toLocaleString('en-US');
  return {
    name:
      `dashboard seed on ${label}: ${facts.patients.toLocaleString('en-US')} patients, ${observed} observations ` +
      `(check-ins ${facts.counts.checkIns.toLocaleString('en-US')}, doses ${facts.counts.doseEvents.toLocaleString('en-US')}, ` +
      `alerts ${facts.counts.alerts.toLocaleString('en-US')}, questions ${facts.counts.questions.toLocaleString('en-US')}, ` +
      `messages ${facts.counts.messages.toLocaleString('en-US')})${cached ? ', from the cache; seeding took' : ''}`,
    value: facts.seedSeconds,
    unit: 's',
    floor: 'none (information)',
    floorValue: 0,
    ratio: Infinity,
  };
}

interface Seeded {
  facts: SeedFacts;
  cached: boolean;
}

/**
 * The seeded SQLite file: from the cache (brought up to today's migrations), or seeded now in a child process
 * (PostgreSQL seeds meanwhile).
 */
async function seededSqlite(dir: string, patients: number): Promise<Seeded> {
  const file = join(dir, 'sqlite', 'aftercare.db');
  const factsFile = join(dir, 'sqlite', 'seeded.json');
  const recordFile = join(dir, 'sqlite', 'migrations.json');
  const cachedFacts = readFacts(factsFile);
  if (cachedFacts !== undefined && canMigrateForward(recordFile, currentMigrations())) {
    await migrateForward('SQLite', { file }, recordFile, () => analyzeSqlite(file));
    return { facts: cachedFacts, cached: true };
  }
  rmSync(join(dir, 'sqlite'), { recursive: true, force: true });
  const migrations = currentMigrations();
  const empty = await openStore({ file });
  await empty.migrate();
  await empty.close();
  progress(`seeding SQLite with ${String(patients)} patients…`);
  const child = spawn(process.execPath, ['--import', 'tsx', SEED_SQLITE, file, String(patients)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) {
    throw new Error(`Seeding SQLite failed (exit ${String(code)}).`);
  }
  const facts = JSON.parse(output) as SeedFacts;
  writeFileSync(recordFile, JSON.stringify(migrations, null, 2));
  writeFileSync(factsFile, JSON.stringify(facts));
  return { facts, cached: false };
}

/** The seeded PostgreSQL database on the running kept server: from the cache (brought up to date), or seeded now. */
async function seededPostgres(server: RunningPostgres, dir: string, patients: number): Promise<Seeded> {
  const factsFile = join(dir, 'postgres-seeded.json');
  const recordFile = join(dir, 'postgres-migrations.json');
  const url = postgresDatabaseUrl(server);
  const cachedFacts = readFacts(factsFile);
  if (cachedFacts !== undefined && canMigrateForward(recordFile, currentMigrations())) {
    await migrateForward('PostgreSQL', { url }, recordFile, () => analyzePostgres(url));
    return { facts: cachedFacts, cached: true };
  }
  rmSync(factsFile, { force: true });
  rmSync(recordFile, { force: true });
  const migrations = currentMigrations();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('drop database if exists bench_dashboard');
  await admin.query('create database bench_dashboard');
  await admin.end();
  const empty = await openStore({ url });
  await empty.migrate();
  await empty.close();
  progress(`seeding PostgreSQL with ${String(patients)} patients…`);
  const facts = await seedPostgres(url, patients);
  writeFileSync(recordFile, JSON.stringify(migrations, null, 2));
  writeFileSync(factsFile, JSON.stringify(facts));
  return { facts, cached: false };
}

function postgresDatabaseUrl(server: RunningPostgres): string {
  const url = new URL(server.url);
  url.pathname = '/bench_dashboard';
  return url.toString();
}

async function measure(label: string, target: { file: string } | { url: string }, seeded: Seeded, runs: number) {
  const { facts, cached } = seeded;
  progress(
    `${label}: ${facts.observations.toLocaleString('en-US')} observations (seeded in ${facts.seedSeconds.toFixed(0)} s)`,
  );
  const store = await openStore(target);
  try {
    await store.migrate();
    return [seedRow(label, facts, cached), ...(await timeCases(label, store, facts, runs))];
  } finally {
    await store.close();
  }
}

export default async function bench(): Promise<BenchRow[]> {
  const scale = benchScale();
  const patients = Math.max(100, Math.round(100_000 * scale));
  const runs = scale >= 1 ? 100 : 30;
  const key = cacheKey(patients);
  dropStaleCaches(patients, key);
  const dir = join(CACHE, key);
  mkdirSync(join(dir, 'sqlite'), { recursive: true });
  const dataDir = join(dir, 'postgres');
  if (readFacts(join(dir, 'postgres-seeded.json')) === undefined) {
    rmSync(dataDir, { recursive: true, force: true });
  }
  // Read-only work over a kept copy: PostgreSQL's fast settings (no fsync) are fine here, unlike the write benchmark.
  const server = await startEmbeddedPostgres({
    durable: false,
    dataDir,
    password: CACHE_PASSWORD,
    settings: POSTGRES_SETTINGS,
  });
  try {
    // Both databases seed at once (one core each); the timings below run one database at a time.
    const [sqlite, postgres] = await Promise.all([seededSqlite(dir, patients), seededPostgres(server, dir, patients)]);
    return [
      ...(await measure('SQLite', { file: join(dir, 'sqlite', 'aftercare.db') }, sqlite, runs)),
      ...(await measure(`PostgreSQL ${server.version}`, { url: postgresDatabaseUrl(server) }, postgres, runs)),
    ];
  } finally {
    await server.stop();
  }
}
