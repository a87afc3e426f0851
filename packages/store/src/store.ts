/** The Store interface: everything Aftercare keeps, independent of the SQL dialect behind it. */

/** ISO 8601 instant in UTC, e.g. "2026-11-25T12:00:00.000Z". */
export type Instant = string;
/** Calendar date "YYYY-MM-DD" (no time zone: it is a day in the patient's own zone). */
export type LocalDate = string;
export type Id = string;

export type Role = 'admin' | 'clinician' | 'patient' | 'caregiver';
export type Language = 'en' | 'es';
export type HarvestSite = 'hip' | 'sternum' | 'both';
/** Donor (allogeneic: given to someone else) or own marrow (autologous). */
export type MarrowUse = 'donor' | 'own';
export type MedicineKind = 'prescription' | 'over-the-counter' | 'vitamin' | 'herb';
export type Disposition = 'emergency' | 'contact-provider' | 'self-care';

export interface Organisation {
  id: Id;
  name: string;
  createdAt: Instant;
}

export interface User {
  id: Id;
  orgId: Id;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  language: Language;
  /** The patient this account belongs to (patient) or cares for (caregiver); null for the care team. */
  patientId: Id | null;
  disabledAt: Instant | null;
  createdAt: Instant;
}

export type NewUser = Omit<User, 'id' | 'createdAt' | 'disabledAt'>;

export interface Session {
  /** SHA-256 of the cookie value: a stolen database does not hand out live sessions. */
  idHash: string;
  userId: Id;
  createdAt: Instant;
  lastSeenAt: Instant;
  /** Absolute expiry; idle expiry is computed from lastSeenAt by the server. */
  expiresAt: Instant;
}

export interface Patient {
  id: Id;
  orgId: Id;
  name: string;
  email: string | null;
  phone: string | null;
  dateOfBirth: LocalDate | null;
  procedureDate: LocalDate;
  harvestSite: HarvestSite;
  marrowUse: MarrowUse;
  language: Language;
  /** IANA time zone, e.g. "America/Chicago". */
  timeZone: string;
  /** ISO 3166-1 alpha-2 country code: decides the emergency number. */
  country: string;
  emergencyContact: string | null;
  createdAt: Instant;
}

export type NewPatient = Omit<Patient, 'id' | 'createdAt'>;

export interface Enrolment {
  id: Id;
  patientId: Id;
  planId: string;
  planVersion: string;
  /** What the care team said about going back to work (free text, the patient's language). */
  returnToWork: string | null;
  enrolledAt: Instant;
  enrolledBy: Id;
}

export type MedicineTiming =
  | { type: 'fixed-times'; times: string[] } // local "HH:MM" times each day
  | { type: 'every-hours'; hours: number }
  | { type: 'as-needed'; minIntervalHours: number; maxPerDay: number };

/**
 * One version of a medicine. Medicines are versioned, never overwritten: an edit adds a version with the
 * same `id` and a higher `version`; a stop sets `endedAt` on a new version. Dose events point at (id, version).
 */
export interface Medication {
  id: Id;
  version: number;
  patientId: Id;
  name: string;
  kind: MedicineKind;
  amount: string;
  timing: MedicineTiming;
  reason: string;
  startDate: LocalDate;
  endDate: LocalDate | null;
  /** Key of the plan medicine it came from (e.g. "pain-relief"), null when added by hand. */
  planItem: string | null;
  /** This version is in effect from this instant; the previous version ends here. */
  effectiveFrom: Instant;
  /** Set on the version that stopped the medicine. */
  stoppedAt: Instant | null;
  changedBy: Id;
}

export type MedicationInput = Omit<
  Medication,
  'id' | 'version' | 'patientId' | 'effectiveFrom' | 'stoppedAt' | 'changedBy'
>;

export interface Allergy {
  id: Id;
  patientId: Id;
  substance: string;
  reaction: string;
  createdAt: Instant;
}

export interface DoseEvent {
  id: Id;
  patientId: Id;
  medicationId: Id;
  medicationVersion: number;
  /** The scheduled instant this dose answers (null for as-needed doses). */
  scheduledFor: Instant | null;
  status: 'taken' | 'skipped';
  /** When it was taken or skipped. */
  at: Instant;
  idempotencyKey: string | null;
  recordedBy: Id;
}

export interface Appointment {
  id: Id;
  patientId: Id;
  withWhom: 'primary-care' | 'hematologist' | 'other';
  /** e.g. "wound-check", "blood-tests", or free text. */
  reason: string;
  location: string | null;
  startsAt: Instant;
  createdBy: Id;
  createdAt: Instant;
  cancelledAt: Instant | null;
}

export interface Question {
  id: Id;
  patientId: Id;
  appointmentId: Id | null;
  text: string;
  askedAt: Instant | null;
  answer: string | null;
  createdAt: Instant;
}

/** A check-in exactly as the patient sent it, with the triage computed when it was stored. */
export interface CheckIn {
  id: Id;
  patientId: Id;
  submittedAt: Instant;
  /** The check-in JSON as accepted by triage (language, text, signs, temperature, pain). */
  payload: unknown;
  /** The TriageResult JSON. */
  triage: unknown;
  disposition: Disposition;
  idempotencyKey: string | null;
  recordedBy: Id;
}

export interface Alert {
  id: Id;
  patientId: Id;
  checkInId: Id;
  level: Exclude<Disposition, 'self-care'>;
  status: 'open' | 'acknowledged' | 'resolved';
  createdAt: Instant;
  acknowledgedBy: Id | null;
  acknowledgedAt: Instant | null;
  acknowledgeNote: string | null;
  resolvedBy: Id | null;
  resolvedAt: Instant | null;
  /** Set when an emergency alert nobody acknowledged in time was raised again to the whole team. */
  escalatedAt: Instant | null;
}

/** An alert with what the care team reads beside it: the patient's name, the check-in, and who acted on it. */
export interface AlertDetail extends Alert {
  patientName: string;
  checkIn: CheckIn;
  acknowledgedByName: string | null;
  resolvedByName: string | null;
}

export interface Message {
  id: Id;
  patientId: Id;
  authorId: Id;
  body: string;
  createdAt: Instant;
}

export interface AuditEvent {
  id: Id;
  at: Instant;
  actorId: Id | null;
  /** e.g. "patient.read", "check-in.create", "session.create". */
  action: string;
  patientId: Id | null;
  resourceType: string;
  resourceId: Id | null;
  /** The caller's address. */
  ip: string | null;
}

export type NewAuditEvent = Omit<AuditEvent, 'id'>;

/**
 * A one-time invitation for a patient to make their login. Only hashes are kept: the link's secret token and the
 * short code the patient can type are SHA-256 hashed, so a copy of the database cannot be used to join.
 */
export interface Invite {
  id: Id;
  patientId: Id;
  /** SHA-256 (hex) of the secret token in the invite link. */
  tokenHash: string;
  /** SHA-256 (hex) of the short code the patient can type instead. */
  codeHash: string;
  createdBy: Id;
  createdAt: Instant;
  expiresAt: Instant;
  usedAt: Instant | null;
  revokedAt: Instant | null;
}

export type NewInvite = Omit<Invite, 'id' | 'usedAt' | 'revokedAt'>;

/** Why a patient is where they are on the dashboard, most urgent first. */
export type Need = 'emergency' | 'contact-provider' | 'quiet' | 'ok';

export interface DashboardQuery {
  orgId: Id;
  /**
   * By plan id: a patient whose last check-in (or, before the first one, their record's creation) is before this
   * instant is quiet. The caller works it out from each plan's check-in window and grace.
   */
  quietBefore: Record<string, Instant>;
  /** The same for patients whose plan is not in `quietBefore` (or who have no plan). */
  defaultQuietBefore: Instant;
  /** Part of the name, in any case (SQLite folds ASCII letters only). */
  search?: string;
  /** Only patients with this need. */
  need?: Need;
  /** Default 100, at most 1000. */
  limit?: number;
  offset?: number;
}

export interface DashboardEntry {
  patient: Patient;
  planId: string | null;
  need: Need;
  /**
   * Unresolved alerts: by level; `unacknowledged` counts those nobody acknowledged yet, `escalated` those of them
   * raised again to the whole team.
   */
  alerts: { emergency: number; contactProvider: number; unacknowledged: number; escalated: number };
  lastCheckInAt: Instant | null;
}

export interface DashboardPage {
  /** Ordered by need: emergency, contact-provider (unacknowledged first, then oldest alert first), quiet (longest quiet first), then the rest by day of recovery (earliest day first). */
  entries: DashboardEntry[];
  /** How many patients match the search, by need (before the `need` filter and paging). */
  counts: Record<Need, number>;
}

/** Range of a listing: newest first, at most `limit` rows. */
export interface Page {
  limit?: number;
  before?: Instant;
}

/**
 * Everything Aftercare stores. Ids are generated by the store (UUID v4). Instants come from the caller
 * (the server's injected clock), never from the database's own clock, so tests control time.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Runs `fn` in one transaction; the store passed to `fn` works inside it. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  ping(): Promise<void>;

  createOrganisation(name: string, at: Instant): Promise<Organisation>;
  getOrganisation(id: Id): Promise<Organisation | undefined>;
  countUsers(): Promise<number>;

  createUser(user: NewUser, at: Instant): Promise<User>;
  getUser(id: Id): Promise<User | undefined>;
  /** E-mail lookup is case-insensitive. */
  getUserByEmail(email: string): Promise<User | undefined>;
  listUsers(orgId: Id): Promise<User[]>;
  setUserDisabled(id: Id, disabledAt: Instant | null): Promise<void>;
  setUserPassword(id: Id, passwordHash: string): Promise<void>;

  createSession(session: Session): Promise<void>;
  getSession(idHash: string): Promise<Session | undefined>;
  touchSession(idHash: string, lastSeenAt: Instant): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  deleteSessionsOfUser(userId: Id): Promise<void>;

  createPatient(patient: NewPatient, at: Instant): Promise<Patient>;
  getPatient(id: Id): Promise<Patient | undefined>;
  listPatients(orgId: Id): Promise<Patient[]>;
  updatePatient(id: Id, changes: Partial<Omit<Patient, 'id' | 'orgId' | 'createdAt'>>): Promise<Patient>;

  createEnrolment(enrolment: Omit<Enrolment, 'id'>): Promise<Enrolment>;
  getEnrolment(patientId: Id): Promise<Enrolment | undefined>;

  /** Adds version 1 of a new medicine. */
  addMedication(patientId: Id, input: MedicationInput, by: Id, at: Instant): Promise<Medication>;
  /** Adds the next version of a medicine with the changes applied. */
  changeMedication(id: Id, changes: Partial<MedicationInput>, by: Id, at: Instant): Promise<Medication>;
  /** Adds a version with `stoppedAt` set. */
  stopMedication(id: Id, by: Id, at: Instant): Promise<Medication>;
  /** The latest version of each medicine of the patient (stopped ones included, with `stoppedAt`). */
  listMedications(patientId: Id): Promise<Medication[]>;
  /** Every version of one medicine, oldest first. */
  medicationHistory(id: Id): Promise<Medication[]>;

  addAllergy(patientId: Id, substance: string, reaction: string, at: Instant): Promise<Allergy>;
  listAllergies(patientId: Id): Promise<Allergy[]>;
  removeAllergy(id: Id): Promise<void>;

  /** Stores a dose event; with an idempotency key already stored for this patient, returns the stored one. */
  recordDose(event: Omit<DoseEvent, 'id'>): Promise<DoseEvent>;
  listDoses(patientId: Id, page?: Page): Promise<DoseEvent[]>;

  addAppointment(appointment: Omit<Appointment, 'id' | 'cancelledAt'>): Promise<Appointment>;
  updateAppointment(
    id: Id,
    changes: Partial<Pick<Appointment, 'withWhom' | 'reason' | 'location' | 'startsAt' | 'cancelledAt'>>,
  ): Promise<Appointment>;
  getAppointment(id: Id): Promise<Appointment | undefined>;
  listAppointments(patientId: Id): Promise<Appointment[]>;

  addQuestion(question: Omit<Question, 'id' | 'askedAt' | 'answer'>): Promise<Question>;
  updateQuestion(
    id: Id,
    changes: Partial<Pick<Question, 'text' | 'askedAt' | 'answer' | 'appointmentId'>>,
  ): Promise<Question>;
  getQuestion(id: Id): Promise<Question | undefined>;
  listQuestions(patientId: Id): Promise<Question[]>;

  /**
   * Stores a check-in and, when its disposition is not self-care, its alert, in one transaction.
   * With an idempotency key already stored for this patient, returns what was stored then, with `replayed` set.
   */
  recordCheckIn(checkIn: Omit<CheckIn, 'id'>): Promise<{ checkIn: CheckIn; alert: Alert | null; replayed: boolean }>;
  listCheckIns(patientId: Id, page?: Page): Promise<CheckIn[]>;

  getAlert(id: Id): Promise<Alert | undefined>;
  listAlerts(filter: { orgId?: Id; patientId?: Id; status?: Alert['status'][] }): Promise<Alert[]>;
  acknowledgeAlert(id: Id, by: Id, note: string, at: Instant): Promise<Alert>;
  resolveAlert(id: Id, by: Id, at: Instant): Promise<Alert>;

  /** Alerts with the patient's name, the check-in and the names of who acted: newest first, at most `limit` (default 100). */
  listAlertDetails(filter: {
    orgId: Id;
    patientId?: Id;
    status?: Alert['status'][];
    limit?: number;
  }): Promise<AlertDetail[]>;
  /**
   * Raises again every open (unacknowledged) emergency alert created at or before `createdBefore` that was not
   * raised again yet: sets `escalatedAt` to `at` and returns those alerts. Each alert is escalated once, even when
   * several processes run this at the same time.
   */
  escalateAlerts(createdBefore: Instant, at: Instant): Promise<Alert[]>;

  /** The care team's dashboard: the organisation's patients ordered by need, a page at a time, in a few queries. */
  listDashboard(query: DashboardQuery): Promise<DashboardPage>;
  /** The latest `perPatient` check-ins of each of these patients, newest first per patient (one query). */
  latestCheckIns(patientIds: Id[], perPatient: number): Promise<CheckIn[]>;
  /** Dose events at or after `since`, counted by patient and status (patients without any are left out). */
  countDoses(patientIds: Id[], since: Instant): Promise<{ patientId: Id; taken: number; skipped: number }[]>;
  /** Questions without an answer, counted by patient (patients without any are left out). */
  countOpenQuestions(patientIds: Id[]): Promise<{ patientId: Id; open: number }[]>;
  /** The users with these ids (unknown ids are left out). */
  getUsers(ids: Id[]): Promise<User[]>;

  addMessage(message: Omit<Message, 'id'>): Promise<Message>;
  listMessages(patientId: Id, page?: Page): Promise<Message[]>;

  createInvite(invite: NewInvite): Promise<Invite>;
  findInviteByTokenHash(tokenHash: string): Promise<Invite | undefined>;
  findInviteByCodeHash(codeHash: string): Promise<Invite | undefined>;
  /**
   * Marks an unused, unrevoked invite used at `at`. Returns true for the one caller that did it: when several try
   * at once, exactly one wins (a single conditional update).
   */
  markInviteUsed(id: Id, at: Instant): Promise<boolean>;
  /** Revokes every unused, unrevoked invite of the patient; returns how many. */
  revokeInvitesOf(patientId: Id, at: Instant): Promise<number>;

  /** Audit events are append-only: there is no update or delete. */
  appendAudit(event: NewAuditEvent): Promise<void>;
  listAudit(filter: { patientId?: Id; actorId?: Id; limit?: number }): Promise<AuditEvent[]>;
}
