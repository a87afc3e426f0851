/**
 * Check-in write (validate, triage, store, alert, audit; durable) through a real server process, next to a bare route of
 * the same server that does only one durable insert: requests/s and p99 of both, and their ratio, on SQLite (WAL,
 * synchronous=FULL) and PostgreSQL (fsync and synchronous_commit on). Measured in alternating pairs; medians count.
 * The load is many patients at once, as in real use: 16 connections, 16 enrolled patients each with their own session,
 * each request for the next patient in turn (so the requests in flight are for different patients). Both routes get the
 * same patients and sessions. BENCH_CHECK_IN_PATIENTS=1 sends everything for one patient instead (the old load: every
 * check-in then waits on the same patient row, which a check-in's trigger updates).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { call, enrolOnePatient } from '../packages/server/src/pressure/live-server.ts';
import { startEmbeddedPostgres } from '../packages/store/src/testing/embedded-postgres.ts';
import type { BenchRow } from './table.ts';
import { benchScale, median, progress, quantile } from './tools/knobs.ts';
import { startBenchServer, type BenchServer } from './tools/server-child.ts';

/** Enough connections to keep the server busy (SQLite serializes writes anyway); the same for both routes. */
const CONNECTIONS = 16;
const TARGET_RATIO = 0.7;

/** How many patients the load is spread over (BENCH_CHECK_IN_PATIENTS, default one per connection). */
function patientCount(): number {
  const raw = process.env.BENCH_CHECK_IN_PATIENTS;
  const count = raw === undefined || raw === '' ? CONNECTIONS : Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw new Error(`BENCH_CHECK_IN_PATIENTS must be a whole number from 1 to 1000, not "${raw ?? ''}".`);
  }
  return count;
}

/** A patient the load writes for, and their session. */
interface Sender {
  patientId: string;
  cookie: string;
}

/** First-run setup and `count` enrolled patients, each signed in with their own session. */
async function enrolPatients(base: string, count: number): Promise<Sender[]> {
  const { team, patient, patientId } = await enrolOnePatient(base);
  const senders: Sender[] = [{ patientId, cookie: patient }];
  for (let i = 1; i < count; i++) {
    const email = `bench-${String(i)}@example.org`;
    const password = 'another long passphrase';
    const enrolled = await call(base, '/api/v1/patients', team, {
      name: `Bench Patient ${String(i)}`,
      procedureDate: '2026-11-20',
      harvestSite: 'hip',
      marrowUse: 'donor',
      language: 'en',
      timeZone: 'Europe/Madrid',
      country: 'ES',
      account: { email, password },
    });
    if (enrolled.status !== 201) {
      throw new Error(`enrolment failed: ${String(enrolled.status)}`);
    }
    const { patient: created } = (await enrolled.json()) as { patient: { id: string } };
    const login = await call(base, '/api/v1/auth/login', '', { email, password });
    const cookie = /aftercare_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
    if (cookie === undefined) {
      throw new Error(`sign-in failed: ${String(login.status)}`);
    }
    senders.push({ patientId: created.id, cookie });
  }
  return senders;
}

/** Some of these raise a contact-provider alert, as real check-ins do. */
const TEXTS = [
  'hip sore today, about 4/10, took my pill',
  'tired but ok, no fever',
  'me duele la cadera pero estoy bien',
  'my temp was 38.4 this evening',
  'slept well, walked to the shop, pain 2 out of 10',
];

interface Measured {
  perSecond: number;
  p99: number;
  /** The server process's CPU time (user + system) per request, in µs; NaN where /proc cannot tell. */
  cpuMicros: number;
}

/** Clock ticks per second of /proc's CPU times (Linux's USER_HZ, almost always 100). */
function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}
const CLOCK_TICKS = clockTicksPerSecond();

/** CPU time (user + system, ms) the process has used so far; NaN without a Linux /proc. */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, hence the last ')'): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** Loads `route` (a path under /api/v1/patients/:id/) for the senders in turn. */
async function load(
  server: BenchServer,
  route: string,
  senders: readonly Sender[],
  seconds: number,
): Promise<Measured> {
  const base = server.baseUrl;
  let sent = 0;
  const first = senders[0];
  if (first === undefined) {
    throw new Error('No patient to send for.');
  }
  const pathOf = (sender: Sender): string => `/api/v1/patients/${sender.patientId}/${route}`;
  const cpuBefore = cpuMsOf(server.pid);
  const result = await autocannon({
    url: `${base}${pathOf(first)}`,
    method: 'POST',
    headers: { cookie: first.cookie, 'content-type': 'application/json' },
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          const sender = senders[sent % senders.length] ?? first;
          const text = TEXTS[sent++ % TEXTS.length];
          return {
            ...request,
            path: pathOf(sender),
            headers: { ...request.headers, cookie: sender.cookie },
            body: JSON.stringify({ text, idempotencyKey: randomUUID() }),
          };
        },
      },
    ],
  });
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0) {
    throw new Error(`${String(failed)} failed requests against ${route} (non-2xx ${String(result.non2xx)})`);
  }
  const cpuMicros = ((cpuMsOf(server.pid) - cpuBefore) * 1000) / result.requests.total;
  return { perSecond: result.requests.total / result.duration, p99: result.latency.p99, cpuMicros };
}

/**
 * The server process's CPU time per request on each route, and their ratio. Throughput waits on the disk as well (a
 * durable commit each): when commits are quick, the throughput ratio comes near this one. Nothing where /proc is
 * missing. On PostgreSQL, the database's own processes are not counted.
 */
function cpuRows(label: string, checkIns: readonly Measured[], bares: readonly Measured[]): BenchRow[] {
  const checkIn = median(checkIns.map((m) => m.cpuMicros));
  const bare = median(bares.map((m) => m.cpuMicros));
  if (!Number.isFinite(checkIn) || !Number.isFinite(bare)) {
    return [];
  }
  const info = { floor: 'none (information)', floorValue: 0, ratio: Infinity };
  return [
    { name: `check-in write on ${label}: server process CPU per request`, value: checkIn, unit: 'µs', ...info },
    { name: `bare route on ${label}: server process CPU per request`, value: bare, unit: 'µs', ...info },
    {
      name: `bare route's CPU per request ÷ the check-in's on ${label} (where the throughput ratio goes when commits are quick)`,
      value: (bare / checkIn) * 100,
      unit: '%',
      ...info,
    },
  ];
}

async function measureOn(label: string, database: string): Promise<BenchRow[]> {
  const scale = benchScale();
  // Many short rounds rather than a few long ones: this machine's speed drifts over tens of seconds, and a ratio is
  // only fair between windows close in time.
  const seconds = Math.max(1, Math.round(2 * scale));
  const rounds = scale >= 1 ? 15 : 3;
  const patients = patientCount();
  // Every patient signs in once: more sign-ins than the default per-minute limit allows.
  const server = await startBenchServer(database, { AFTERCARE_LOGIN_RATE_LIMIT: String(patients + 10) });
  try {
    const senders = await enrolPatients(server.baseUrl, patients);
    const routes = ['check-ins', 'bench-bare-insert', 'bench-two-inserts'] as const;
    // Warm up: JIT, the database's first pages, connection pools.
    await load(server, routes[0], senders, Math.max(1, seconds / 2));
    await load(server, routes[1], senders, Math.max(1, seconds / 2));
    const checkIns: Measured[] = [];
    const bares: Measured[] = [];
    const twos: Measured[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      // The check-in and the bare route back to back, each first in every other round, so a drift in the machine's
      // speed favours neither; the two-commit route (information only) after them.
      const order = round % 2 === 0 ? [0, 1, 2] : [1, 0, 2];
      const measured: Measured[] = [];
      for (const route of order) {
        measured[route] = await load(server, routes[route] ?? routes[0], senders, seconds);
      }
      const [checkIn, bare, two] = measured as [Measured, Measured, Measured];
      checkIns.push(checkIn);
      bares.push(bare);
      twos.push(two);
      ratios.push(checkIn.perSecond / bare.perSecond);
      progress(
        `${label} round ${String(round + 1)}: check-in ${checkIn.perSecond.toFixed(0)}/s p99 ${String(checkIn.p99)} ms, ` +
          `bare ${bare.perSecond.toFixed(0)}/s p99 ${String(bare.p99)} ms, two commits ${two.perSecond.toFixed(0)}/s; ` +
          `server CPU per request: check-in ${checkIn.cpuMicros.toFixed(0)} µs, bare ${bare.cpuMicros.toFixed(0)} µs`,
      );
    }
    const ratio = median(ratios);
    const checkInRate = median(checkIns.map((m) => m.perSecond));
    const bareRate = median(bares.map((m) => m.perSecond));
    const info = { floor: 'none (information)', floorValue: 0, ratio: Infinity };
    const loadNote = `${String(CONNECTIONS)} connections, ${patients === 1 ? 'one patient' : `${String(patients)} patients`}`;
    return [
      {
        name: `check-in write on ${label}: requests/s (validate, triage, store, alert, audit; ${loadNote})`,
        value: checkInRate,
        unit: 'req/s',
        ...info,
      },
      { name: `check-in write on ${label}: p99`, value: median(checkIns.map((m) => m.p99)), unit: 'ms', ...info },
      {
        name: `bare route on ${label} (same server, patients and session check, one durable insert; ${loadNote}): requests/s`,
        value: bareRate,
        unit: 'req/s',
        floor: 'none (the floor itself)',
        floorValue: 0,
        ratio: Infinity,
      },
      { name: `bare route on ${label}: p99`, value: median(bares.map((m) => m.p99)), unit: 'ms', ...info },
      ...cpuRows(label, checkIns, bares),
      {
        // What a second commit per request costs: the check-in once wrote its audit event in a commit of its own.
        name: `the bare route with two durable inserts, one commit each, on ${label}: requests/s`,
        value: median(twos.map((m) => m.perSecond)),
        unit: 'req/s',
        ...info,
      },
      {
        // The spread of the rounds says how far one run's median can be trusted on this machine.
        name: `check-in write ÷ bare route on ${label} (${loadNote}; median of ${String(rounds)} rounds of ${String(seconds)} s each, the two back to back; middle half of the rounds ${percent(quantile(ratios, 0.25))}–${percent(quantile(ratios, 0.75))})`,
        value: ratio * 100,
        unit: '%',
        floor: `>= ${String(TARGET_RATIO * 100)}%`,
        floorValue: TARGET_RATIO * 100,
        ratio: ratio / TARGET_RATIO,
      },
    ];
  } finally {
    await server.stop();
  }
}

/** A ratio as a percentage with one decimal, for a row's name. */
function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

export default async function bench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'aftercare-bench-'));
  try {
    rows.push(...(await measureOn('SQLite (WAL, synchronous=FULL)', join(dir, 'aftercare.db'))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const postgres = await startEmbeddedPostgres({ durable: true });
  try {
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    const settings = await admin.query<{ fsync: string; sc: string }>(
      `select current_setting('fsync') as fsync, current_setting('synchronous_commit') as sc`,
    );
    await admin.query('create database bench_check_in');
    await admin.end();
    const durable = settings.rows[0];
    if (durable?.fsync !== 'on' || durable.sc !== 'on') {
      throw new Error('The benchmark PostgreSQL is not durable (fsync and synchronous_commit must be on).');
    }
    const url = new URL(postgres.url);
    url.pathname = '/bench_check_in';
    rows.push(...(await measureOn(`PostgreSQL ${postgres.version} (fsync, synchronous_commit on)`, url.toString())));
  } finally {
    await postgres.stop();
  }
  return rows;
}
