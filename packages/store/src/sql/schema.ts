/** The tables as Kysely sees them: snake_case columns, instants and dates as ISO text, JSON as text. */
import type { Generated } from 'kysely';

export interface OrganisationsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  org_id: string;
  email: string;
  /** The e-mail lower-cased in JavaScript, so both dialects fold case the same way. */
  email_key: string;
  name: string;
  role: string;
  password_hash: string;
  language: string;
  patient_id: string | null;
  disabled_at: string | null;
  created_at: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface PatientsTable {
  id: string;
  org_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  date_of_birth: string | null;
  procedure_date: string;
  harvest_site: string;
  marrow_use: string;
  language: string;
  time_zone: string;
  country: string;
  emergency_contact: string | null;
  created_at: string;
}

/**
 * Columns of `patients` added by migration 0003 and kept by triggers (never written by the store's code, so they are
 * not part of PatientsTable: inserts and updates stay as they were). Read by the dashboard queries.
 */
export interface PatientActivityColumns {
  /** The latest check-in. */
  last_check_in_at: string | null;
  /** The latest check-in, else when the record was made. */
  last_activity_at: string;
  /** The plan of the latest enrolment. */
  plan_id: string | null;
  /** Migration 0014: the latest check-ins' pain and temperature, oldest first, as JSON; null before the first. */
  recent_readings: string | null;
}

export interface EnrolmentsTable {
  id: string;
  patient_id: string;
  plan_id: string;
  plan_version: string;
  return_to_work: string | null;
  enrolled_at: string;
  enrolled_by: string;
}

/** One row per medicine; `current_version` is bumped under a row lock so versions never race. */
export interface MedicationsTable {
  id: string;
  patient_id: string;
  current_version: number;
  added_at: string;
}

export interface MedicationVersionsTable {
  medication_id: string;
  version: number;
  name: string;
  kind: string;
  amount: string;
  /** MedicineTiming as JSON text. */
  timing: string;
  reason: string;
  start_date: string;
  end_date: string | null;
  plan_item: string | null;
  effective_from: string;
  stopped_at: string | null;
  changed_by: string;
}

export interface AllergiesTable {
  id: string;
  patient_id: string;
  substance: string;
  reaction: string;
  created_at: string;
}

export interface DoseEventsTable {
  id: string;
  patient_id: string;
  medication_id: string;
  medication_version: number;
  scheduled_for: string | null;
  status: string;
  at: string;
  idempotency_key: string | null;
  recorded_by: string;
}

export interface AppointmentsTable {
  id: string;
  patient_id: string;
  with_whom: string;
  reason: string;
  location: string | null;
  starts_at: string;
  created_by: string;
  created_at: string;
  cancelled_at: string | null;
}

export interface QuestionsTable {
  id: string;
  patient_id: string;
  appointment_id: string | null;
  text: string;
  asked_at: string | null;
  answer: string | null;
  created_at: string;
}

export interface CheckInsTable {
  id: string;
  patient_id: string;
  submitted_at: string;
  /** JSON text, kept byte for byte as stored. */
  payload: string;
  triage: string;
  disposition: string;
  idempotency_key: string | null;
  recorded_by: string;
}

export interface AlertsTable {
  id: string;
  patient_id: string;
  check_in_id: string;
  level: string;
  status: string;
  created_at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  acknowledge_note: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  /** Added by migration 0002. */
  escalated_at: string | null;
}

export interface MessagesTable {
  id: string;
  patient_id: string;
  author_id: string;
  body: string;
  created_at: string;
}

/** Append-only; `seq` keeps insertion order among events with the same instant. */
export interface AuditEventsTable {
  seq: Generated<number>;
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  patient_id: string | null;
  resource_type: string;
  resource_id: string | null;
  ip: string | null;
}

/** Added by migration 0004. */
export interface InvitesTable {
  id: string;
  patient_id: string;
  token_hash: string;
  code_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  patients: PatientsTable;
  enrolments: EnrolmentsTable;
  medications: MedicationsTable;
  medication_versions: MedicationVersionsTable;
  allergies: AllergiesTable;
  dose_events: DoseEventsTable;
  appointments: AppointmentsTable;
  questions: QuestionsTable;
  check_ins: CheckInsTable;
  alerts: AlertsTable;
  messages: MessagesTable;
  audit_events: AuditEventsTable;
  invites: InvitesTable;
}

// --- patient --- (migration 0010; merged into Database above)

/** The patient's own settings that have no column on `patients`; no row means the defaults. */
export interface PatientPreferencesTable {
  patient_id: string;
  /** 'C' or 'F'; null: the default for the patient's country. */
  temperature_unit: string | null;
  updated_at: string;
}

/** A recovery milestone the patient checked off (feels recovered, back at work…): once per kind. */
export interface MilestonesTable {
  id: string;
  patient_id: string;
  kind: string;
  reached_on: string;
  recorded_at: string;
  recorded_by: string;
}

export interface Database {
  patient_preferences: PatientPreferencesTable;
  milestones: MilestonesTable;
}

// --- delivery --- (migration 0006; merged into Database above)

export interface ServerSettingsTable {
  key: string;
  value: string;
  created_at: string;
}

export interface PushSubscriptionsTable {
  id: string;
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  device_label: string | null;
  created_at: string;
}

export interface Database {
  server_settings: ServerSettingsTable;
  push_subscriptions: PushSubscriptionsTable;
}

// --- careteam --- (migration 0008; merged into the interfaces above)

export interface EnrolmentsTable {
  /** The planned day back at work, in the patient's zone. */
  return_to_work_date: string | null;
}

export interface InvitesTable {
  /** Who joins with it: the patient, or a caregiver of the patient. */
  role: Generated<string>;
}

/** Columns of `patients` for a closed follow-up; written only by the careteam store block. */
export interface PatientFollowUpColumns {
  follow_up_closed_at: string | null;
  follow_up_closed_by: string | null;
  follow_up_close_reason: string | null;
  follow_up_close_note: string | null;
}

/** What the care team changed in a patient's plan, for the patient's "plan changes" feed (append-only). */
export interface PlanChangesTable {
  id: string;
  patient_id: string;
  at: string;
  changed_by: string;
  kind: string;
  subject_id: string | null;
  /** JSON text: what the patient reads about the change (names, before and after). */
  details: string;
}

/** How far each person has read a patient's thread ("messages", "plan-changes"). */
export interface ReadMarksTable {
  user_id: string;
  patient_id: string;
  thread: string;
  read_at: string;
}

export interface Database {
  plan_changes: PlanChangesTable;
  read_marks: ReadMarksTable;
}

// --- carry --- (migration 0009; merged into Database above)

/**
 * The column migration 0009 adds to `organisations`: the phone patients call. Not part of OrganisationsTable (merging
 * could not change that property's type): the carry queries see it through `withTables`.
 */
export interface OrganisationPhoneColumns {
  phone: string | null;
}

/** A patient's private calendar feed: only the SHA-256 of the secret in its URL is kept; one live feed per patient. */
export interface CalendarFeedsTable {
  id: string;
  patient_id: string;
  secret_hash: string;
  /** 0 or 1. */
  include_doses: number;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
}

export interface Database {
  calendar_feeds: CalendarFeedsTable;
}

// --- security --- (migration 0007; merged into Database above)

/** Failed sign-ins per account key (SHA-256 of the lower-cased e-mail, so no typed e-mail is kept). */
export interface LoginFailuresTable {
  account_key: string;
  failures: number;
  last_failure_at: string;
}

export interface Database {
  login_failures: LoginFailuresTable;
}

// --- reminders --- (migration 0005; merged into Database above)

export interface JobsTable {
  id: string;
  kind: string;
  dedupe_key: string;
  /** JSON text. */
  payload: string;
  run_at: string;
  status: string;
  attempts: number;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  patient_id: string | null;
  /** 0 or 1. */
  planned: number;
  created_at: string;
  finished_at: string | null;
}

export interface NotificationsTable {
  id: string;
  recipient_id: string;
  patient_id: string | null;
  kind: string;
  title: string;
  body: string;
  link: string;
  created_at: string;
  read_at: string | null;
  job_id: string | null;
}

export interface ReminderSettingsTable {
  patient_id: string;
  check_in_time: string;
  /** 0 or 1. */
  visit_day_before: number;
  visit_hours_before: number;
  dose_repeat_every_minutes: number;
  dose_repeat_times: number;
  updated_at: string;
}

export interface ReminderPlansTable {
  patient_id: string;
  time_zone: string;
  planned_at: string;
}

export interface Database {
  jobs: JobsTable;
  notifications: NotificationsTable;
  reminder_settings: ReminderSettingsTable;
  reminder_plans: ReminderPlansTable;
}

// --- passkeys --- (migration 0012; merged into Database above)

export interface PasskeysTable {
  id: string;
  user_id: string;
  /** base64url, as the authenticator gave it. */
  credential_id: string;
  /** The COSE public key, base64url. */
  public_key: string;
  /** A bigint column: comes back as a string from PostgreSQL. */
  counter: number | string | bigint;
  /** JSON array of transport names. */
  transports: string;
  device_label: string | null;
  created_at: string;
  last_used_at: string | null;
}

export interface WebauthnChallengesTable {
  challenge: string;
  user_id: string | null;
  purpose: string;
  expires_at: string;
}

export interface Database {
  passkeys: PasskeysTable;
  webauthn_challenges: WebauthnChallengesTable;
}
