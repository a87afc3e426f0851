/**
 * Durable jobs: add (deduplicated), lease the due ones (PostgreSQL: FOR UPDATE SKIP LOCKED, so several processes
 * share the work; SQLite: one writer), complete with what they produced in one transaction, retry, fail, re-plan.
 */
import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type {
  AlertToNotify,
  Job,
  JobCompletion,
  JobOutput,
  JobStatus,
  NewJob,
  StoredNotification,
} from '../reminders.ts';
import type { Id, Instant } from '../store.ts';
import type { DialectName } from './dialects/dialect.ts';
import { toInstant, toJsonText } from './rows.ts';
import type { Database, JobsTable } from './schema.ts';
import { insertNotifications, storedNotification } from './notifications-queries.ts';
import { timeOrderedId } from './time-ordered-id.ts';
import { inTransaction } from './transaction.ts';

/** Longest error text kept on a job. */
const MAX_ERROR_LENGTH = 200;

export function toJob(row: Selectable<JobsTable>): Job {
  return {
    id: row.id,
    kind: row.kind,
    dedupeKey: row.dedupe_key,
    payload: JSON.parse(row.payload) as unknown,
    runAt: row.run_at,
    status: row.status as JobStatus,
    attempts: row.attempts,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    lastError: row.last_error,
    patientId: row.patient_id,
    planned: row.planned === 1,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

function jobRow(job: NewJob, at: Instant): Selectable<JobsTable> {
  return {
    // Time-ordered: jobs due together are leased in the order they were written (see time-ordered-id.ts).
    id: timeOrderedId(),
    kind: job.kind,
    dedupe_key: job.dedupeKey,
    payload: toJsonText(job.payload),
    run_at: toInstant(job.runAt),
    status: 'pending',
    attempts: 0,
    lease_owner: null,
    lease_until: null,
    last_error: null,
    patient_id: job.patientId,
    planned: job.planned === true ? 1 : 0,
    created_at: toInstant(at),
    finished_at: null,
  };
}

/** Rows per multi-row INSERT: a job has 14 columns, so well inside both databases' limits on bound parameters. */
const ROWS_PER_INSERT = 1000;

/** Adds the jobs whose dedupe key is new (the first of a key given twice); returns how many were added. */
export async function enqueueJobs(db: Kysely<Database>, jobs: NewJob[], at: Instant): Promise<number> {
  let added = 0;
  for (let start = 0; start < jobs.length; start += ROWS_PER_INSERT) {
    const inserted = await db
      .insertInto('jobs')
      .values(jobs.slice(start, start + ROWS_PER_INSERT).map((job) => jobRow(job, at)))
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .execute();
    added += inserted.length;
  }
  return added;
}

/**
 * Makes the patient's planned jobs match `wanted`: new keys are added, waiting ones (and cancelled ones wanted
 * again) get the wanted time and payload, and waiting planned jobs due after `at` that are no longer wanted are
 * cancelled. A job a runner holds right now is left alone. Records the zone it planned in. Call inside a transaction.
 */
export async function replanJobs(
  db: Kysely<Database>,
  patientId: Id,
  wanted: NewJob[],
  at: Instant,
  timeZone: string,
): Promise<{ cancelled: number }> {
  const now = toInstant(at);
  for (const job of wanted) {
    const row = jobRow({ ...job, planned: true, patientId }, now);
    await db
      .insertInto('jobs')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('dedupe_key')
          .doUpdateSet({ run_at: row.run_at, payload: row.payload, status: 'pending', finished_at: null })
          .where('jobs.status', 'in', ['pending', 'cancelled'])
          .where('jobs.planned', '=', 1)
          .where((eb) => eb.or([eb('jobs.lease_until', 'is', null), eb('jobs.lease_until', '<', now)])),
      )
      .execute();
  }
  let cancel = db
    .updateTable('jobs')
    .set({ status: 'cancelled', finished_at: now })
    .where('patient_id', '=', patientId)
    .where('planned', '=', 1)
    .where('status', '=', 'pending')
    .where('run_at', '>', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]));
  if (wanted.length > 0) {
    cancel = cancel.where(
      'dedupe_key',
      'not in',
      wanted.map((job) => job.dedupeKey),
    );
  }
  const result = await cancel.executeTakeFirst();
  await db
    .insertInto('reminder_plans')
    .values({ patient_id: patientId, time_zone: timeZone, planned_at: now })
    .onConflict((oc) => oc.column('patient_id').doUpdateSet({ time_zone: timeZone, planned_at: now }))
    .execute();
  return { cancelled: Number(result.numUpdatedRows) };
}

/**
 * Leases up to `limit` due jobs for `owner` until `leaseUntil` (a job whose lease ran out is due again).
 * On PostgreSQL the rows are locked and skipped by other processes, so no two processes take the same job.
 */
export async function claimJobs(
  db: Kysely<Database>,
  dialect: DialectName,
  owner: string,
  now: Instant,
  leaseUntil: Instant,
  limit: number,
): Promise<Job[]> {
  const at = toInstant(now);
  const lock = dialect === 'postgres' ? sql`for update skip locked` : sql``;
  const due = sql`
    select id from jobs
    where status = 'pending' and run_at <= ${at} and (lease_until is null or lease_until < ${at})
    order by run_at, id
    limit ${limit}
    ${lock}`;
  // PostgreSQL hash-joined `id in (…)` against a scan of every job once a claim passed a few hundred (180 ms at
  // 100,000 jobs); an array of the picked ids is looked up by the primary key.
  const picked = dialect === 'postgres' ? sql`id = any(array(${due}))` : sql`id in (${due})`;
  const result = await sql<Selectable<JobsTable>>`
    update jobs set lease_owner = ${owner}, lease_until = ${toInstant(leaseUntil)}, attempts = attempts + 1
    where ${picked}
    returning *`.execute(db);
  return result.rows.map(toJob).sort(byDueTimeThenId);
}

function byDueTimeThenId(a: Job, b: Job): number {
  if (a.runAt !== b.runAt) {
    return a.runAt < b.runAt ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Marks the job done and stores what it produced, in one transaction; null (and nothing stored) when `owner` no
 * longer holds the job (its lease ran out and another runner took it).
 */
export async function completeJob(
  db: Kysely<Database>,
  dialect: DialectName,
  id: Id,
  owner: string,
  output: JobOutput,
  at: Instant,
): Promise<StoredNotification[] | null> {
  const [stored] = await completeJobs(db, dialect, owner, [{ id, output }], at);
  return stored ?? null;
}

/**
 * Completes many jobs leased by `owner` in one transaction (one durable commit for a whole batch): each job still
 * held is marked done and what it produced is stored; a job `owner` no longer holds gets null and stores nothing.
 * Returns, in the order given, the inbox rows each job added.
 */
export async function completeJobs(
  db: Kysely<Database>,
  dialect: DialectName,
  owner: string,
  completions: readonly JobCompletion[],
  at: Instant,
): Promise<(StoredNotification[] | null)[]> {
  if (completions.length === 0) {
    return [];
  }
  const now = toInstant(at);
  return inTransaction(db, async (tx) => {
    const held = new Set<Id>();
    const ids = [...new Set(completions.map((completion) => completion.id))];
    for (let start = 0; start < ids.length; start += ROWS_PER_INSERT) {
      const done = await tx
        .updateTable('jobs')
        .set({ status: 'done', finished_at: now, lease_until: null })
        .where('id', 'in', ids.slice(start, start + ROWS_PER_INSERT))
        .where('lease_owner', '=', owner)
        .where(pendingNotByIndex(dialect), '=', 'pending')
        .returning('id')
        .execute();
      done.forEach((row) => held.add(row.id));
    }
    const kept = completions.filter((completion) => held.has(completion.id));
    const added = new Set(
      (await insertNotifications(tx, kept.flatMap((completion) => completion.output.notifications))).map((n) => n.id),
    );
    await enqueueJobs(
      tx,
      kept.flatMap((completion) => completion.output.jobs),
      now,
    );
    return completions.map((completion) =>
      held.has(completion.id)
        ? completion.output.notifications.filter((n) => added.has(n.id)).map((n) => storedNotification(n))
        : null,
    );
  });
}

/**
 * The status column for a condition SQLite must not answer from an index. With many jobs waiting, SQLite's sampled
 * statistics can make `status = 'pending'` look selective, and it walked every pending job (a burst: 100,000) for
 * each batch instead of looking up the batch's ids; `+status` (SQLite's way to keep a term off indexes) leaves it the
 * primary key. PostgreSQL's statistics pick the key by themselves.
 */
function pendingNotByIndex(dialect: DialectName) {
  return dialect === 'sqlite' ? sql<string>`+status` : sql<string>`status`;
}

/** Puts a held job back to wait until `runAt`, or fails it for good when `final`; false when `owner` lost it. */
export async function releaseJob(
  db: Kysely<Database>,
  id: Id,
  owner: string,
  change: { runAt: Instant; error: string; final: boolean },
  at: Instant,
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({
      status: change.final ? 'failed' : 'pending',
      run_at: toInstant(change.runAt),
      lease_owner: null,
      lease_until: null,
      last_error: change.error.slice(0, MAX_ERROR_LENGTH),
      finished_at: change.final ? toInstant(at) : null,
    })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function getJob(db: Kysely<Database>, id: Id): Promise<Job | undefined> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toJob(row);
}

/** Jobs by patient, kind or status, by due time (for tests and operators). */
export async function listJobs(
  db: Kysely<Database>,
  filter: { patientId?: Id; kind?: string; status?: JobStatus[]; limit?: number },
): Promise<Job[]> {
  let query = db.selectFrom('jobs').selectAll();
  if (filter.patientId !== undefined) {
    query = query.where('patient_id', '=', filter.patientId);
  }
  if (filter.kind !== undefined) {
    query = query.where('kind', '=', filter.kind);
  }
  if (filter.status !== undefined) {
    if (filter.status.length === 0) {
      return [];
    }
    query = query.where('status', 'in', filter.status);
  }
  const rows = await query
    .orderBy('run_at')
    .orderBy('id')
    .limit(Math.min(10_000, Math.max(1, filter.limit ?? 1000)))
    .execute();
  return rows.map(toJob);
}

/** Patients never planned, planned in another zone than theirs now, or planned before `plannedBefore`. */
export async function patientsToPlan(
  db: Kysely<Database>,
  plannedBefore: Instant,
  limit: number,
): Promise<{ patientId: Id; timeZone: string }[]> {
  const rows = await db
    .selectFrom('patients as p')
    .leftJoin('reminder_plans as r', 'r.patient_id', 'p.id')
    .select(['p.id', 'p.time_zone'])
    .where((eb) =>
      eb.or([
        eb('r.patient_id', 'is', null),
        eb('r.time_zone', '<>', eb.ref('p.time_zone')),
        eb('r.planned_at', '<', toInstant(plannedBefore)),
      ]),
    )
    .orderBy('p.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ patientId: row.id, timeZone: row.time_zone }));
}

/** Alerts created or escalated at or after `since` that have no job telling the team yet. */
export async function alertsToNotify(db: Kysely<Database>, since: Instant): Promise<AlertToNotify[]> {
  const from = toInstant(since);
  const fresh = await db
    .selectFrom('alerts as a')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .select(['a.id', 'a.patient_id', 'p.org_id', 'a.level', 'a.created_at'])
    .where('a.created_at', '>=', from)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('jobs as j')
            .select('j.id')
            .where('j.dedupe_key', '=', sql<string>`${'alert:'} || a.id`),
        ),
      ),
    )
    .execute();
  const escalated = await db
    .selectFrom('alerts as a')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .select(['a.id', 'a.patient_id', 'p.org_id', 'a.level', 'a.escalated_at'])
    .where('a.escalated_at', '>=', from)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('jobs as j')
            .select('j.id')
            .where('j.dedupe_key', '=', sql<string>`${'alert-escalated:'} || a.id`),
        ),
      ),
    )
    .execute();
  return [
    ...fresh.map((row) => ({
      alertId: row.id,
      patientId: row.patient_id,
      orgId: row.org_id,
      level: row.level,
      kind: 'alert' as const,
      at: row.created_at,
    })),
    ...escalated.map((row) => ({
      alertId: row.id,
      patientId: row.patient_id,
      orgId: row.org_id,
      level: row.level,
      kind: 'alert-escalated' as const,
      at: row.escalated_at ?? from,
    })),
  ];
}

/** Whether a dose (taken or skipped) answers this medicine's dose scheduled at `scheduledFor`, whatever its version. */
export async function hasDoseAnswer(
  db: Kysely<Database>,
  patientId: Id,
  medicationId: Id,
  scheduledFor: Instant,
): Promise<boolean> {
  const row = await db
    .selectFrom('dose_events')
    .select('id')
    .where('patient_id', '=', patientId)
    .where('medication_id', '=', medicationId)
    .where('scheduled_for', '=', toInstant(scheduledFor))
    .executeTakeFirst();
  return row !== undefined;
}
