/** What the FHIR mappers read and give back: the shapes of the stored records (core cannot import the store). */
import type { MedicineKind } from '../plan/schema.ts';
import type { MedicineTiming } from '../plan/timing.ts';

export type FhirRole = 'admin' | 'clinician' | 'patient' | 'caregiver';
export type VisitWith = 'primary-care' | 'hematologist' | 'other';

export interface PatientRecord {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  dateOfBirth: string | null;
  procedureDate: string;
  harvestSite: 'hip' | 'sternum' | 'both';
  marrowUse: 'donor' | 'own';
  language: 'en' | 'es';
  timeZone: string;
  country: string;
  emergencyContact: string | null;
  createdAt: string;
}

export interface EnrolmentRecord {
  id: string;
  planId: string;
  planVersion: string;
  returnToWork: string | null;
  enrolledAt: string;
  enrolledBy: string;
}

/** A medicine as the store takes it (the same shape as the store's MedicationInput). */
export interface MedicationInput {
  name: string;
  kind: MedicineKind;
  amount: string;
  timing: MedicineTiming;
  reason: string;
  startDate: string;
  endDate: string | null;
  planItem: string | null;
}

export interface MedicationRecord extends MedicationInput {
  id: string;
  version: number;
  effectiveFrom: string;
  stoppedAt: string | null;
  changedBy: string;
}

export interface AllergyInput {
  substance: string;
  reaction: string;
}
export interface AllergyRecord extends AllergyInput {
  id: string;
  createdAt: string;
}

export interface AppointmentInput {
  withWhom: VisitWith;
  reason: string;
  location: string | null;
  /** ISO 8601 instant. */
  startsAt: string;
}
export interface AppointmentRecord extends AppointmentInput {
  id: string;
  createdBy: string;
  createdAt: string;
  cancelledAt: string | null;
}

export interface CheckInRecord {
  id: string;
  submittedAt: string;
  /** The check-in JSON as accepted by triage. */
  payload: unknown;
  /** The TriageResult JSON. */
  triage: unknown;
  disposition: 'emergency' | 'contact-provider' | 'self-care';
  recordedBy: string;
}

export interface AlertRecord {
  id: string;
  checkInId: string;
  level: 'emergency' | 'contact-provider';
  status: 'open' | 'acknowledged' | 'resolved';
  createdAt: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  acknowledgeNote: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

export interface MessageRecord {
  id: string;
  authorId: string;
  body: string;
  createdAt: string;
}

export interface DoseRecord {
  id: string;
  medicationId: string;
  medicationVersion: number;
  scheduledFor: string | null;
  status: 'taken' | 'skipped';
  at: string;
  recordedBy: string;
}
