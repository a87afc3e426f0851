/** What reminders keep: durable jobs, the in-app inbox, each patient's reminder settings. */
import type { Alert, Appointment, Id, Instant, Medication, Patient, Role, User } from './store.ts';

export type JobStatus = 'pending' | 'done' | 'failed' | 'cancelled';

/** A unit of work due at `runAt`, run once by whichever process leases it first. */
export interface Job {
  id: Id;
  kind: string;
  /** Unique: adding a job whose key exists adds nothing. */
  dedupeKey: string;
  payload: unknown;
  runAt: Instant;
  status: JobStatus;
  /** How many times a runner took it (a crash counts too). */
  attempts: number;
  leaseOwner: string | null;
  leaseUntil: Instant | null;
  /** Why the last attempt failed: an error name or code, never patient data. */
  lastError: string | null;
  patientId: Id | null;
  /** Owned by the planner, which may move or cancel it while it waits. */
  planned: boolean;
  createdAt: Instant;
  finishedAt: Instant | null;
}

export interface NewJob {
  kind: string;
  dedupeKey: string;
  payload: unknown;
  runAt: Instant;
  patientId: Id | null;
  planned?: boolean;
}

/** One row of a person's inbox; the texts are already in the recipient's language. */
export interface StoredNotification {
  id: Id;
  recipientId: Id;
  patientId: Id | null;
  kind: string;
  title: string;
  body: string;
  link: string;
  createdAt: Instant;
  readAt: Instant | null;
  /** The job that made it (one row per job and recipient). */
  jobId: Id | null;
}

export type NewNotification = Omit<StoredNotification, 'readAt'>;

/** When and how often a patient is reminded. */
export interface ReminderSettings {
  /** Local "HH:MM" of the daily check-in reminder (and of the day-before visit reminder). */
  checkInTime: string;
  visitReminders: { dayBefore: boolean; hoursBefore: number };
  doseRepeat: { everyMinutes: number; times: number };
}

/** What completing a job produced: stored with the completion, in one transaction. */
export interface JobOutput {
  notifications: NewNotification[];
  jobs: NewJob[];
}

/** A recent alert (or escalation) the care team has not been told about yet. */
export interface AlertToNotify {
  alertId: Id;
  patientId: Id;
  orgId: Id;
  level: string;
  /** 'alert' for a new alert, 'alert-escalated' for one raised again. */
  kind: 'alert' | 'alert-escalated';
  at: Instant;
}

export interface RecipientFilter {
  /** Accounts of this patient (patient, caregiver) … */
  patientId?: Id;
  /** … or of this organisation. */
  orgId?: Id;
  roles: Role[];
}

/** A dose whose answer (taken or skipped) is asked. */
export interface DoseRef {
  patientId: Id;
  medicationId: Id;
  scheduledFor: Instant;
}

/**
 * What a batch of due reminder jobs needs read, asked for at once: a batch then costs a few queries, not ten per job.
 * Every list may be empty.
 */
export interface ReminderFactsRequest {
  /** Patients, with their follow-up, reminder settings and enabled patient and caregiver accounts. */
  patientIds: Id[];
  /** Every version of these medicines. */
  medicationIds: Id[];
  doses: DoseRef[];
  appointmentIds: Id[];
  /** Patients whose latest check-in time is asked. */
  latestCheckInOf: Id[];
  /** Alerts, with their patient's organisation and that organisation's enabled team (admins and clinicians). */
  alertIds: Id[];
}

/** A patient as a reminder needs them. */
export interface ReminderPatient {
  patient: Patient;
  /** When the follow-up was closed (no more reminders); null while it runs. */
  closedAt: Instant | null;
  /** The patient's own settings; undefined when never saved (the defaults apply). */
  settings: ReminderSettings | undefined;
  /** Enabled patient and caregiver accounts of the patient, oldest first. */
  accounts: User[];
}

/** The answers to a ReminderFactsRequest; what was asked and not found is simply absent. */
export interface ReminderFacts {
  patients: Map<Id, ReminderPatient>;
  /** By medicine: its versions, oldest first, each with the patient it belongs to. */
  medicationVersions: Map<Id, Medication[]>;
  /** The doses asked that have an answer (scheduledFor in the stored form: UTC with milliseconds). */
  answeredDoses: DoseRef[];
  appointments: Map<Id, Appointment>;
  /** By patient: the time of their latest check-in (absent: none yet). */
  latestCheckIns: Map<Id, Instant>;
  alerts: Map<Id, { alert: Alert; orgId: Id }>;
  /** By organisation (of the alerts asked): enabled admins and clinicians, oldest first. */
  teams: Map<Id, User[]>;
}

/** A held job and what it produced, to be completed with others in one commit. */
export interface JobCompletion {
  id: Id;
  output: JobOutput;
}
