/** The Store interface: everything Aftercare keeps, independent of the SQL dialect behind it. */
import type { NewPushSubscription, PushSubscription } from './delivery.ts';
import type {
  AlertToNotify,
  Job,
  JobCompletion,
  JobOutput,
  JobStatus,
  NewJob,
  NewNotification,
  RecipientFilter,
  ReminderFacts,
  ReminderFactsRequest,
  ReminderSettings,
  StoredNotification,
} from './reminders.ts';

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
  /** The plan of the latest enrolment (kept on the patient's row by a trigger); null before the first enrolment. */
  planId: string | null;
}

export type NewPatient = Omit<Patient, 'id' | 'createdAt' | 'planId'>;

export interface Enrolment {
  id: Id;
  patientId: Id;
  planId: string;
  planVersion: string;
  /** What the care team said about going back to work (free text, the patient's language). */
  returnToWork: string | null;
  /** The planned day back at work (the team's guess, in the patient's zone); null when not said. */
  returnToWorkDate: LocalDate | null;
  enrolledAt: Instant;
  enrolledBy: Id;
}

export type NewEnrolment = Omit<Enrolment, 'id' | 'returnToWorkDate'> & { returnToWorkDate?: LocalDate | null };

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
  /** Who joins with it: the patient themself, or a caregiver of the patient (read-only). */
  role: 'patient' | 'caregiver';
}

export type NewInvite = Omit<Invite, 'id' | 'usedAt' | 'revokedAt' | 'role'> & { role?: Invite['role'] };

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
  /** true: only patients whose follow-up is closed; otherwise (the default list) only those still followed up. */
  closed?: boolean;
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
  /** What the trends show of the latest check-ins (up to RECENT_READINGS_KEPT of them), oldest first. */
  recentReadings: RecentReading[];
}

/** A check-in's pain score and temperature as sent, each null when the check-in had no number for it. */
export interface RecentReading {
  pain: number | null;
  temperature: { value: number; unit: 'C' | 'F' } | null;
}

/** The figures of a dashboard page's patients, each list by patient (patients with none are left out), in no order. */
export interface DashboardFigures {
  doses: { patientId: Id; taken: number; skipped: number }[];
  openQuestions: { patientId: Id; open: number }[];
  unreadMessages: { patientId: Id; unread: number }[];
}

export interface DashboardPage {
  /** Ordered by need: emergency, contact-provider (unacknowledged first, then oldest alert first), quiet (longest quiet first), then the rest by day of recovery (earliest day first). */
  entries: DashboardEntry[];
  /** How many patients match the search, by need (before the `need` filter and paging). */
  counts: Record<Need, number>;
}

/**
 * Range of a listing: newest first (by time, then by id), at most `limit` rows. `before` alone keeps rows older than
 * that instant. With `beforeId` too, the page starts right after the row (before, beforeId): rows that share its
 * instant are ordered by id, so paging on from a page's last row neither skips nor repeats any of them.
 */
export interface Page {
  limit?: number;
  before?: Instant;
  beforeId?: Id;
}

/**
 * Everything Aftercare stores. Ids are generated by the store: UUIDs, version 7 (time-ordered) for rows written again
 * and again (check-ins, dose events, alerts, audit events, jobs), version 4 for the rest. Instants come from the caller
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

  createEnrolment(enrolment: NewEnrolment): Promise<Enrolment>;
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
   * With `audit`, appends that audit event in the same commit, naming the stored check-in as its resource (replays too).
   */
  recordCheckIn(
    checkIn: Omit<CheckIn, 'id'>,
    audit?: NewAuditEvent,
  ): Promise<{ checkIn: CheckIn; alert: Alert | null; replayed: boolean }>;
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

  /**
   * The care team's dashboard: the organisation's patients ordered by need, a page at a time, in a few queries.
   * `onFirstEntries` (PostgreSQL): told the ids of the page's first entries when more must still be read, so that the
   * caller can start on those (its figures) meanwhile; the page's entries begin with them, in that order.
   */
  listDashboard(query: DashboardQuery, onFirstEntries?: (patientIds: Id[]) => void): Promise<DashboardPage>;
  /** When each of these patients last checked in (patients who never did are left out), from their own rows. */
  lastCheckInTimes(patientIds: Id[]): Promise<Map<Id, Instant>>;
  /** Dose events at or after `since`, counted by patient and status (patients without any are left out). */
  countDoses(patientIds: Id[], since: Instant): Promise<{ patientId: Id; taken: number; skipped: number }[]>;
  /** Questions without an answer, counted by patient (patients without any are left out). */
  countOpenQuestions(patientIds: Id[]): Promise<{ patientId: Id; open: number }[]>;
  /**
   * countDoses, countOpenQuestions and (with `unread`) countUnreadMessages of the same patients in one go: on
   * PostgreSQL one statement and one round trip instead of three.
   */
  countDashboardFigures(
    patientIds: Id[],
    dosesSince: Instant,
    unread?: { readerId: Id; authorRoles: Role[] },
  ): Promise<DashboardFigures>;
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
  /** Revokes every unused, unrevoked invite of the patient (only those for `role` when given); returns how many. */
  revokeInvitesOf(patientId: Id, at: Instant, role?: Invite['role']): Promise<number>;

  /** Audit events are append-only: there is no update or delete. */
  appendAudit(event: NewAuditEvent): Promise<void>;
  listAudit(filter: { patientId?: Id; actorId?: Id; limit?: number }): Promise<AuditEvent[]>;

  // --- security ---
  /**
   * Counts one more failed sign-in for the account key at `at` (atomically, so several processes count together);
   * failures from before `forgetBefore` are forgotten first. Returns the count after this one.
   */
  recordLoginFailure(key: string, at: Instant, forgetBefore: Instant): Promise<LoginFailures>;
  getLoginFailures(key: string): Promise<LoginFailures | undefined>;
  clearLoginFailures(key: string): Promise<void>;
  /** Ends every session of the user except the one with this hash. */
  deleteOtherSessions(userId: Id, keepIdHash: string): Promise<void>;
  /** The audit trail, filtered, newest first, a page at a time, with each actor's name and role. */
  searchAudit(query: AuditQuery): Promise<AuditPage>;
  /**
   * Erases a patient: every row about them in every table (their logins and sessions too) and the patient row, in
   * one transaction. Audit events stay (they hold ids only). Throws CARE_ERR_NOT_FOUND when there is no such patient.
   */
  erasePatient(id: Id): Promise<ErasureReport>;

  // --- patient ---
  getPatientPreferences(patientId: Id): Promise<PatientPreferences>;
  /** Saves the given preferences (others stay as they were); returns them all. */
  setPatientPreferences(patientId: Id, changes: Partial<PatientPreferences>, at: Instant): Promise<PatientPreferences>;
  /** Adds a milestone; a kind already reached is kept as it was and returned with `created: false`. */
  addMilestone(milestone: Omit<Milestone, 'id'>): Promise<{ milestone: Milestone; created: boolean }>;
  /** Oldest first. */
  listMilestones(patientId: Id): Promise<Milestone[]>;
  /** Takes a check-off back; returns whether there was one. */
  removeMilestone(patientId: Id, kind: MilestoneKind): Promise<boolean>;

  // --- carry ---
  /** The organisation's name and care-team phone. */
  getOrganisationContact(id: Id): Promise<OrganisationContact | undefined>;
  /** Changes the name and/or phone (null clears the phone). */
  updateOrganisationContact(id: Id, changes: { name?: string; phone?: string | null }): Promise<OrganisationContact>;
  /** Revokes the patient's live calendar feed (if any) at `feed.createdAt` and stores this one, in one transaction. */
  replaceCalendarFeed(feed: NewCalendarFeed): Promise<CalendarFeed>;
  /** The live (not revoked) feed with this secret hash. */
  findLiveCalendarFeed(secretHash: string): Promise<CalendarFeed | undefined>;
  /** The patient's live feed. */
  getLiveCalendarFeed(patientId: Id): Promise<CalendarFeed | undefined>;
  /** Revokes the patient's live feed; false when there was none. */
  revokeCalendarFeed(patientId: Id, at: Instant): Promise<boolean>;

  // --- delivery ---
  /** Saves a device's Web Push subscription; an endpoint already known moves to this account (same id). */
  savePushSubscription(subscription: NewPushSubscription, at: Instant): Promise<PushSubscription>;
  /** The account's subscriptions, oldest first. */
  listPushSubscriptions(userId: Id): Promise<PushSubscription[]>;
  /** Removes one subscription (only that account's when `userId` is given); true when there was one. */
  deletePushSubscription(id: Id, userId?: Id): Promise<boolean>;
  getServerSetting(key: string): Promise<string | undefined>;
  /** Keeps `value` unless the key has one; returns the value kept (the first writer's when several race). */
  putServerSettingOnce(key: string, value: string, at: Instant): Promise<string>;
  /** The e-mail of the earliest enabled administrator (the default contact the server gives push services). */
  firstAdminEmail(): Promise<string | undefined>;

  // --- careteam ---
  /** Sets the return-to-work guidance and/or date of the patient's latest enrolment; returns it. */
  updateEnrolment(id: Id, changes: Partial<Pick<Enrolment, 'returnToWork' | 'returnToWorkDate'>>): Promise<Enrolment>;
  /** Whether the patient's follow-up is closed, by whom and why (all null when open). */
  getFollowUp(patientId: Id): Promise<FollowUp>;
  /** Closes (or, with all null, reopens) the follow-up. */
  setFollowUp(patientId: Id, followUp: FollowUp): Promise<FollowUp>;
  addPlanChange(change: Omit<PlanChange, 'id'>): Promise<PlanChange>;
  /** Newest first. */
  listPlanChanges(patientId: Id, page?: Page): Promise<PlanChange[]>;
  /** Marks the thread read up to `at` for this reader (a later mark replaces an earlier one, never the reverse). */
  markRead(userId: Id, patientId: Id, thread: ReadThread, at: Instant): Promise<void>;
  getReadMark(userId: Id, patientId: Id, thread: ReadThread): Promise<Instant | undefined>;
  /**
   * Messages this reader has not read, by patient: written after the reader's mark, by someone else whose role is
   * one of `authorRoles` (patients without any are left out).
   */
  countUnreadMessages(
    readerId: Id,
    patientIds: Id[],
    authorRoles: Role[],
  ): Promise<{ patientId: Id; unread: number }[]>;
  /** The caregiver accounts of a patient that are not disabled, oldest first. */
  listCaregivers(patientId: Id): Promise<User[]>;

  // --- reminders --- (durable jobs, the inbox, reminder settings; the SQL lives in jobs- and notifications-queries.ts)
  /** Adds the jobs whose dedupe key is new; returns how many were added. */
  enqueueJobs(jobs: NewJob[], at: Instant): Promise<number>;
  /**
   * In one transaction: the patient's planned jobs become `wanted` (added, moved, or revived), waiting planned jobs
   * due after `at` that are not wanted are cancelled, and the zone planned in is recorded. Jobs being run are left alone.
   */
  replanJobs(patientId: Id, wanted: NewJob[], at: Instant, timeZone: string): Promise<{ cancelled: number }>;
  /** Leases up to `limit` due jobs for `owner` until `leaseUntil`; no two callers get the same job, across processes. */
  claimJobs(owner: string, now: Instant, leaseUntil: Instant, limit: number): Promise<Job[]>;
  /** Marks a held job done and stores its output in one transaction; null (nothing stored) when `owner` lost it. */
  completeJob(id: Id, owner: string, output: JobOutput, at: Instant): Promise<StoredNotification[] | null>;
  /** completeJob for many jobs of one `owner` in one transaction; in the order given, null for each job it lost. */
  completeJobs(owner: string, completions: JobCompletion[], at: Instant): Promise<(StoredNotification[] | null)[]>;
  /** What a batch of due reminder jobs needs read (patients, medicines, doses, visits, check-ins, alerts), at once. */
  reminderFacts(request: ReminderFactsRequest): Promise<ReminderFacts>;
  /** Gives a held job back to run again at `runAt`, or fails it for good (`final`); false when `owner` lost it. */
  releaseJob(
    id: Id,
    owner: string,
    change: { runAt: Instant; error: string; final: boolean },
    at: Instant,
  ): Promise<boolean>;
  getJob(id: Id): Promise<Job | undefined>;
  /** By due time; at most `limit` (default 1000). */
  listJobs(filter: { patientId?: Id; kind?: string; status?: JobStatus[]; limit?: number }): Promise<Job[]>;
  /** Patients never planned, planned in another zone than their own now, or planned before `plannedBefore`. */
  patientsToPlan(plannedBefore: Instant, limit: number): Promise<{ patientId: Id; timeZone: string }[]>;
  /** Alerts created or escalated at or after `since` with no job telling the team yet. */
  alertsToNotify(since: Instant): Promise<AlertToNotify[]>;
  /** Whether a dose (taken or skipped) answers this medicine's dose scheduled at `scheduledFor`. */
  hasDoseAnswer(patientId: Id, medicationId: Id, scheduledFor: Instant): Promise<boolean>;
  /** Enabled accounts with these roles, of a patient or of an organisation, oldest first. */
  listRecipients(filter: RecipientFilter): Promise<User[]>;
  /** Stores inbox rows made outside a job (one per job and recipient still holds); returns those added. */
  addNotifications(notifications: NewNotification[]): Promise<StoredNotification[]>;
  /** A person's inbox, newest first (default 50, at most 500). */
  listNotifications(recipientId: Id, page?: Page): Promise<StoredNotification[]>;
  countUnreadNotifications(recipientId: Id): Promise<number>;
  getNotification(id: Id): Promise<StoredNotification | undefined>;
  /** Marks one of the recipient's notifications read; false when it is not theirs. */
  markNotificationRead(id: Id, recipientId: Id, at: Instant): Promise<boolean>;
  /** Returns how many were unread. */
  markAllNotificationsRead(recipientId: Id, at: Instant): Promise<number>;
  /** The patient's own settings; undefined when never saved (the defaults apply). */
  getReminderSettings(patientId: Id): Promise<ReminderSettings | undefined>;
  putReminderSettings(patientId: Id, settings: ReminderSettings, at: Instant): Promise<ReminderSettings>;

  // --- passkeys --- (WebAuthn credentials and challenges; the SQL lives in passkeys-queries.ts)
  /** Saves a new passkey; CARE_ERR_CONFLICT when its credential id is already saved (for any account). */
  addPasskey(passkey: NewPasskey): Promise<Passkey>;
  /** This account's passkeys, oldest first. */
  listPasskeys(userId: Id): Promise<Passkey[]>;
  getPasskeyByCredentialId(credentialId: string): Promise<Passkey | undefined>;
  /** Records a sign-in: false (nothing changed) when the counter did not grow, the sign of a cloned authenticator. */
  notePasskeyUse(id: Id, counter: number, at: Instant): Promise<boolean>;
  /** Removes one of this account's passkeys; false when it is not theirs or does not exist. */
  deletePasskey(id: Id, userId: Id): Promise<boolean>;
  /** Stores a challenge handed out at `at` (and forgets expired ones). */
  saveWebauthnChallenge(challenge: WebauthnChallenge, at: Instant): Promise<void>;
  /** Takes a challenge out, once: undefined when unknown, for another purpose, already used or expired at `at`. */
  takeWebauthnChallenge(
    challenge: string,
    purpose: WebauthnPurpose,
    at: Instant,
  ): Promise<WebauthnChallenge | undefined>;
}

// --- patient --- (the patient app: preferences and recovery milestones)

export type TemperatureUnit = 'C' | 'F';

/** The patient's settings that are not on Patient itself. */
export interface PatientPreferences {
  /** null: the default for the patient's country (°F in the United States, else °C). */
  temperatureUnit: TemperatureUnit | null;
}

export type MilestoneKind = 'feels-recovered' | 'returned-to-work' | 'back-to-normal-activities';

/** A step of recovery the patient checked off; each kind at most once per patient. */
export interface Milestone {
  id: Id;
  patientId: Id;
  kind: MilestoneKind;
  /** The day it was reached, in the patient's time zone. */
  reachedOn: LocalDate;
  recordedAt: Instant;
  recordedBy: Id;
}

// --- carry ---

/** The care team as the patient's list to carry shows it: the organisation's name and the phone patients call. */
export interface OrganisationContact {
  id: Id;
  name: string;
  phone: string | null;
}

/**
 * A patient's private calendar feed (visits, optionally dose times). Only the SHA-256 of the secret in its URL is
 * kept; making a new feed revokes the old one, so a patient has at most one live feed.
 */
export interface CalendarFeed {
  id: Id;
  patientId: Id;
  /** SHA-256 (hex) of the secret in the feed's URL. */
  secretHash: string;
  includeDoses: boolean;
  createdBy: Id;
  createdAt: Instant;
  revokedAt: Instant | null;
}

export type NewCalendarFeed = Omit<CalendarFeed, 'id' | 'revokedAt'>;

// --- security --- (sign-in throttling, the audit trail's readers, erasing a patient)

/** Failed sign-ins for one account key (a hash of the e-mail) since its last success. */
export interface LoginFailures {
  failures: number;
  lastFailureAt: Instant;
}

/** Filters of the audit trail; `before` is the `nextBefore` cursor of the previous page. */
export interface AuditQuery {
  /** Only events by an account of this organisation or about one of its patients. */
  orgId?: Id;
  actorId?: Id;
  patientId?: Id;
  action?: string;
  /** At or after this instant. */
  from?: Instant;
  /** Before this instant. */
  to?: Instant;
  /** Default 50, at most 500. */
  limit?: number;
  before?: string;
}

/** An audit event with who its actor is (null when the account no longer exists). */
export interface AuditEntry extends AuditEvent {
  actorName: string | null;
  actorRole: Role | null;
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  /** The cursor for the next (older) page; null on the last page. */
  nextBefore: string | null;
}

/** How many rows of each table an erasure removed. */
export type ErasureReport = Record<string, number>;

// --- delivery ---
export type { NewPushSubscription, PushSubscription } from './delivery.ts';

// --- careteam --- (plan changes the patient sees, read marks, a closed follow-up)

export type PlanChangeKind =
  | 'medicine-added'
  | 'medicine-changed'
  | 'medicine-stopped'
  | 'allergy-added'
  | 'allergy-removed'
  | 'visit-added'
  | 'visit-changed'
  | 'visit-cancelled'
  | 'return-to-work-changed'
  | 'follow-up-closed'
  | 'follow-up-reopened';

/** One change the care team made to a patient's plan; the feed is append-only. */
export interface PlanChange {
  id: Id;
  patientId: Id;
  at: Instant;
  changedBy: Id;
  kind: PlanChangeKind;
  /** The medicine, allergy or visit changed; null for the enrolment itself. */
  subjectId: Id | null;
  /** What the patient reads about it: e.g. { name, before: { amount }, after: { amount } } (JSON). */
  details: Record<string, unknown>;
}

export type ReadThread = 'messages' | 'plan-changes';

export interface FollowUp {
  closedAt: Instant | null;
  closedBy: Id | null;
  reason: 'recovered' | 'other' | null;
  note: string | null;
}

// --- reminders ---
export type {
  AlertToNotify,
  DoseRef,
  Job,
  JobCompletion,
  JobOutput,
  JobStatus,
  NewJob,
  NewNotification,
  RecipientFilter,
  ReminderFacts,
  ReminderFactsRequest,
  ReminderPatient,
  ReminderSettings,
  StoredNotification,
} from './reminders.ts';

// --- passkeys --- (WebAuthn credentials and their one-use challenges; the SQL lives in passkeys-queries.ts)

/** A passkey of an account: what the server needs to check a sign-in with it. */
export interface Passkey {
  id: Id;
  userId: Id;
  /** base64url, as the authenticator gave it; unique. */
  credentialId: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  /** The authenticator's signature counter at the last use (0 when it keeps none). */
  counter: number;
  /** How the browser may reach the authenticator ("internal", "usb", "hybrid"…). */
  transports: string[];
  deviceLabel: string | null;
  createdAt: Instant;
  lastUsedAt: Instant | null;
}

export type NewPasskey = Omit<Passkey, 'id' | 'lastUsedAt'>;

export type WebauthnPurpose = 'register' | 'sign-in';

/** A challenge the server handed out; it works once, before it expires. */
export interface WebauthnChallenge {
  /** base64url. */
  challenge: string;
  /** The account adding a passkey; null for a sign-in (the passkey says who it is). */
  userId: Id | null;
  purpose: WebauthnPurpose;
  expiresAt: Instant;
}
