/**
 * Reminders due in one minute among 100,000 patients: every patient (all in America/Chicago) takes one medicine at
 * 08:00, so at 08:00 all 100,000 dose reminders fall due at once. Timed: one pass of the app's runner (runDueJobs, as
 * each poll runs it: alert notices, planning (nobody is due), then lease and dispatch every due job until none is
 * left), with no push or e-mail channel, so each job makes its inbox notification and its next repeat job.
 * Floor, same database right after: the same number of notification rows inserted bare in one transaction.
 * On SQLite (the store's durable pragmas) and durable PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite from 'better-sqlite3';
import pg from 'pg';
import { FakeClock } from '../packages/server/src/clock.ts';
import { defaultConfig } from '../packages/server/src/config.ts';
import { runDueJobs } from '../packages/server/src/reminders/runner.ts';
import { openStore } from '../packages/store/src/index.ts';
import { startEmbeddedPostgres } from '../packages/store/src/testing/embedded-postgres.ts';
import type { BenchRow } from './table.ts';
import { benchScale, progress } from './tools/knobs.ts';
import {
  BURST_AT,
  insertPostgresRows,
  seedRemindersPostgres,
  seedRemindersSqlite,
  type ReminderSeed,
  type Table,
} from './tools/reminders-seed.ts';

/** Our own target (the issue sets none): a minute's reminders are out before the next minute's are due. */
const TARGET_SECONDS = 60;
/** The runner's poll half a minute into the burst minute. */
const POLL_AT = new Date(Date.parse(BURST_AT) + 30_000);

interface Measured {
  ran: number;
  notifications: number;
  seconds: number;
  floorSeconds: number;
}

/** The notification rows of the floor: as many as the app made, copied from one of them, with new ids. */
interface NotificationSample {
  recipient_id: string;
  patient_id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
}

function floorTable(sample: NotificationSample, recipients: NotificationSample[], count: number): Table {
  const columns = ['id', 'recipient_id', 'patient_id', 'kind', 'title', 'body', 'link', 'created_at', 'job_id'];
  const createdAt = POLL_AT.toISOString();
  const rows = recipients
    .slice(0, count)
    .map((r) => [
      randomUUID(),
      r.recipient_id,
      r.patient_id,
      sample.kind,
      sample.title,
      sample.body,
      sample.link,
      createdAt,
      randomUUID(),
    ]);
  return { name: 'notifications', columns, rows };
}

/** The timed part: the app's runner, one pass, as a poll at POLL_AT runs it. */
async function timeRunner(target: { file: string } | { url: string }): Promise<{ ran: number; seconds: number }> {
  const store = await openStore(target);
  try {
    const clock = new FakeClock(POLL_AT);
    const started = performance.now();
    const ran = await runDueJobs({ store, clock, config: defaultConfig, channels: [] });
    return { ran, seconds: (performance.now() - started) / 1000 };
  } finally {
    await store.close();
  }
}

async function measureSqlite(file: string): Promise<Measured> {
  const { ran, seconds } = await timeRunner({ file });
  const db = new BetterSqlite(file);
  try {
    // The store's own durable settings, so the floor pays what the app pays per commit.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const made = db.prepare<[], NotificationSample>('select * from notifications').all();
    const [sample] = made;
    if (sample === undefined) {
      throw new Error('The runner made no notifications.');
    }
    const table = floorTable(sample, made, made.length);
    const insert = db.prepare(
      `insert into notifications (${table.columns.join(', ')}) values (${table.columns.map(() => '?').join(', ')})`,
    );
    const started = performance.now();
    db.transaction(() => {
      for (const row of table.rows) {
        insert.run(...row);
      }
    })();
    return { ran, notifications: made.length, seconds, floorSeconds: (performance.now() - started) / 1000 };
  } finally {
    db.close();
  }
}

async function measurePostgres(url: string): Promise<Measured> {
  const { ran, seconds } = await timeRunner({ url });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const made = (await client.query<NotificationSample>('select * from notifications')).rows;
    const [sample] = made;
    if (sample === undefined) {
      throw new Error('The runner made no notifications.');
    }
    const table = floorTable(sample, made, made.length);
    const started = performance.now();
    await client.query('begin');
    await insertPostgresRows(client, table);
    await client.query('commit');
    return { ran, notifications: made.length, seconds, floorSeconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

function rowsOf(label: string, seed: ReminderSeed, m: Measured): BenchRow[] {
  const patients = seed.patients.toLocaleString('en-US');
  const jobsPerSecond = m.ran / m.seconds;
  progress(
    `${label}: ${String(seed.dueJobs)} due, ${String(m.ran)} jobs run, ${String(m.notifications)} notifications in ` +
      `${m.seconds.toFixed(2)} s (${jobsPerSecond.toFixed(0)} jobs/s); floor ${m.floorSeconds.toFixed(2)} s ` +
      `(seeded in ${seed.seedSeconds.toFixed(0)} s)`,
  );
  if (m.ran !== seed.dueJobs || m.notifications !== seed.dueJobs) {
    throw new Error(`${label}: expected ${String(seed.dueJobs)} jobs and notifications, got ${String(m.ran)}.`);
  }
  return [
    {
      name:
        `reminders due in one minute among ${patients} patients on ${label}: time to enqueue ` +
        `(runDueJobs: ${m.ran.toLocaleString('en-US')} dose jobs → ${m.notifications.toLocaleString('en-US')} ` +
        `notifications + repeat jobs, ${Math.round(jobsPerSecond).toLocaleString('en-US')} jobs/s)`,
      value: m.seconds,
      unit: 's',
      floor: `< ${String(TARGET_SECONDS)} s (ours: before the next minute)`,
      floorValue: TARGET_SECONDS,
      ratio: TARGET_SECONDS / m.seconds,
    },
    {
      name: `floor on ${label}: the same ${m.notifications.toLocaleString('en-US')} notification rows inserted bare in one transaction`,
      value: m.floorSeconds,
      unit: 's',
      floor: 'none (information)',
      floorValue: 0,
      ratio: Infinity,
    },
  ];
}

export default async function bench(): Promise<BenchRow[]> {
  const patients = Math.max(100, Math.round(100_000 * benchScale()));
  const dir = mkdtempSync(join(tmpdir(), 'aftercare-reminders-bench-'));
  const postgres = await startEmbeddedPostgres({ durable: true });
  try {
    const file = join(dir, 'aftercare.db');
    const empty = await openStore({ file });
    await empty.migrate();
    await empty.close();
    progress(`seeding SQLite with ${String(patients)} patients…`);
    const sqliteSeed = seedRemindersSqlite(file, patients);
    const sqlite = rowsOf('SQLite', sqliteSeed, await measureSqlite(file));

    const migrated = await openStore({ url: postgres.url });
    await migrated.migrate();
    await migrated.close();
    progress(`seeding PostgreSQL with ${String(patients)} patients…`);
    const postgresSeed = await seedRemindersPostgres(postgres.url, patients);
    const label = `PostgreSQL ${postgres.version}`;
    return [...sqlite, ...rowsOf(label, postgresSeed, await measurePostgres(postgres.url))];
  } finally {
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
