/**
 * The dispatcher: what a due job produces. A reminder job that still applies makes one inbox notification per
 * recipient (in their language) and one delivery job per channel and notification; a delivery job hands one
 * notification to one channel. Whatever a job produces is stored with its completion, in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { doseOccurrences, localDateOf, localTimeOf } from '@aftercare/core/schedule';
import type {
  Job,
  JobOutput,
  NewJob,
  NewNotification,
  Patient,
  Role,
  Store,
  StoredNotification,
} from '@aftercare/store';
import type { Clock } from '../clock.ts';
import type { Notification, NotificationChannel, NotificationKind } from '../notify/channel.ts';
import { newJob, reminderJobOf, type DosePayload, type ReminderJob } from './job-kinds.ts';
import { medicationVersions, patientContext, type PatientContext } from './planner.ts';
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

const TEAM: Role[] = ['admin', 'clinician'];

/** What the job produces now. Throws only on a failure worth retrying (the database, a channel). */
export async function dispatch(deps: DispatchDeps, job: Job): Promise<Outcome> {
  const reminder = reminderJobOf(job.kind, job.payload);
  if (reminder === undefined) {
    return NOTHING;
  }
  switch (reminder.kind) {
    case 'deliver':
      return deliver(deps, reminder.payload.notificationId, reminder.payload.channel);
    case 'alert':
    case 'alert-escalated':
      return alertNotice(deps, job, reminder.kind, reminder.payload.alertId);
    case 'dose':
    case 'caregiver-dose':
    case 'visit':
    case 'check-in':
      return patientReminder(deps, job, reminder);
  }
}

async function patientReminder(
  deps: DispatchDeps,
  job: Job,
  reminder: Exclude<ReminderJob, { kind: 'deliver' | 'alert' | 'alert-escalated' }>,
): Promise<Outcome> {
  const patient = job.patientId === null ? undefined : await deps.store.getPatient(job.patientId);
  if (patient === undefined) {
    return NOTHING;
  }
  const context = await patientContext(deps.store, patient);
  if (context.closed) {
    return NOTHING;
  }
  const zone = patient.timeZone;
  switch (reminder.kind) {
    case 'dose': {
      const dose = await openDose(deps.store, patient, reminder.payload);
      if (dose === undefined) {
        return NOTHING;
      }
      const facts: TextFacts = {
        kind: 'dose',
        repeat: reminder.payload.repeat,
        medicine: dose.name,
        amount: dose.amount,
      };
      const output = await notify(deps, job, patient.id, await patientAccounts(deps.store, patient, facts), facts);
      const { everyMinutes, times } = context.settings.doseRepeat;
      if (reminder.payload.repeat < times) {
        output.jobs.push(nextRepeat(context, job, reminder.payload, everyMinutes));
      }
      return { type: 'done', output };
    }
    case 'caregiver-dose': {
      const dose = await openDose(deps.store, patient, { ...reminder.payload, repeat: 0 });
      if (dose === undefined) {
        return NOTHING;
      }
      const caregivers = await deps.store.listRecipients({ patientId: patient.id, roles: ['caregiver'] });
      const time = localTimeOf(reminder.payload.scheduledFor, zone);
      return {
        type: 'done',
        output: await notify(deps, job, patient.id, caregivers, { kind: 'caregiver-dose', time }),
      };
    }
    case 'visit': {
      const appointment = await deps.store.getAppointment(reminder.payload.appointmentId);
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
      return {
        type: 'done',
        output: await notify(deps, job, patient.id, await patientAccounts(deps.store, patient, facts), facts),
      };
    }
    case 'check-in': {
      const [last] = await deps.store.listCheckIns(patient.id, { limit: 1 });
      if (last !== undefined && localDateOf(last.submittedAt, zone) === reminder.payload.localDate) {
        return NOTHING;
      }
      const facts: TextFacts = { kind: 'check-in' };
      const accounts = await patientAccounts(deps.store, patient, facts);
      return { type: 'done', output: await notify(deps, job, patient.id, accounts, facts) };
    }
  }
}

/** The medicine of a dose still scheduled and not yet answered (taken or skipped); undefined otherwise. */
async function openDose(
  store: Store,
  patient: Patient,
  dose: DosePayload,
): Promise<{ name: string; amount: string } | undefined> {
  if (await store.hasDoseAnswer(patient.id, dose.medicationId, dose.scheduledFor)) {
    return undefined;
  }
  const versions = (await medicationVersions(store, patient.id)).filter((v) => v.id === dose.medicationId);
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
function patientAccounts(store: Store, patient: Patient, facts: TextFacts) {
  return store.listRecipients({
    patientId: patient.id,
    roles: isForCaregivers(facts) ? ['patient', 'caregiver'] : ['patient'],
  });
}

async function alertNotice(
  deps: DispatchDeps,
  job: Job,
  kind: 'alert' | 'alert-escalated',
  alertId: string,
): Promise<Outcome> {
  const alert = await deps.store.getAlert(alertId);
  // Nobody needs a page about an alert someone already resolved (or, when raised again, already took).
  if (alert === undefined || alert.status === 'resolved' || (kind === 'alert-escalated' && alert.status !== 'open')) {
    return NOTHING;
  }
  const patient = await deps.store.getPatient(alert.patientId);
  if (patient === undefined) {
    return NOTHING;
  }
  const team = await deps.store.listRecipients({ orgId: patient.orgId, roles: TEAM });
  const facts: TextFacts = kind === 'alert' ? { kind: 'alert', level: alert.level } : { kind: 'alert-escalated' };
  return { type: 'done', output: await notify(deps, job, patient.id, team, facts) };
}

/** One inbox notification per recipient, and a delivery job for each of them on every channel. */
async function notify(
  deps: DispatchDeps,
  job: Job,
  patientId: string,
  recipients: readonly { id: string; language: 'en' | 'es'; role: string }[],
  facts: TextFacts,
): Promise<JobOutput> {
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
  return Promise.resolve({ notifications, jobs });
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
