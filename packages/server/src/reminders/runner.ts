/**
 * The job runner: every poll it queues alert notices for the team, plans the patients that need it, then leases due
 * jobs in batches and runs them until none is due: inbox jobs a batch at a time (shared reads, one commit), deliveries
 * to other channels several at once (each its own channel call and commit). Leases make it safe to run in several processes at once
 * (PostgreSQL) and after a crash (a job whose runner died is taken again when its lease runs out).
 */
import { randomUUID } from 'node:crypto';
import pMap from 'p-map';
import type { Job, JobCompletion, Store, StoredNotification } from '@aftercare/store';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { NotificationChannel } from '../notify/channel.ts';
import { dispatch, dispatchInboxJobs, errorLabel, isDelivery, type DispatchDeps, type Outcome } from './dispatch.ts';
import { newJob } from './job-kinds.ts';
import { planDuePatients } from './planner.ts';

interface Log {
  info: (obj: object, msg: string) => void;
  warn: (obj: object, msg: string) => void;
  error: (obj: object, msg: string) => void;
}

export type RunnerConfig = Pick<
  Config,
  'jobPollMs' | 'jobLeaseSeconds' | 'reminderWindowHours' | 'reminderReplanMinutes'
>;

export interface RunnerDeps {
  store: Store;
  clock: Clock;
  config: RunnerConfig;
  /** Where notifications go besides the inbox (Web Push, e-mail…); the inbox always has them. */
  channels?: readonly NotificationChannel[];
}

/** A job is given up (status failed) after this many attempts. */
export const MAX_ATTEMPTS = 8;
/**
 * Jobs leased at a time: each pass starts with a few, so the first reminders of a burst are out at once and several
 * processes share a burst from its start. While the jobs are inbox work (reads shared by the batch, one commit, no
 * channel call) the claim doubles up to INBOX_BATCH; a claim holding deliveries (a channel call each, up to half a
 * lease) goes back to FIRST_BATCH, so a slow channel does not outlive the lease of the jobs behind it.
 */
const FIRST_BATCH = 10;
/**
 * Channel calls in flight at once in one lease-and-run loop: a push service answers in tens to hundreds of
 * milliseconds, so one at a time would leave a burst's pushes minutes late. As many as a first claim holds.
 */
const DELIVERIES_AT_ONCE = FIRST_BATCH;
/**
 * Inbox jobs leased at most at once. A batch takes well under a second (far inside the lease); on SQLite its commit
 * holds the one connection for about a tenth of a second, so requests wait little behind it. Larger batches were no
 * faster on SQLite and a little faster on PostgreSQL (bench/reminders.bench.ts).
 */
const INBOX_BATCH = 1000;
/** Batches in flight at once in one runner (see runDueJobs). */
const CONCURRENT_BATCHES = 2;
/** Alerts older than this when first seen (the server was down for a day) no longer page the team. */
const ALERT_LOOKBACK_MS = 24 * 3_600_000;

/** Wait before trying a failed job again: 30 s, 1 min, 2 min… at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/** Planning looks at every patient (who changed zone? whose plan is old?): not on every poll, but this often. */
const PLAN_EVERY_MS = 15_000;
/** Patients planned per pass at most, so due jobs never wait long behind planning. */
const PLAN_BATCH = 200;

export interface RunnerState {
  /** Names this runner in lease owners (with a fresh part per batch). */
  readonly id: string;
  readonly failedPlans: Map<string, number>;
  /** When (clock ms) planning is next looked at. */
  nextPlanAt: number;
  stopping: boolean;
}

export function newRunnerState(): RunnerState {
  return { id: randomUUID(), failedPlans: new Map(), nextPlanAt: 0, stopping: false };
}

const silentLog: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Queues a notice to the team for every recent alert (and escalation) not yet told; returns how many. */
export async function queueAlertNotices(store: Store, clock: Clock): Promise<number> {
  const now = clock.now();
  const alerts = await store.alertsToNotify(new Date(now.getTime() - ALERT_LOOKBACK_MS).toISOString());
  if (alerts.length === 0) {
    return 0;
  }
  const jobs = alerts.map((alert) =>
    newJob({ kind: alert.kind, payload: { alertId: alert.alertId } }, alert.patientId, now),
  );
  return store.enqueueJobs(jobs, now.toISOString());
}

/**
 * One pass: alert notices, planning, then every due job. Returns how many jobs ran.
 * @example
 * await runDueJobs({ store, clock, config, channels: [] }); // in a test, after clock.advance(...)
 */
export async function runDueJobs(deps: RunnerDeps, log: Log = silentLog, state = newRunnerState()): Promise<number> {
  await queueAlertNotices(deps.store, deps.clock);
  const now = deps.clock.now().getTime();
  if (now >= state.nextPlanAt) {
    const planned = await planDuePatients(deps, log, state.failedPlans, PLAN_BATCH);
    // A full batch means more are waiting: look again on the next poll.
    state.nextPlanAt = planned >= PLAN_BATCH ? now : now + PLAN_EVERY_MS;
  }
  // Two lease-and-run loops at once: while one waits for the database (its reads, its commit), the other works out
  // its batch. They never share a job (each claim takes jobs nobody holds). allSettled: a pass ends only when both
  // loops have, so a failing loop never leaves the other running into the next pass.
  const loops = await Promise.allSettled(
    Array.from({ length: CONCURRENT_BATCHES }, () => leaseAndRun(deps, log, state)),
  );
  let ran = 0;
  for (const loop of loops) {
    if (loop.status === 'rejected') {
      throw loop.reason;
    }
    ran += loop.value;
  }
  return ran;
}

/** Leases due jobs and runs them, batch after batch, until none is due; returns how many ran. */
async function leaseAndRun(deps: RunnerDeps, log: Log, state: RunnerState): Promise<number> {
  let ran = 0;
  let limit = FIRST_BATCH;
  while (!state.stopping) {
    const now = deps.clock.now();
    const owner = `${state.id}/${randomUUID()}`;
    const leaseUntil = new Date(now.getTime() + deps.config.jobLeaseSeconds * 1000);
    const jobs = await deps.store.claimJobs(owner, now.toISOString(), leaseUntil.toISOString(), limit);
    if (jobs.length === 0) {
      break;
    }
    // Too little of the lease left to finish (a slow claim, slow channels before it): leave the job to be taken again.
    const leaseLeft = () =>
      deps.clock.now().getTime() <= leaseUntil.getTime() - (deps.config.jobLeaseSeconds * 1000) / 2;
    const deliveries = jobs.filter(isDelivery);
    if (leaseLeft()) {
      ran += await runInboxJobs(
        deps,
        log,
        jobs.filter((job) => !isDelivery(job)),
        owner,
      );
    }
    // stopOnError false: every started delivery finishes before the loop goes on, even when one throws.
    await pMap(
      deliveries,
      async (job) => {
        if (leaseLeft()) {
          await runJob(deps, log, job, owner);
          ran += 1;
        }
      },
      { concurrency: DELIVERIES_AT_ONCE, stopOnError: false },
    );
    limit = deliveries.length > 0 ? FIRST_BATCH : Math.min(INBOX_BATCH, limit * 2);
  }
  return ran;
}

function dispatchDeps(deps: RunnerDeps): DispatchDeps {
  return {
    store: deps.store,
    clock: deps.clock,
    channels: deps.channels ?? [],
    // Half the lease: a hung channel gives its job back before another runner could take it.
    deliverTimeoutMs: (deps.config.jobLeaseSeconds * 1000) / 2,
  };
}

/**
 * Runs a batch of held inbox jobs (no deliveries): their reads shared, then every job done completed in ONE commit.
 * Returns how many ran. A failure of the batch as a whole (a read, the commit) is retried job by job, so one bad
 * record cannot hold back the others: each then ends as it would alone (done, or given back to retry later).
 */
async function runInboxJobs(deps: RunnerDeps, log: Log, jobs: readonly Job[], owner: string): Promise<number> {
  const runnable: Job[] = [];
  for (const job of jobs) {
    if (job.attempts > MAX_ATTEMPTS) {
      // Taken again and again without finishing (its runner kept dying): stop before it takes the runner down too.
      await release(deps, log, job, owner, 'too many attempts', true);
    } else {
      runnable.push(job);
    }
  }
  const outcomes = await inboxOutcomes(deps, log, runnable);
  const completions: JobCompletion[] = [];
  for (const [index, job] of runnable.entries()) {
    const outcome = outcomes[index] ?? { type: 'retry', error: 'Error' };
    if (outcome.type === 'retry') {
      await release(deps, log, job, owner, outcome.error, job.attempts >= MAX_ATTEMPTS);
    } else {
      completions.push({ id: job.id, output: outcome.output });
    }
  }
  await complete(deps, log, runnable, completions, owner);
  return jobs.length;
}

/** The outcome of each job: dispatched together, or one by one when the batch as a whole fails. */
async function inboxOutcomes(deps: RunnerDeps, log: Log, jobs: readonly Job[]): Promise<Outcome[]> {
  if (jobs.length === 0) {
    return [];
  }
  try {
    return await dispatchInboxJobs(dispatchDeps(deps), jobs);
  } catch (error) {
    if (jobs.length > 1) {
      log.warn({ jobs: jobs.length, error: errorLabel(error) }, 'job batch failed; running its jobs one by one');
    }
  }
  const outcomes: Outcome[] = [];
  for (const job of jobs) {
    try {
      outcomes.push(...(await dispatchInboxJobs(dispatchDeps(deps), [job])));
    } catch (error) {
      outcomes.push({ type: 'retry', error: errorLabel(error) });
    }
  }
  return outcomes;
}

/**
 * Completes the batch's done jobs in one commit. When that commit fails (nothing of it is stored), each job is
 * completed on its own, and a job whose own commit fails is given back to retry later with backoff.
 */
async function complete(
  deps: RunnerDeps,
  log: Log,
  jobs: readonly Job[],
  completions: JobCompletion[],
  owner: string,
): Promise<void> {
  if (completions.length === 0) {
    return;
  }
  const byId = new Map(jobs.map((job) => [job.id, job]));
  let stored: (StoredNotification[] | null)[];
  try {
    stored = await deps.store.completeJobs(owner, completions, deps.clock.now().toISOString());
  } catch (error) {
    log.warn({ jobs: completions.length, error: errorLabel(error) }, 'job batch commit failed; completing one by one');
    stored = [];
    for (const { id, output } of completions) {
      try {
        stored.push(await deps.store.completeJob(id, owner, output, deps.clock.now().toISOString()));
      } catch (jobError) {
        // Nothing of it was stored: give it back to be run again later (failed for good after MAX_ATTEMPTS).
        const job = byId.get(id);
        if (job !== undefined) {
          await release(deps, log, job, owner, errorLabel(jobError), job.attempts >= MAX_ATTEMPTS);
        }
        stored.push([]);
      }
    }
  }
  let notifications = 0;
  for (const [index, { id }] of completions.entries()) {
    const made = stored[index];
    const job = byId.get(id);
    if (made === null) {
      log.warn(
        { jobId: id, kind: job?.kind, patientId: job?.patientId },
        'job lease lost before it finished: another runner has it',
      );
    } else {
      notifications += made?.length ?? 0;
    }
  }
  if (notifications > 0) {
    log.info({ jobs: completions.length, notifications }, 'notifications stored');
  }
}

async function runJob(deps: RunnerDeps, log: Log, job: Job, owner: string): Promise<void> {
  const ids = { jobId: job.id, kind: job.kind, patientId: job.patientId };
  if (job.attempts > MAX_ATTEMPTS) {
    // Taken again and again without finishing (its runner kept dying): stop before it takes the runner down too.
    await release(deps, log, job, owner, 'too many attempts', true);
    return;
  }
  let outcome: Outcome;
  try {
    outcome = await dispatch(dispatchDeps(deps), job);
  } catch (error) {
    outcome = { type: 'retry', error: errorLabel(error) };
  }
  if (outcome.type === 'retry') {
    await release(deps, log, job, owner, outcome.error, job.attempts >= MAX_ATTEMPTS);
    return;
  }
  const stored = await deps.store.completeJob(job.id, owner, outcome.output, deps.clock.now().toISOString());
  if (stored === null) {
    log.warn(ids, 'job lease lost before it finished: another runner has it');
  } else if (stored.length > 0) {
    log.info({ ...ids, notifications: stored.length }, 'notifications stored');
  }
}

async function release(
  deps: RunnerDeps,
  log: Log,
  job: Job,
  owner: string,
  error: string,
  final: boolean,
): Promise<void> {
  const now = deps.clock.now();
  const runAt = new Date(now.getTime() + backoffMs(job.attempts)).toISOString();
  await deps.store.releaseJob(job.id, owner, { runAt, error, final }, now.toISOString());
  const ids = { jobId: job.id, kind: job.kind, patientId: job.patientId, attempts: job.attempts, error };
  if (final) {
    log.error(ids, 'job failed for good');
  } else {
    log.warn(ids, 'job failed; it will be tried again');
  }
}

/**
 * Runs {@link runDueJobs} every `config.jobPollMs` (never two passes at once); returns `stop`, which waits for the
 * pass in progress to finish its current job.
 * @example
 * const stop = startJobRunner({ store, clock: systemClock, config, channels: [] }, app.log);
 * process.once('SIGTERM', () => void stop());
 */
export function startJobRunner(deps: RunnerDeps, log: Log): () => Promise<void> {
  const state = newRunnerState();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  const tick = () => {
    running = runDueJobs(deps, log, state)
      .then(
        () => undefined,
        (error: unknown) => {
          log.error({ error: errorLabel(error) }, 'job runner pass failed');
        },
      )
      .finally(() => {
        running = null;
        if (!state.stopping) {
          timer = setTimeout(tick, deps.config.jobPollMs);
          // The server keeps the process alive; this timer alone must not.
          timer.unref();
        }
      });
  };
  tick();
  return async () => {
    state.stopping = true;
    clearTimeout(timer);
    await running;
  };
}
