/**
 * The dispatcher: what a due job produces. A reminder job that still applies makes one inbox notification per
 * recipient (in their language) and one delivery job per channel and notification; a delivery job hands one
 * notification to one channel. Whatever a job produces is stored with its completion, in one transaction. Inbox jobs
 * are dispatched in batches that share their reads; deliveries each on their own, several at once.
 */
import { randomUUID } from 'node:crypto';
import { doseOccurrences, localDateOf, localTimeOf } from '@aftercare/core/schedule';
import type {
  DoseRef,
  Job,
  JobOutput,
  NewJob,
  NewNotification,
  Patient,
  ReminderFacts,
  ReminderFactsRequest,
  Role,
  Store,
  StoredNotification,
  User,
} from '@aftercare/store';
import type { Clock } from '../clock.ts';
import type { Notification, NotificationChannel, NotificationKind } from '../notify/channel.ts';
import { newJob, reminderJobOf, type DosePayload, type ReminderJob } from './job-kinds.ts';
import { patientContextOf, type PatientContext } from './planner.ts';
import { afterQuietHours } from './quiet-hours.ts';
import { isForCaregivers, kindOf, linkOf, notificationText, type TextFacts } from './texts.ts';

export interface DispatchDeps {
  store: Store;
  clock: Clock;
  channels: readonly NotificationChannel[];
  /** A channel that has not answered in this long failed (retried later): it must not outlive the job's lease. */
  deliverTimeoutMs?: number;
}

/** Done (with what it produced, maybe nothing), or to be tried again later (a channel failed). */
export type Outcome = { type: 'done'; output: JobOutput } | { type: 'retry'; error: string };

const NOTHING: Outcome = { type: 'done', output: { notifications: [], jobs: [] } };

/** What the job produces now. Throws only on a failure worth retrying (the database, a channel). */
export async function dispatch(deps: DispatchDeps, job: Job): Promise<Outcome> {
  const reminder = reminderJobOf(job.kind, job.payload);
  if (reminder?.kind === 'deliver') {
    return deliver(deps, reminder.payload.notificationId, reminder.payload.channel);
  }
  const [outcome] = await dispatchInboxJobs(deps, [job]);
  return outcome ?? NOTHING;
}

/** Whether the job hands a notification to a channel (a network call, with its own timeout) rather than the inbox. */
export function isDelivery(job: Job): boolean {
  return job.kind === 'deliver';
}

/**
 * What each of these due jobs produces, for jobs that only write to the inbox and queue jobs (every kind but
 * deliveries, which call a channel and run each on its own through `dispatch`). What they need is read once for the whole
 * batch: a few queries instead of about ten per job. Throws only on a failure worth retrying (the database).
 */
export async function dispatchInboxJobs(deps: DispatchDeps, jobs: readonly Job[]): Promise<Outcome[]> {
  const reminders = jobs.map((job) => reminderJobOf(job.kind, job.payload));
  const read = await deps.store.reminderFacts(factsNeeded(jobs, reminders));
  const answered = new Set(read.answeredDoses.map(doseKey));
  return jobs.map((job, index) => {
    const reminder = reminders[index];
    switch (reminder?.kind) {
      case undefined:
        return NOTHING;
      case 'deliver':
        throw new Error('A delivery job runs on its own (dispatch), never in an inbox batch.');
      case 'alert':
      case 'alert-escalated':
        return alertNotice(deps, job, reminder.kind, reminder.payload.alertId, read);
      case 'dose':
      case 'caregiver-dose':
      case 'visit':
      case 'check-in':
        return patientReminder(deps, job, reminder, read, answered);
    }
  });
}

type PatientReminderJob = Exclude<ReminderJob, { kind: 'deliver' | 'alert' | 'alert-escalated' }>;

/** Everything the jobs' outcomes depend on, gathered from their payloads. */
function factsNeeded(jobs: readonly Job[], reminders: readonly (ReminderJob | undefined)[]): ReminderFactsRequest {
  const needs: ReminderFactsRequest = {
    patientIds: [],
    medicationIds: [],
    doses: [],
    appointmentIds: [],
    latestCheckInOf: [],
    alertIds: [],
  };
  jobs.forEach((job, index) => {
    const reminder = reminders[index];
    if (reminder?.kind === 'alert' || reminder?.kind === 'alert-escalated') {
      needs.alertIds.push(reminder.payload.alertId);
      return;
    }
    if (reminder === undefined || reminder.kind === 'deliver' || job.patientId === null) {
      return;
    }
    const patientId = job.patientId;
    needs.patientIds.push(patientId);
    switch (reminder.kind) {
      case 'dose':
      case 'caregiver-dose': {
        const { medicationId, scheduledFor } = reminder.payload;
        needs.medicationIds.push(medicationId);
        needs.doses.push({ patientId, medicationId, scheduledFor });
        break;
      }
      case 'visit':
        needs.appointmentIds.push(reminder.payload.appointmentId);
        break;
      case 'check-in':
        needs.latestCheckInOf.push(patientId);
        break;
    }
  });
  return needs;
}

/** A dose as a key of the answered set (the instant as stored, so equal times match however written). */
function doseKey(dose: DoseRef): string {
  return `${dose.patientId} ${dose.medicationId} ${new Date(dose.scheduledFor).toISOString()}`;
}

function patientReminder(
  deps: DispatchDeps,
  job: Job,
  reminder: PatientReminderJob,
  read: ReminderFacts,
  answered: ReadonlySet<string>,
): Outcome {
  const known = job.patientId === null ? undefined : read.patients.get(job.patientId);
  if (known === undefined) {
    return NOTHING;
  }
  const { patient, accounts } = known;
  // The patient's row carries the plan of their latest enrolment (kept by a trigger).
  const context = patientContextOf(patient, patient.planId, known.closedAt, known.settings);
  if (context.closed) {
    return NOTHING;
  }
  const zone = patient.timeZone;
  switch (reminder.kind) {
    case 'dose': {
      const dose = openDose(patient, reminder.payload, read, answered);
      if (dose === undefined) {
        return NOTHING;
      }
      const facts: TextFacts = {
        kind: 'dose',
        repeat: reminder.payload.repeat,
        medicine: dose.name,
        amount: dose.amount,
      };
      const output = notify(deps, job, patient.id, patientAccounts(accounts, facts), facts);
      const { everyMinutes, times } = context.settings.doseRepeat;
      if (reminder.payload.repeat < times) {
        output.jobs.push(nextRepeat(context, job, reminder.payload, everyMinutes));
      }
      return { type: 'done', output };
    }
    case 'caregiver-dose': {
      const dose = openDose(patient, { ...reminder.payload, repeat: 0 }, read, answered);
      if (dose === undefined) {
        return NOTHING;
      }
      const caregivers = accounts.filter((account) => account.role === 'caregiver');
      const time = localTimeOf(reminder.payload.scheduledFor, zone);
      return { type: 'done', output: notify(deps, job, patient.id, caregivers, { kind: 'caregiver-dose', time }) };
    }
    case 'visit': {
      const appointment = read.appointments.get(reminder.payload.appointmentId);
      // A cancelled or moved visit: the planner has planned the new time (or nothing).
      if (
        appointment === undefined ||
        appointment.cancelledAt !== null ||
        new Date(appointment.startsAt).toISOString() !== reminder.payload.startsAt
      ) {
        return NOTHING;
      }
      const time = localTimeOf(appointment.startsAt, zone);
      const facts: TextFacts = { kind: 'visit', when: reminder.payload.when, time };
      return { type: 'done', output: notify(deps, job, patient.id, patientAccounts(accounts, facts), facts) };
    }
    case 'check-in': {
      const last = read.latestCheckIns.get(patient.id);
      if (last !== undefined && localDateOf(last, zone) === reminder.payload.localDate) {
        return NOTHING;
      }
      const facts: TextFacts = { kind: 'check-in' };
      return { type: 'done', output: notify(deps, job, patient.id, patientAccounts(accounts, facts), facts) };
    }
  }
}

/** The medicine of a dose still scheduled and not yet answered (taken or skipped); undefined otherwise. */
function openDose(
  patient: Patient,
  dose: DosePayload,
  read: ReminderFacts,
  answered: ReadonlySet<string>,
): { name: string; amount: string } | undefined {
  if (
    answered.has(doseKey({ patientId: patient.id, medicationId: dose.medicationId, scheduledFor: dose.scheduledFor }))
  ) {
    return undefined;
  }
  // Every version of the medicine, whatever it is now: the schedule needs them all (edits never orphan a dose).
  const versions = (read.medicationVersions.get(dose.medicationId) ?? []).filter((v) => v.patientId === patient.id);
  const at = new Date(dose.scheduledFor);
  // Still a dose of the schedule in the patient's zone now (not stopped, not moved by an edit or a new zone).
  const still = doseOccurrences(versions, patient.timeZone, at, new Date(at.getTime() + 1)).some(
    (occurrence) => occurrence.scheduledFor === at.toISOString(),
  );
  const latest = versions.at(-1);
  return still && latest !== undefined ? { name: latest.name, amount: latest.amount } : undefined;
}

/** The next repeat of an unanswered dose reminder, after quiet hours. */
function nextRepeat(context: PatientContext, job: Job, dose: DosePayload, everyMinutes: number): NewJob {
  const at = afterQuietHours(
    new Date(new Date(job.runAt).getTime() + everyMinutes * 60_000),
    context.quiet,
    context.patient.timeZone,
  );
  return newJob({ kind: 'dose', payload: { ...dose, repeat: dose.repeat + 1 } }, context.patient.id, at);
}

/** The patient's own accounts, and their caregivers' for the reminders caregivers get too (see isForCaregivers). */
function patientAccounts(accounts: readonly User[], facts: TextFacts): User[] {
  const roles: Role[] = isForCaregivers(facts) ? ['patient', 'caregiver'] : ['patient'];
  return accounts.filter((account) => roles.includes(account.role));
}

function alertNotice(
  deps: DispatchDeps,
  job: Job,
  kind: 'alert' | 'alert-escalated',
  alertId: string,
  read: ReminderFacts,
): Outcome {
  const found = read.alerts.get(alertId);
  const alert = found?.alert;
  // Nobody needs a page about an alert someone already resolved (or, when raised again, already took).
  if (
    found === undefined ||
    alert === undefined ||
    alert.status === 'resolved' ||
    (kind === 'alert-escalated' && alert.status !== 'open')
  ) {
    return NOTHING;
  }
  const team = read.teams.get(found.orgId) ?? [];
  const facts: TextFacts = kind === 'alert' ? { kind: 'alert', level: alert.level } : { kind: 'alert-escalated' };
  return { type: 'done', output: notify(deps, job, alert.patientId, team, facts) };
}

/** One inbox notification per recipient, and a delivery job for each of them on every channel. */
function notify(
  deps: DispatchDeps,
  job: Job,
  patientId: string,
  recipients: readonly { id: string; language: 'en' | 'es'; role: string }[],
  facts: TextFacts,
): JobOutput {
  const createdAt = deps.clock.now();
  const notifications: NewNotification[] = recipients.map((recipient) => ({
    id: randomUUID(),
    recipientId: recipient.id,
    patientId,
    kind: kindOf(facts),
    ...notificationText(recipient.language, facts, recipient.role === 'caregiver'),
    link: linkOf(facts, patientId),
    createdAt: createdAt.toISOString(),
    jobId: job.id,
  }));
  const jobs = notifications.flatMap((notification) =>
    deps.channels.map((channel) =>
      newJob(
        { kind: 'deliver', payload: { notificationId: notification.id, channel: channel.name } },
        patientId,
        createdAt,
      ),
    ),
  );
  return { notifications, jobs };
}

/** Hands one stored notification to one channel; a throw means "try again later". */
async function deliver(deps: DispatchDeps, notificationId: string, channelName: string): Promise<Outcome> {
  const channel = deps.channels.find((c) => c.name === channelName);
  const stored = await deps.store.getNotification(notificationId);
  const recipient = stored === undefined ? undefined : await deps.store.getUser(stored.recipientId);
  if (channel === undefined || stored === undefined || recipient === undefined || recipient.disabledAt !== null) {
    return NOTHING;
  }
  const notification = toNotification(stored);
  if (notification === undefined) {
    return NOTHING;
  }
  try {
    await withTimeout(channel.deliver(notification, recipient), deps.deliverTimeoutMs ?? 30_000);
  } catch (error) {
    return { type: 'retry', error: errorLabel(error) };
  }
  return NOTHING;
}

class ChannelTimeout extends Error {
  override name = 'ChannelTimeout';
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new ChannelTimeout());
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

const KINDS: readonly NotificationKind[] = [
  'dose',
  'visit',
  'check-in',
  'caregiver-dose-unanswered',
  'alert',
  'alert-escalated',
];

/** The channel's view of an inbox row (undefined for a kind this version does not know). */
export function toNotification(stored: StoredNotification): Notification | undefined {
  const kind = KINDS.find((k) => k === stored.kind);
  if (kind === undefined) {
    return undefined;
  }
  return {
    id: stored.id,
    recipientId: stored.recipientId,
    patientId: stored.patientId,
    kind,
    title: stored.title,
    body: stored.body,
    link: stored.link,
    createdAt: stored.createdAt,
  };
}

/** An error as kept on a job: its name and code only (a message may quote an address or a text). */
export function errorLabel(error: unknown): string {
  if (!(error instanceof Error)) {
    return 'Error';
  }
  const code =
    (error as { code?: unknown; statusCode?: unknown }).code ?? (error as { statusCode?: unknown }).statusCode;
  return typeof code === 'string' || typeof code === 'number' ? `${error.name} ${String(code)}` : error.name;
}
