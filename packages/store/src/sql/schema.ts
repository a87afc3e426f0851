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
