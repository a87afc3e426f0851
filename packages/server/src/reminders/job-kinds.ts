/** The kinds of reminder jobs, their payloads and their dedupe keys (a key names one reminder, so it is made once). */
import type { NewJob } from '@aftercare/store';

export interface DosePayload {
  medicationId: string;
  scheduledFor: string;
  /** 0 for the first reminder, then 1, 2… for the repeats. */
  repeat: number;
}

export interface CaregiverDosePayload {
  medicationId: string;
  scheduledFor: string;
}

export interface VisitPayload {
  appointmentId: string;
  startsAt: string;
  when: 'day-before' | 'hours-before';
}

export interface CheckInPayload {
  /** The patient's local day the check-in is asked for. */
  localDate: string;
}

export interface AlertPayload {
  alertId: string;
}

export interface DeliverPayload {
  notificationId: string;
  channel: string;
}

export type ReminderJob =
  | { kind: 'dose'; payload: DosePayload }
  | { kind: 'caregiver-dose'; payload: CaregiverDosePayload }
  | { kind: 'visit'; payload: VisitPayload }
  | { kind: 'check-in'; payload: CheckInPayload }
  | { kind: 'alert'; payload: AlertPayload }
  | { kind: 'alert-escalated'; payload: AlertPayload }
  | { kind: 'deliver'; payload: DeliverPayload };

export type JobKind = ReminderJob['kind'];

export const JOB_KINDS: readonly JobKind[] = [
  'dose',
  'caregiver-dose',
  'visit',
  'check-in',
  'alert',
  'alert-escalated',
  'deliver',
];

/** The dedupe key of a job: the same reminder always gets the same key. */
export function dedupeKeyOf(job: ReminderJob, patientId: string | null): string {
  switch (job.kind) {
    case 'dose':
      return `dose:${job.payload.medicationId}:${job.payload.scheduledFor}:${String(job.payload.repeat)}`;
    case 'caregiver-dose':
      return `caregiver-dose:${job.payload.medicationId}:${job.payload.scheduledFor}`;
    case 'visit':
      return `visit:${job.payload.appointmentId}:${job.payload.startsAt}:${job.payload.when}`;
    case 'check-in':
      return `check-in:${patientId ?? ''}:${job.payload.localDate}`;
    case 'alert':
      return `alert:${job.payload.alertId}`;
    case 'alert-escalated':
      return `alert-escalated:${job.payload.alertId}`;
    case 'deliver':
      return `deliver:${job.payload.notificationId}:${job.payload.channel}`;
  }
}

/** A job to store, due at `runAt`. */
export function newJob(job: ReminderJob, patientId: string | null, runAt: Date, planned = false): NewJob {
  return {
    kind: job.kind,
    dedupeKey: dedupeKeyOf(job, patientId),
    payload: job.payload,
    runAt: runAt.toISOString(),
    patientId,
    planned,
  };
}

/** A stored job read back as a ReminderJob; undefined for a kind this version does not know. */
export function reminderJobOf(kind: string, payload: unknown): ReminderJob | undefined {
  if (!(JOB_KINDS as readonly string[]).includes(kind) || typeof payload !== 'object' || payload === null) {
    return undefined;
  }
  // Payloads are written only by newJob above, so the kind decides the shape.
  return { kind, payload } as ReminderJob;
}
