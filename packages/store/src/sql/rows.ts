/** Rows to entities and back: the one place that knows column names, JSON text and instant formats. */
import { AftercareError } from '@aftercare/core';
import type { Selectable } from 'kysely';
import type {
  Alert,
  Allergy,
  Appointment,
  AuditEvent,
  CheckIn,
  Disposition,
  DoseEvent,
  Enrolment,
  HarvestSite,
  Instant,
  Invite,
  Language,
  MarrowUse,
  Medication,
  MedicationInput,
  MedicineKind,
  MedicineTiming,
  Message,
  Organisation,
  Patient,
  Question,
  Role,
  Session,
  User,
} from '../store.ts';
import type {
  AlertsTable,
  AllergiesTable,
  AppointmentsTable,
  AuditEventsTable,
  CheckInsTable,
  DoseEventsTable,
  EnrolmentsTable,
  InvitesTable,
  MedicationVersionsTable,
  MessagesTable,
  OrganisationsTable,
  PatientActivityColumns,
  PatientsTable,
  QuestionsTable,
  SessionsTable,
  UsersTable,
} from './schema.ts';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T/;

/**
 * An instant as stored: UTC, fixed width with milliseconds ("2026-11-25T12:00:00.000Z"), so that text order is
 * time order in both dialects. Offsets such as "+02:00" are converted to UTC.
 */
export function toInstant(value: Instant): Instant {
  const time = ISO_INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new AftercareError(
      'CARE_ERR_BAD_INPUT',
      'A time is not valid: use ISO 8601, for example 2026-11-25T12:00:00Z.',
      [{ path: 'instant', message: 'not an ISO 8601 instant' }],
    );
  }
  return new Date(time).toISOString();
}

export function toOptionalInstant(value: Instant | null): Instant | null {
  return value === null ? null : toInstant(value);
}

/** JSON as text: identical bytes back from both dialects (jsonb would reorder keys). */
export function toJsonText(value: unknown): string {
  // JSON.stringify(undefined) gives undefined, whatever its type says.
  return value === undefined ? 'null' : JSON.stringify(value);
}

function fromJsonText(text: string): unknown {
  return JSON.parse(text) as unknown;
}

/** The key that makes e-mail lookups case-insensitive, folded in JavaScript so both dialects agree. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export function toOrganisation(row: Selectable<OrganisationsTable>): Organisation {
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

export function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    orgId: row.org_id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    passwordHash: row.password_hash,
    language: row.language as Language,
    patientId: row.patient_id,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
  };
}

export function toInvite(row: Selectable<InvitesTable>): Invite {
  return {
    id: row.id,
    patientId: row.patient_id,
    tokenHash: row.token_hash,
    codeHash: row.code_hash,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    revokedAt: row.revoked_at,
    role: row.role === 'caregiver' ? 'caregiver' : 'patient',
  };
}

export function toSession(row: Selectable<SessionsTable>): Session {
  return {
    idHash: row.id_hash,
    userId: row.user_id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}

/**
 * `plan_id` is kept by a trigger, so it is not in PatientsTable: every read of a patient selects the whole row and
 * has it; only a row just inserted lacks it, and null is right for it (no enrolment yet).
 */
export function toPatient(row: Selectable<PatientsTable> & Partial<Pick<PatientActivityColumns, 'plan_id'>>): Patient {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    dateOfBirth: row.date_of_birth,
    procedureDate: row.procedure_date,
    harvestSite: row.harvest_site as HarvestSite,
    marrowUse: row.marrow_use as MarrowUse,
    language: row.language as Language,
    timeZone: row.time_zone,
    country: row.country,
    emergencyContact: row.emergency_contact,
    createdAt: row.created_at,
    planId: row.plan_id ?? null,
  };
}

type PatientChanges = Partial<Omit<Patient, 'id' | 'orgId' | 'createdAt'>>;

/** The columns a patient update touches; keys that are undefined (or unknown) are left alone. */
export function patientColumns(changes: PatientChanges): Partial<PatientsTable> {
  const columns: Partial<PatientsTable> = {
    name: changes.name,
    email: changes.email,
    phone: changes.phone,
    date_of_birth: changes.dateOfBirth,
    procedure_date: changes.procedureDate,
    harvest_site: changes.harvestSite,
    marrow_use: changes.marrowUse,
    language: changes.language,
    time_zone: changes.timeZone,
    country: changes.country,
    emergency_contact: changes.emergencyContact,
  };
  return definedOnly(columns);
}

export function toEnrolment(row: Selectable<EnrolmentsTable>): Enrolment {
  return {
    id: row.id,
    patientId: row.patient_id,
    planId: row.plan_id,
    planVersion: row.plan_version,
    returnToWork: row.return_to_work,
    returnToWorkDate: row.return_to_work_date ?? null,
    enrolledAt: row.enrolled_at,
    enrolledBy: row.enrolled_by,
  };
}

export function toMedication(row: Selectable<MedicationVersionsTable>, patientId: string): Medication {
  return {
    id: row.medication_id,
    version: row.version,
    patientId,
    name: row.name,
    kind: row.kind as MedicineKind,
    amount: row.amount,
    timing: fromJsonText(row.timing) as MedicineTiming,
    reason: row.reason,
    startDate: row.start_date,
    endDate: row.end_date,
    planItem: row.plan_item,
    effectiveFrom: row.effective_from,
    stoppedAt: row.stopped_at,
    changedBy: row.changed_by,
  };
}

/** The columns a medicine version takes from the caller's input (all of it for v1, the changes later). */
export function medicationColumns(input: Partial<MedicationInput>): Partial<MedicationVersionsTable> {
  return definedOnly({
    name: input.name,
    kind: input.kind,
    amount: input.amount,
    timing: input.timing === undefined ? undefined : toJsonText(input.timing),
    reason: input.reason,
    start_date: input.startDate,
    end_date: input.endDate,
    plan_item: input.planItem,
  });
}

export function toAllergy(row: Selectable<AllergiesTable>): Allergy {
  return {
    id: row.id,
    patientId: row.patient_id,
    substance: row.substance,
    reaction: row.reaction,
    createdAt: row.created_at,
  };
}

export function toDoseEvent(row: Selectable<DoseEventsTable>): DoseEvent {
  return {
    id: row.id,
    patientId: row.patient_id,
    medicationId: row.medication_id,
    medicationVersion: row.medication_version,
    scheduledFor: row.scheduled_for,
    status: row.status as DoseEvent['status'],
    at: row.at,
    idempotencyKey: row.idempotency_key,
    recordedBy: row.recorded_by,
  };
}

export function toAppointment(row: Selectable<AppointmentsTable>): Appointment {
  return {
    id: row.id,
    patientId: row.patient_id,
    withWhom: row.with_whom as Appointment['withWhom'],
    reason: row.reason,
    location: row.location,
    startsAt: row.starts_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    cancelledAt: row.cancelled_at,
  };
}

type AppointmentChanges = Partial<Pick<Appointment, 'withWhom' | 'reason' | 'location' | 'startsAt' | 'cancelledAt'>>;

export function appointmentColumns(changes: AppointmentChanges): Partial<AppointmentsTable> {
  return definedOnly({
    with_whom: changes.withWhom,
    reason: changes.reason,
    location: changes.location,
    starts_at: changes.startsAt === undefined ? undefined : toInstant(changes.startsAt),
    cancelled_at: changes.cancelledAt === undefined ? undefined : toOptionalInstant(changes.cancelledAt),
  });
}

export function toQuestion(row: Selectable<QuestionsTable>): Question {
  return {
    id: row.id,
    patientId: row.patient_id,
    appointmentId: row.appointment_id,
    text: row.text,
    askedAt: row.asked_at,
    answer: row.answer,
    createdAt: row.created_at,
  };
}

type QuestionChanges = Partial<Pick<Question, 'text' | 'askedAt' | 'answer' | 'appointmentId'>>;

export function questionColumns(changes: QuestionChanges): Partial<QuestionsTable> {
  return definedOnly({
    text: changes.text,
    asked_at: changes.askedAt === undefined ? undefined : toOptionalInstant(changes.askedAt),
    answer: changes.answer,
    appointment_id: changes.appointmentId,
  });
}

export function toCheckIn(row: Selectable<CheckInsTable>): CheckIn {
  return {
    id: row.id,
    patientId: row.patient_id,
    submittedAt: row.submitted_at,
    payload: fromJsonText(row.payload),
    triage: fromJsonText(row.triage),
    disposition: row.disposition as Disposition,
    idempotencyKey: row.idempotency_key,
    recordedBy: row.recorded_by,
  };
}

/** `escalated_at` may be missing from a row built in code before it was ever escalated. */
export function toAlert(
  row: Omit<Selectable<AlertsTable>, 'escalated_at'> & Partial<Pick<Selectable<AlertsTable>, 'escalated_at'>>,
): Alert {
  return {
    id: row.id,
    patientId: row.patient_id,
    checkInId: row.check_in_id,
    level: row.level as Alert['level'],
    status: row.status as Alert['status'],
    createdAt: row.created_at,
    acknowledgedBy: row.acknowledged_by,
    acknowledgedAt: row.acknowledged_at,
    acknowledgeNote: row.acknowledge_note,
    resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at,
    escalatedAt: row.escalated_at ?? null,
  };
}

export function toMessage(row: Selectable<MessagesTable>): Message {
  return { id: row.id, patientId: row.patient_id, authorId: row.author_id, body: row.body, createdAt: row.created_at };
}

export function toAuditEvent(row: Omit<Selectable<AuditEventsTable>, 'seq'>): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    action: row.action,
    patientId: row.patient_id,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    ip: row.ip,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
