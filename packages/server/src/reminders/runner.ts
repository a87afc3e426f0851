/**
 * The job runner: every poll it queues alert notices for the team, plans the patients that need it, then leases due
 * jobs a few at a time and runs them until none is due. Leases make it safe to run in several processes at once
 * (PostgreSQL) and after a crash (a job whose runner died is taken again when its lease runs out).
 */
import { randomUUID } from 'node:crypto';
import type { Job, Store } from '@aftercare/store';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { NotificationChannel } from '../notify/channel.ts';
import { dispatch, errorLabel, type Outcome } from './dispatch.ts';
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
/** Jobs leased at a time: small, so a slow channel does not outlive the lease of the jobs behind it. */
const BATCH = 10;
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
  let ran = 0;
  while (!state.stopping) {
    const now = deps.clock.now();
    const owner = `${state.id}/${randomUUID()}`;
    const leaseUntil = new Date(now.getTime() + deps.config.jobLeaseSeconds * 1000);
    const jobs = await deps.store.claimJobs(owner, now.toISOString(), leaseUntil.toISOString(), BATCH);
    if (jobs.length === 0) {
      break;
    }
    for (const job of jobs) {
      // Too little of the lease left to finish (slow channels before it): leave the job to be taken again.
      if (deps.clock.now().getTime() > leaseUntil.getTime() - (deps.config.jobLeaseSeconds * 1000) / 2) {
        continue;
      }
      await runJob(deps, log, job, owner);
      ran += 1;
    }
  }
  return ran;
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
    outcome = await dispatch(
      {
        store: deps.store,
        clock: deps.clock,
        channels: deps.channels ?? [],
        // Half the lease: a hung channel gives its job back before another runner could take it.
        deliverTimeoutMs: (deps.config.jobLeaseSeconds * 1000) / 2,
      },
      job,
    );
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
