/**
 * The Store over SQL through Kysely: one implementation for SQLite and PostgreSQL, with no dialect branches (but for
 * one capability: writing a check-in in one go, see check-in-write.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { AftercareError } from '@aftercare/core';
import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type {
  Alert,
  AlertDetail,
  Allergy,
  Appointment,
  AuditEvent,
  CheckIn,
  DashboardFigures,
  DashboardPage,
  DashboardQuery,
  DoseEvent,
  Enrolment,
  Id,
  Instant,
  Invite,
  Medication,
  MedicationInput,
  Message,
  Milestone,
  MilestoneKind,
  NewAuditEvent,
  NewEnrolment,
  NewInvite,
  NewPatient,
  NewUser,
  Organisation,
  Page,
  Patient,
  PatientPreferences,
  Question,
  Session,
  Store,
  User,
  CalendarFeed,
  NewCalendarFeed,
  OrganisationContact,
} from '../store.ts';
import type { FollowUp, PlanChange, ReadThread, Role } from '../store.ts';
import type { DialectName, SqlConnection } from './dialects/dialect.ts';
import * as careTeam from './care-team-queries.ts';
import * as careteam from './careteam-queries.ts';
import * as carryQueries from './carry-queries.ts';
import * as checkInWrite from './check-in-write.ts';
import * as delivery from './delivery-queries.ts';
import type { NewPushSubscription, PushSubscription } from '../delivery.ts';
import * as patientQueries from './patient-queries.ts';
import * as jobQueries from './jobs-queries.ts';
import * as reminderFactsQueries from './reminder-facts-queries.ts';
import * as notificationQueries from './notifications-queries.ts';
import * as passkeyQueries from './passkeys-queries.ts';
import type { NewPasskey, Passkey, WebauthnChallenge, WebauthnPurpose } from '../store.ts';
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
} from '../reminders.ts';
import * as securityQueries from './security-queries.ts';
import type { AuditPage, AuditQuery, ErasureReport, LoginFailures } from '../store.ts';
import { withTranslatedErrors } from './errors.ts';
import { inTransaction } from './transaction.ts';
import { migrateToLatest } from './migrations/index.ts';
import { olderThan } from './paging.ts';
import {
  appointmentColumns,
  emailKey,
  medicationColumns,
  patientColumns,
  questionColumns,
  toAlert,
  toAllergy,
  toAppointment,
  toAuditEvent,
  toCheckIn,
  toDoseEvent,
  toEnrolment,
  toInvite,
  toInstant,
  toJsonText,
  toMedication,
  toMessage,
  toOptionalInstant,
  toOrganisation,
  toPatient,
  toQuestion,
  toSession,
  toUser,
} from './rows.ts';
import { timeOrderedId } from './time-ordered-id.ts';
import type { Database, MedicationVersionsTable } from './schema.ts';

/** Listings return at most this many rows unless asked for fewer (and never more than MAX_LIMIT). */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/**
 * Opens the Store over a connection. Every database failure surfaces as an AftercareError.
 *
 * @example
 * const store = createSqlStore(openSqlite('./data/aftercare.db'));
 * await store.migrate();
 */
export function createSqlStore(connection: SqlConnection): SqlStore {
  const store = new SqlStore(connection, connection.db);
  return withTranslatedErrors(store, connection.classify, (args) => {
    refuseUseInsideOwnTransaction(store);
    refuseNulCharacters(args);
  });
}

/**
 * PostgreSQL cannot store U+0000 in text and SQLite can: refuse it everywhere so both dialects behave alike. Every
 * store call's arguments pass here, so it walks them with plain loops (no callback per value).
 */
function refuseNulCharacters(value: unknown): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) {
      throw new AftercareError(
        'CARE_ERR_BAD_INPUT',
        'Some text holds an invisible NUL character: remove it and try again.',
      );
    }
  } else if (Array.isArray(value)) {
    for (const item of value) {
      refuseNulCharacters(item);
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) {
      refuseNulCharacters(item);
    }
  }
}

/**
 * The root store whose transaction the current async context is running in. While any AsyncLocalStorage is enabled,
 * Node 20 runs hooks on every promise of the process: 30 to 60 µs more CPU per request (5 to 8%), for every request.
 * So the scope is enabled only while a transaction runs, and disabled when the last one ends.
 */
const transactionScope = new AsyncLocalStorage<SqlStore>();
let runningTransactions = 0;

async function inTransactionScope<T>(store: SqlStore, run: () => Promise<T>): Promise<T> {
  runningTransactions += 1;
  try {
    return await transactionScope.run(store, run);
  } finally {
    runningTransactions -= 1;
    if (runningTransactions === 0) {
      transactionScope.disable();
    }
  }
}

/**
 * Inside `transaction(fn)`, `fn` must use the store it is given. The outer store would run outside the transaction,
 * and on SQLite would wait forever for the one connection the transaction holds: fail fast, in both dialects.
 */
function refuseUseInsideOwnTransaction(store: SqlStore): void {
  if (transactionScope.getStore() === store) {
    throw new Error('Inside store.transaction(fn), use the store passed to fn, not the outer store.');
  }
}

export class SqlStore implements Store {
  readonly dialect: DialectName;

  /** Kysely bound to the root database or to one transaction; outside this file only for tests. */
  constructor(
    private readonly connection: SqlConnection,
    readonly db: Kysely<Database>,
  ) {
    this.dialect = connection.name;
  }

  async migrate(): Promise<void> {
    await migrateToLatest(this.db, this.dialect);
  }

  private closed = false;

  /** Closing twice is harmless; a transaction's store does not own the connection and closes nothing. */
  async close(): Promise<void> {
    if (!this.db.isTransaction && !this.closed) {
      this.closed = true;
      await this.db.destroy();
    }
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) {
      return fn(this.bound(this.db));
    }
    return inTransactionScope(this, () => this.db.transaction().execute((trx) => fn(this.bound(trx))));
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  // --- organisations and users ---

  async createOrganisation(name: string, at: Instant): Promise<Organisation> {
    const row = { id: randomUUID(), name, created_at: toInstant(at) };
    await this.db.insertInto('organisations').values(row).execute();
    return toOrganisation(row);
  }

  async getOrganisation(id: Id): Promise<Organisation | undefined> {
    const row = await this.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toOrganisation(row);
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async createUser(user: NewUser, at: Instant): Promise<User> {
    const row = {
      id: randomUUID(),
      org_id: user.orgId,
      email: user.email,
      email_key: emailKey(user.email),
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
      language: user.language,
      patient_id: user.patientId,
      disabled_at: null,
      created_at: toInstant(at),
    };
    try {
      await this.db.insertInto('users').values(row).execute();
    } catch (error) {
      if (this.connection.classify(error) === 'unique') {
        throw new AftercareError('CARE_ERR_CONFLICT', 'An account with this e-mail address already exists.', [
          { path: 'email', message: 'already in use' },
        ]);
      }
      throw error;
    }
    return toUser(row);
  }

  async getUser(id: Id): Promise<User | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  }

  async getUserByEmail(email: string): Promise<User | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('email_key', '=', emailKey(email))
      .executeTakeFirst();
    return row && toUser(row);
  }

  async listUsers(orgId: Id): Promise<User[]> {
    const rows = await this.db
      .selectFrom('users')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toUser);
  }

  async setUserDisabled(id: Id, disabledAt: Instant | null): Promise<void> {
    const result = await this.db
      .updateTable('users')
      .set({ disabled_at: toOptionalInstant(disabledAt) })
      .where('id', '=', id)
      .executeTakeFirst();
    requireUpdated(result.numUpdatedRows, 'account');
  }

  async setUserPassword(id: Id, passwordHash: string): Promise<void> {
    const result = await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', id)
      .executeTakeFirst();
    requireUpdated(result.numUpdatedRows, 'account');
  }

  // --- sessions ---

  async createSession(session: Session): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: session.idHash,
        user_id: session.userId,
        created_at: toInstant(session.createdAt),
        last_seen_at: toInstant(session.lastSeenAt),
        expires_at: toInstant(session.expiresAt),
      })
      .execute();
  }

  async getSession(idHash: string): Promise<Session | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    return row && toSession(row);
  }

  /** A session deleted meanwhile (logout in another tab) is not an error. */
  async touchSession(idHash: string, lastSeenAt: Instant): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: toInstant(lastSeenAt) })
      .where('id_hash', '=', idHash)
      .execute();
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteSessionsOfUser(userId: Id): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  // --- patients and enrolment ---

  async createPatient(patient: NewPatient, at: Instant): Promise<Patient> {
    const row = {
      id: randomUUID(),
      org_id: patient.orgId,
      name: patient.name,
      email: patient.email,
      phone: patient.phone,
      date_of_birth: patient.dateOfBirth,
      procedure_date: patient.procedureDate,
      harvest_site: patient.harvestSite,
      marrow_use: patient.marrowUse,
      language: patient.language,
      time_zone: patient.timeZone,
      country: patient.country,
      emergency_contact: patient.emergencyContact,
      created_at: toInstant(at),
    };
    await this.db.insertInto('patients').values(row).execute();
    return toPatient(row);
  }

  async getPatient(id: Id): Promise<Patient | undefined> {
    const row = await this.db.selectFrom('patients').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toPatient(row);
  }

  /** Oldest first (text collation differs between dialects, so names are sorted by the caller if wanted). */
  async listPatients(orgId: Id): Promise<Patient[]> {
    const rows = await this.db
      .selectFrom('patients')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toPatient);
  }

  async updatePatient(id: Id, changes: Partial<Omit<Patient, 'id' | 'orgId' | 'createdAt'>>): Promise<Patient> {
    const columns = patientColumns(changes);
    if (Object.keys(columns).length > 0) {
      const result = await this.db.updateTable('patients').set(columns).where('id', '=', id).executeTakeFirst();
      requireUpdated(result.numUpdatedRows, 'patient');
    }
    return required(await this.getPatient(id), 'patient');
  }

  async createEnrolment(enrolment: NewEnrolment): Promise<Enrolment> {
    const row = {
      id: randomUUID(),
      patient_id: enrolment.patientId,
      plan_id: enrolment.planId,
      plan_version: enrolment.planVersion,
      return_to_work: enrolment.returnToWork,
      return_to_work_date: enrolment.returnToWorkDate ?? null,
      enrolled_at: toInstant(enrolment.enrolledAt),
      enrolled_by: enrolment.enrolledBy,
    };
    await this.db.insertInto('enrolments').values(row).execute();
    return toEnrolment(row);
  }

  /** The latest enrolment: a patient moved to a newer plan version keeps the older enrolments on record. */
  async getEnrolment(patientId: Id): Promise<Enrolment | undefined> {
    const row = await this.db
      .selectFrom('enrolments')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('enrolled_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row && toEnrolment(row);
  }

  // --- medications (versioned) ---

  async addMedication(patientId: Id, input: MedicationInput, by: Id, at: Instant): Promise<Medication> {
    const id = randomUUID();
    const effectiveFrom = toInstant(at);
    const row: Selectable<MedicationVersionsTable> = {
      medication_id: id,
      version: 1,
      name: input.name,
      kind: input.kind,
      amount: input.amount,
      timing: toJsonText(input.timing),
      reason: input.reason,
      start_date: input.startDate,
      end_date: input.endDate,
      plan_item: input.planItem,
      effective_from: effectiveFrom,
      stopped_at: null,
      changed_by: by,
    };
    await this.inTransaction(async (db) => {
      await db
        .insertInto('medications')
        .values({ id, patient_id: patientId, current_version: 1, added_at: effectiveFrom })
        .execute();
      await db.insertInto('medication_versions').values(row).execute();
    });
    return toMedication(row, patientId);
  }

  async changeMedication(id: Id, changes: Partial<MedicationInput>, by: Id, at: Instant): Promise<Medication> {
    return this.appendMedicationVersion(id, by, at, (latest) => {
      if (latest.stopped_at !== null) {
        throw new AftercareError(
          'CARE_ERR_CONFLICT',
          'This medicine was stopped: add it again instead of changing it.',
        );
      }
      return medicationColumns(changes);
    });
  }

  /** Stopping a stopped medicine returns the stopped version (a double click adds nothing). */
  async stopMedication(id: Id, by: Id, at: Instant): Promise<Medication> {
    const stoppedAt = toInstant(at);
    return this.appendMedicationVersion(id, by, at, (latest) =>
      latest.stopped_at === null ? { stopped_at: stoppedAt } : undefined,
    );
  }

  async listMedications(patientId: Id): Promise<Medication[]> {
    const rows = await this.db
      .selectFrom('medications as m')
      .innerJoin('medication_versions as v', (join) =>
        join.onRef('v.medication_id', '=', 'm.id').onRef('v.version', '=', 'm.current_version'),
      )
      .selectAll('v')
      .where('m.patient_id', '=', patientId)
      .orderBy('m.added_at')
      .orderBy('m.id')
      .execute();
    return rows.map((row) => toMedication(row, patientId));
  }

  async medicationHistory(id: Id): Promise<Medication[]> {
    const rows = await this.db
      .selectFrom('medication_versions as v')
      .innerJoin('medications as m', 'm.id', 'v.medication_id')
      .selectAll('v')
      .select('m.patient_id')
      .where('v.medication_id', '=', id)
      .orderBy('v.version')
      .execute();
    return rows.map((row) => toMedication(row, row.patient_id));
  }

  /**
   * Adds the next version of a medicine. The no-op update locks the medicine's row first, so concurrent edits
   * queue up and each builds on the one before (PostgreSQL row lock; SQLite has a single writer anyway).
   * `change` returns the columns to change, or undefined to keep the latest version as it is.
   */
  private async appendMedicationVersion(
    id: Id,
    by: Id,
    at: Instant,
    change: (latest: Selectable<MedicationVersionsTable>) => Partial<MedicationVersionsTable> | undefined,
  ): Promise<Medication> {
    const effectiveFrom = toInstant(at);
    return this.inTransaction(async (db) => {
      const medicine = await db
        .updateTable('medications')
        .set((eb) => ({ current_version: eb.ref('current_version') }))
        .where('id', '=', id)
        .returning(['patient_id', 'current_version'])
        .executeTakeFirst();
      if (medicine === undefined) {
        throw notFound('medicine');
      }
      const latest = await db
        .selectFrom('medication_versions')
        .selectAll()
        .where('medication_id', '=', id)
        .where('version', '=', medicine.current_version)
        .executeTakeFirstOrThrow();
      const columns = change(latest);
      if (columns === undefined) {
        return toMedication(latest, medicine.patient_id);
      }
      if (effectiveFrom < latest.effective_from) {
        throw new AftercareError('CARE_ERR_BAD_INPUT', 'A change cannot take effect before the version it replaces.');
      }
      const next: Selectable<MedicationVersionsTable> = {
        ...latest,
        ...columns,
        version: latest.version + 1,
        effective_from: effectiveFrom,
        changed_by: by,
      };
      await db.insertInto('medication_versions').values(next).execute();
      await db.updateTable('medications').set({ current_version: next.version }).where('id', '=', id).execute();
      return toMedication(next, medicine.patient_id);
    });
  }

  // --- allergies ---

  async addAllergy(patientId: Id, substance: string, reaction: string, at: Instant): Promise<Allergy> {
    const row = { id: randomUUID(), patient_id: patientId, substance, reaction, created_at: toInstant(at) };
    await this.db.insertInto('allergies').values(row).execute();
    return toAllergy(row);
  }

  async listAllergies(patientId: Id): Promise<Allergy[]> {
    const rows = await this.db
      .selectFrom('allergies')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toAllergy);
  }

  async removeAllergy(id: Id): Promise<void> {
    const result = await this.db.deleteFrom('allergies').where('id', '=', id).executeTakeFirst();
    requireUpdated(result.numDeletedRows, 'allergy');
  }

  // --- doses ---

  async recordDose(event: Omit<DoseEvent, 'id'>): Promise<DoseEvent> {
    const row = {
      // Logged several times a day per patient, like check-ins: time-ordered ids grow the id index at its end.
      id: timeOrderedId(),
      patient_id: event.patientId,
      medication_id: event.medicationId,
      medication_version: event.medicationVersion,
      scheduled_for: toOptionalInstant(event.scheduledFor),
      status: event.status,
      at: toInstant(event.at),
      idempotency_key: event.idempotencyKey,
      recorded_by: event.recordedBy,
    };
    return this.inTransaction(async (db) => {
      const medicine = await db
        .selectFrom('medications')
        .select('id')
        .where('id', '=', event.medicationId)
        .where('patient_id', '=', event.patientId)
        .executeTakeFirst();
      if (medicine === undefined) {
        throw notFound('medicine');
      }
      if (row.idempotency_key === null) {
        await db.insertInto('dose_events').values(row).execute();
        return toDoseEvent(row);
      }
      // A replay (same key) inserts nothing and gets the stored row; a concurrent replay waits for the first.
      const inserted = await db
        .insertInto('dose_events')
        .values(row)
        .onConflict((oc) => oc.columns(['patient_id', 'idempotency_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted !== undefined) {
        return toDoseEvent(row);
      }
      const stored = await db
        .selectFrom('dose_events')
        .selectAll()
        .where('patient_id', '=', row.patient_id)
        .where('idempotency_key', '=', row.idempotency_key)
        .executeTakeFirstOrThrow();
      return toDoseEvent(stored);
    });
  }

  async listDoses(patientId: Id, page?: Page): Promise<DoseEvent[]> {
    let query = this.db.selectFrom('dose_events').selectAll().where('patient_id', '=', patientId);
    const older = olderThan('at', page);
    if (older !== undefined) {
      query = query.where(older);
    }
    const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limitOf(page?.limit)).execute();
    return rows.map(toDoseEvent);
  }

  // --- appointments and questions ---

  async addAppointment(appointment: Omit<Appointment, 'id' | 'cancelledAt'>): Promise<Appointment> {
    const row = {
      id: randomUUID(),
      patient_id: appointment.patientId,
      with_whom: appointment.withWhom,
      reason: appointment.reason,
      location: appointment.location,
      starts_at: toInstant(appointment.startsAt),
      created_by: appointment.createdBy,
      created_at: toInstant(appointment.createdAt),
      cancelled_at: null,
    };
    await this.db.insertInto('appointments').values(row).execute();
    return toAppointment(row);
  }

  async updateAppointment(
    id: Id,
    changes: Partial<Pick<Appointment, 'withWhom' | 'reason' | 'location' | 'startsAt' | 'cancelledAt'>>,
  ): Promise<Appointment> {
    const columns = appointmentColumns(changes);
    if (Object.keys(columns).length > 0) {
      const result = await this.db.updateTable('appointments').set(columns).where('id', '=', id).executeTakeFirst();
      requireUpdated(result.numUpdatedRows, 'appointment');
    }
    return required(await this.getAppointment(id), 'appointment');
  }

  async getAppointment(id: Id): Promise<Appointment | undefined> {
    const row = await this.db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAppointment(row);
  }

  /** Soonest first; cancelled ones included (with `cancelledAt`). */
  async listAppointments(patientId: Id): Promise<Appointment[]> {
    const rows = await this.db
      .selectFrom('appointments')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('starts_at')
      .orderBy('id')
      .execute();
    return rows.map(toAppointment);
  }

  async addQuestion(question: Omit<Question, 'id' | 'askedAt' | 'answer'>): Promise<Question> {
    const row = {
      id: randomUUID(),
      patient_id: question.patientId,
      appointment_id: question.appointmentId,
      text: question.text,
      asked_at: null,
      answer: null,
      created_at: toInstant(question.createdAt),
    };
    await this.db.insertInto('questions').values(row).execute();
    return toQuestion(row);
  }

  async updateQuestion(
    id: Id,
    changes: Partial<Pick<Question, 'text' | 'askedAt' | 'answer' | 'appointmentId'>>,
  ): Promise<Question> {
    const columns = questionColumns(changes);
    if (Object.keys(columns).length > 0) {
      const result = await this.db.updateTable('questions').set(columns).where('id', '=', id).executeTakeFirst();
      requireUpdated(result.numUpdatedRows, 'question');
    }
    return required(await this.getQuestion(id), 'question');
  }

  async getQuestion(id: Id): Promise<Question | undefined> {
    const row = await this.db.selectFrom('questions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toQuestion(row);
  }

  /** Oldest first, in the order the patient wrote them down. */
  async listQuestions(patientId: Id): Promise<Question[]> {
    const rows = await this.db
      .selectFrom('questions')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toQuestion);
  }

  // --- check-ins and alerts ---

  /** The check-in, its alert and its audit event in one commit, in one go on both dialects (check-in-write.ts). */
  async recordCheckIn(
    checkIn: Omit<CheckIn, 'id'>,
    audit?: NewAuditEvent,
  ): Promise<{ checkIn: CheckIn; alert: Alert | null; replayed: boolean }> {
    return checkInWrite.recordCheckIn(this.db, this.connection, checkIn, audit);
  }

  async listCheckIns(patientId: Id, page?: Page): Promise<CheckIn[]> {
    let query = this.db.selectFrom('check_ins').selectAll().where('patient_id', '=', patientId);
    const older = olderThan('submitted_at', page);
    if (older !== undefined) {
      query = query.where(older);
    }
    const rows = await query
      .orderBy('submitted_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limitOf(page?.limit))
      .execute();
    return rows.map(toCheckIn);
  }

  async getAlert(id: Id): Promise<Alert | undefined> {
    const row = await this.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAlert(row);
  }

  /** Newest first. An empty `status` list matches nothing. */
  async listAlerts(filter: { orgId?: Id; patientId?: Id; status?: Alert['status'][] }): Promise<Alert[]> {
    if (filter.status?.length === 0) {
      return [];
    }
    let query = this.db.selectFrom('alerts as a').selectAll('a');
    if (filter.orgId !== undefined) {
      query = query.innerJoin('patients as p', 'p.id', 'a.patient_id').where('p.org_id', '=', filter.orgId);
    }
    if (filter.patientId !== undefined) {
      query = query.where('a.patient_id', '=', filter.patientId);
    }
    if (filter.status !== undefined) {
      query = query.where('a.status', 'in', filter.status);
    }
    const rows = await query.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').execute();
    return rows.map(toAlert);
  }

  /** Only an open alert can be acknowledged: a second clinician learns that someone else already has. */
  async acknowledgeAlert(id: Id, by: Id, note: string, at: Instant): Promise<Alert> {
    const row = await this.db
      .updateTable('alerts')
      .set({ status: 'acknowledged', acknowledged_by: by, acknowledged_at: toInstant(at), acknowledge_note: note })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .returningAll()
      .executeTakeFirst();
    return row ? toAlert(row) : this.refuseAlertChange(id);
  }

  async resolveAlert(id: Id, by: Id, at: Instant): Promise<Alert> {
    const row = await this.db
      .updateTable('alerts')
      .set({ status: 'resolved', resolved_by: by, resolved_at: toInstant(at) })
      .where('id', '=', id)
      .where('status', 'in', ['open', 'acknowledged'])
      .returningAll()
      .executeTakeFirst();
    return row ? toAlert(row) : this.refuseAlertChange(id);
  }

  private async refuseAlertChange(id: Id): Promise<never> {
    const alert = required(await this.getAlert(id), 'alert');
    throw new AftercareError(
      'CARE_ERR_CONFLICT',
      alert.status === 'resolved' ? 'This alert is already resolved.' : 'This alert was already acknowledged.',
    );
  }

  // --- care team: dashboard, alert details, escalation (the SQL lives in care-team-queries.ts) ---

  async listAlertDetails(filter: {
    orgId: Id;
    patientId?: Id;
    status?: Alert['status'][];
    limit?: number;
  }): Promise<AlertDetail[]> {
    return careTeam.listAlertDetails(this.db, filter);
  }

  async escalateAlerts(createdBefore: Instant, at: Instant): Promise<Alert[]> {
    return careTeam.escalateAlerts(this.db, createdBefore, at);
  }

  async listDashboard(query: DashboardQuery, onFirstEntries?: (patientIds: Id[]) => void): Promise<DashboardPage> {
    return careTeam.listDashboard(this.db, this.dialect, query, this.connection.prepareByName, onFirstEntries);
  }

  async lastCheckInTimes(patientIds: Id[]): Promise<Map<Id, Instant>> {
    return reminderFactsQueries.lastCheckInTimes(this.db, patientIds);
  }

  async countDoses(patientIds: Id[], since: Instant): Promise<{ patientId: Id; taken: number; skipped: number }[]> {
    return careTeam.countDoses(this.db, patientIds, since);
  }

  async countOpenQuestions(patientIds: Id[]): Promise<{ patientId: Id; open: number }[]> {
    return careTeam.countOpenQuestions(this.db, patientIds);
  }

  async countDashboardFigures(
    patientIds: Id[],
    dosesSince: Instant,
    unread?: { readerId: Id; authorRoles: Role[] },
  ): Promise<DashboardFigures> {
    return careTeam.countDashboardFigures(this.db, this.connection, patientIds, dosesSince, unread);
  }

  async getUsers(ids: Id[]): Promise<User[]> {
    return careTeam.getUsers(this.db, ids);
  }

  // --- messages and audit ---

  async addMessage(message: Omit<Message, 'id'>): Promise<Message> {
    const row = {
      id: randomUUID(),
      patient_id: message.patientId,
      author_id: message.authorId,
      body: message.body,
      created_at: toInstant(message.createdAt),
    };
    await this.db.insertInto('messages').values(row).execute();
    return toMessage(row);
  }

  async listMessages(patientId: Id, page?: Page): Promise<Message[]> {
    let query = this.db.selectFrom('messages').selectAll().where('patient_id', '=', patientId);
    const older = olderThan('created_at', page);
    if (older !== undefined) {
      query = query.where(older);
    }
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limitOf(page?.limit)).execute();
    return rows.map(toMessage);
  }

  // --- invites ---

  async createInvite(invite: NewInvite): Promise<Invite> {
    const row = {
      id: randomUUID(),
      patient_id: invite.patientId,
      token_hash: invite.tokenHash,
      code_hash: invite.codeHash,
      created_by: invite.createdBy,
      created_at: toInstant(invite.createdAt),
      expires_at: toInstant(invite.expiresAt),
      used_at: null,
      revoked_at: null,
      role: invite.role ?? 'patient',
    };
    await this.db.insertInto('invites').values(row).execute();
    return toInvite(row);
  }

  async findInviteByTokenHash(tokenHash: string): Promise<Invite | undefined> {
    const row = await this.db.selectFrom('invites').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row && toInvite(row);
  }

  async findInviteByCodeHash(codeHash: string): Promise<Invite | undefined> {
    const row = await this.db.selectFrom('invites').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
    return row && toInvite(row);
  }

  /** One conditional update: the database decides which of several racing callers wins. */
  async markInviteUsed(id: Id, at: Instant): Promise<boolean> {
    const result = await this.db
      .updateTable('invites')
      .set({ used_at: toInstant(at) })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async revokeInvitesOf(patientId: Id, at: Instant, role?: Invite['role']): Promise<number> {
    let query = this.db
      .updateTable('invites')
      .set({ revoked_at: toInstant(at) })
      .where('patient_id', '=', patientId)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null);
    if (role !== undefined) {
      query = query.where('role', '=', role);
    }
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async appendAudit(event: NewAuditEvent): Promise<void> {
    await this.db.insertInto('audit_events').values(checkInWrite.auditEventRow(event)).execute();
  }

  /** Newest first; events at the same instant in reverse order of appending. */
  async listAudit(filter: { patientId?: Id; actorId?: Id; limit?: number }): Promise<AuditEvent[]> {
    let query = this.db
      .selectFrom('audit_events')
      .select(['id', 'at', 'actor_id', 'action', 'patient_id', 'resource_type', 'resource_id', 'ip']);
    if (filter.patientId !== undefined) {
      query = query.where('patient_id', '=', filter.patientId);
    }
    if (filter.actorId !== undefined) {
      query = query.where('actor_id', '=', filter.actorId);
    }
    const rows = await query.orderBy('at', 'desc').orderBy('seq', 'desc').limit(limitOf(filter.limit)).execute();
    return rows.map(toAuditEvent);
  }

  // --- helpers ---

  /** A store bound to `db` (a transaction), translating errors like the root store. */
  private bound(db: Kysely<Database>): Store {
    return withTranslatedErrors(new SqlStore(this.connection, db), this.connection.classify, refuseNulCharacters);
  }

  /** Runs `fn` in a transaction, joining the caller's transaction when there is one. */
  private inTransaction<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return inTransaction(this.db, fn);
  }

  // --- patient ---

  async getPatientPreferences(patientId: Id): Promise<PatientPreferences> {
    return patientQueries.getPatientPreferences(this.db, patientId);
  }

  async setPatientPreferences(
    patientId: Id,
    changes: Partial<PatientPreferences>,
    at: Instant,
  ): Promise<PatientPreferences> {
    return patientQueries.setPatientPreferences(this.db, patientId, changes, at);
  }

  async addMilestone(milestone: Omit<Milestone, 'id'>): Promise<{ milestone: Milestone; created: boolean }> {
    return patientQueries.addMilestone(this.db, milestone);
  }

  async listMilestones(patientId: Id): Promise<Milestone[]> {
    return patientQueries.listMilestones(this.db, patientId);
  }

  async removeMilestone(patientId: Id, kind: MilestoneKind): Promise<boolean> {
    return patientQueries.removeMilestone(this.db, patientId, kind);
  }

  // --- delivery (the SQL lives in delivery-queries.ts) ---

  savePushSubscription(subscription: NewPushSubscription, at: Instant): Promise<PushSubscription> {
    return delivery.savePushSubscription(this.db, subscription, at);
  }

  listPushSubscriptions(userId: Id): Promise<PushSubscription[]> {
    return delivery.listPushSubscriptions(this.db, userId);
  }

  deletePushSubscription(id: Id, userId?: Id): Promise<boolean> {
    return delivery.deletePushSubscription(this.db, id, userId);
  }

  getServerSetting(key: string): Promise<string | undefined> {
    return delivery.getServerSetting(this.db, key);
  }

  putServerSettingOnce(key: string, value: string, at: Instant): Promise<string> {
    return delivery.putServerSettingOnce(this.db, key, value, at);
  }

  firstAdminEmail(): Promise<string | undefined> {
    return delivery.firstAdminEmail(this.db);
  }

  // --- carry ---

  async getOrganisationContact(id: Id): Promise<OrganisationContact | undefined> {
    return carryQueries.getOrganisationContact(this.db, id);
  }

  async updateOrganisationContact(
    id: Id,
    changes: { name?: string; phone?: string | null },
  ): Promise<OrganisationContact> {
    return carryQueries.updateOrganisationContact(this.db, id, changes);
  }

  async replaceCalendarFeed(feed: NewCalendarFeed): Promise<CalendarFeed> {
    return carryQueries.replaceCalendarFeed(this.db, feed);
  }

  async findLiveCalendarFeed(secretHash: string): Promise<CalendarFeed | undefined> {
    return carryQueries.findLiveCalendarFeed(this.db, secretHash);
  }

  async getLiveCalendarFeed(patientId: Id): Promise<CalendarFeed | undefined> {
    return carryQueries.getLiveCalendarFeed(this.db, patientId);
  }

  async revokeCalendarFeed(patientId: Id, at: Instant): Promise<boolean> {
    return carryQueries.revokeCalendarFeed(this.db, patientId, at);
  }

  // --- careteam ---

  async updateEnrolment(
    id: Id,
    changes: Partial<Pick<Enrolment, 'returnToWork' | 'returnToWorkDate'>>,
  ): Promise<Enrolment> {
    return careteam.updateEnrolment(this.db, id, changes);
  }

  async getFollowUp(patientId: Id): Promise<FollowUp> {
    return careteam.getFollowUp(this.db, patientId);
  }

  async setFollowUp(patientId: Id, followUp: FollowUp): Promise<FollowUp> {
    return careteam.setFollowUp(this.db, patientId, followUp);
  }

  async addPlanChange(change: Omit<PlanChange, 'id'>): Promise<PlanChange> {
    return careteam.addPlanChange(this.db, change);
  }

  async listPlanChanges(patientId: Id, page?: Page): Promise<PlanChange[]> {
    return careteam.listPlanChanges(this.db, patientId, page);
  }

  async markRead(userId: Id, patientId: Id, thread: ReadThread, at: Instant): Promise<void> {
    await careteam.markRead(this.db, userId, patientId, thread, at);
  }

  async getReadMark(userId: Id, patientId: Id, thread: ReadThread): Promise<Instant | undefined> {
    return careteam.getReadMark(this.db, userId, patientId, thread);
  }

  async countUnreadMessages(
    readerId: Id,
    patientIds: Id[],
    authorRoles: Role[],
  ): Promise<{ patientId: Id; unread: number }[]> {
    return careteam.countUnreadMessages(this.db, readerId, patientIds, authorRoles);
  }

  async listCaregivers(patientId: Id): Promise<User[]> {
    return careteam.listCaregivers(this.db, patientId);
  }

  // --- security (the SQL lives in security-queries.ts) ---

  async recordLoginFailure(key: string, at: Instant, forgetBefore: Instant): Promise<LoginFailures> {
    return securityQueries.recordLoginFailure(this.db, key, at, forgetBefore);
  }

  async getLoginFailures(key: string): Promise<LoginFailures | undefined> {
    return securityQueries.getLoginFailures(this.db, key);
  }

  async clearLoginFailures(key: string): Promise<void> {
    await securityQueries.clearLoginFailures(this.db, key);
  }

  async deleteOtherSessions(userId: Id, keepIdHash: string): Promise<void> {
    await securityQueries.deleteOtherSessions(this.db, userId, keepIdHash);
  }

  async searchAudit(query: AuditQuery): Promise<AuditPage> {
    return securityQueries.searchAudit(this.db, query);
  }

  async erasePatient(id: Id): Promise<ErasureReport> {
    return this.inTransaction((db) => securityQueries.erasePatient(db, id));
  }

  // --- reminders (the SQL lives in jobs-queries.ts and notifications-queries.ts) ---

  async enqueueJobs(jobs: NewJob[], at: Instant): Promise<number> {
    return this.inTransaction((db) => jobQueries.enqueueJobs(db, jobs, at));
  }

  async replanJobs(patientId: Id, wanted: NewJob[], at: Instant, timeZone: string): Promise<{ cancelled: number }> {
    return this.inTransaction((db) => jobQueries.replanJobs(db, patientId, wanted, at, timeZone));
  }

  async claimJobs(owner: string, now: Instant, leaseUntil: Instant, limit: number): Promise<Job[]> {
    return jobQueries.claimJobs(this.db, this.dialect, owner, now, leaseUntil, limit);
  }

  async completeJob(id: Id, owner: string, output: JobOutput, at: Instant): Promise<StoredNotification[] | null> {
    return jobQueries.completeJob(this.db, this.dialect, id, owner, output, at);
  }

  async completeJobs(
    owner: string,
    completions: JobCompletion[],
    at: Instant,
  ): Promise<(StoredNotification[] | null)[]> {
    return jobQueries.completeJobs(this.db, this.dialect, owner, completions, at);
  }

  async reminderFacts(request: ReminderFactsRequest): Promise<ReminderFacts> {
    return reminderFactsQueries.reminderFacts(this.db, request);
  }

  async releaseJob(
    id: Id,
    owner: string,
    change: { runAt: Instant; error: string; final: boolean },
    at: Instant,
  ): Promise<boolean> {
    return jobQueries.releaseJob(this.db, id, owner, change, at);
  }

  async getJob(id: Id): Promise<Job | undefined> {
    return jobQueries.getJob(this.db, id);
  }

  async listJobs(filter: { patientId?: Id; kind?: string; status?: JobStatus[]; limit?: number }): Promise<Job[]> {
    return jobQueries.listJobs(this.db, filter);
  }

  async patientsToPlan(plannedBefore: Instant, limit: number): Promise<{ patientId: Id; timeZone: string }[]> {
    return jobQueries.patientsToPlan(this.db, plannedBefore, limit);
  }

  async alertsToNotify(since: Instant): Promise<AlertToNotify[]> {
    return jobQueries.alertsToNotify(this.db, since);
  }

  async hasDoseAnswer(patientId: Id, medicationId: Id, scheduledFor: Instant): Promise<boolean> {
    return jobQueries.hasDoseAnswer(this.db, patientId, medicationId, scheduledFor);
  }

  async listRecipients(filter: RecipientFilter): Promise<User[]> {
    return notificationQueries.listRecipients(this.db, filter);
  }

  async addNotifications(notifications: NewNotification[]): Promise<StoredNotification[]> {
    return this.inTransaction((db) => notificationQueries.insertNotifications(db, notifications));
  }

  async listNotifications(recipientId: Id, page?: Page): Promise<StoredNotification[]> {
    return notificationQueries.listNotifications(this.db, recipientId, page);
  }

  async countUnreadNotifications(recipientId: Id): Promise<number> {
    return notificationQueries.countUnread(this.db, recipientId);
  }

  async getNotification(id: Id): Promise<StoredNotification | undefined> {
    return notificationQueries.getNotification(this.db, id);
  }

  async markNotificationRead(id: Id, recipientId: Id, at: Instant): Promise<boolean> {
    return notificationQueries.markNotificationRead(this.db, id, recipientId, at);
  }

  async markAllNotificationsRead(recipientId: Id, at: Instant): Promise<number> {
    return notificationQueries.markAllNotificationsRead(this.db, recipientId, at);
  }

  async getReminderSettings(patientId: Id): Promise<ReminderSettings | undefined> {
    return notificationQueries.getReminderSettings(this.db, patientId);
  }

  async putReminderSettings(patientId: Id, settings: ReminderSettings, at: Instant): Promise<ReminderSettings> {
    return notificationQueries.putReminderSettings(this.db, patientId, settings, at);
  }

  // --- passkeys (the SQL lives in passkeys-queries.ts) ---

  async addPasskey(passkey: NewPasskey): Promise<Passkey> {
    return this.inTransaction((db) => passkeyQueries.addPasskey(db, passkey));
  }

  async listPasskeys(userId: Id): Promise<Passkey[]> {
    return passkeyQueries.listPasskeys(this.db, userId);
  }

  async getPasskeyByCredentialId(credentialId: string): Promise<Passkey | undefined> {
    return passkeyQueries.getPasskeyByCredentialId(this.db, credentialId);
  }

  async notePasskeyUse(id: Id, counter: number, at: Instant): Promise<boolean> {
    return passkeyQueries.notePasskeyUse(this.db, id, counter, at);
  }

  async deletePasskey(id: Id, userId: Id): Promise<boolean> {
    return passkeyQueries.deletePasskey(this.db, id, userId);
  }

  async saveWebauthnChallenge(challenge: WebauthnChallenge, at: Instant): Promise<void> {
    await passkeyQueries.saveWebauthnChallenge(this.db, challenge, at);
  }

  async takeWebauthnChallenge(
    challenge: string,
    purpose: WebauthnPurpose,
    at: Instant,
  ): Promise<WebauthnChallenge | undefined> {
    return passkeyQueries.takeWebauthnChallenge(this.db, challenge, purpose, at);
  }
}

function limitOf(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) {
    return DEFAULT_LIMIT;
  }
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

function notFound(what: string): AftercareError {
  return new AftercareError('CARE_ERR_NOT_FOUND', `We could not find that ${what}.`);
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) {
    throw notFound(what);
  }
  return value;
}

function requireUpdated(count: bigint, what: string): void {
  if (count === 0n) {
    throw notFound(what);
  }
}
