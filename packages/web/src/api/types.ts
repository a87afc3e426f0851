/** The shapes the web app reads from the HTTP API (see the API contract); only the fields the screens use. */

export type Role = 'admin' | 'clinician' | 'patient' | 'caregiver';
export type Language = 'en' | 'es';
export type Disposition = 'emergency' | 'contact-provider' | 'self-care';

export interface Me {
  id: string;
  orgId: string;
  name: string;
  email: string;
  role: Role;
  language: Language;
  patientId: string | null;
}

export interface Patient {
  id: string;
  name: string;
  procedureDate: string;
  harvestSite: 'hip' | 'sternum' | 'both';
  marrowUse: 'donor' | 'own';
  language: Language;
  timeZone: string;
  country: string;
}

export interface PatientSummary extends Patient {
  day: number;
  openAlerts: { emergency: number; contactProvider: number };
  lastCheckInAt: string | null;
}

export interface Enrolment {
  planId: string;
  returnToWork: string | null;
}

export type MedicineTiming =
  | { type: 'fixed-times'; times: string[] }
  | { type: 'every-hours'; hours: number }
  | { type: 'as-needed'; minIntervalHours: number; maxPerDay: number };

export interface Medication {
  id: string;
  version: number;
  name: string;
  kind: 'prescription' | 'over-the-counter' | 'vitamin' | 'herb';
  amount: string;
  timing: MedicineTiming;
  reason: string;
  startDate: string;
  endDate: string | null;
  stoppedAt: string | null;
}

export interface DoseEvent {
  id: string;
  medicationId: string;
  scheduledFor: string | null;
  status: 'taken' | 'skipped';
  at: string;
}

export interface Appointment {
  id: string;
  withWhom: 'primary-care' | 'hematologist' | 'other';
  reason: string;
  location: string | null;
  startsAt: string;
  cancelledAt: string | null;
}

export interface CheckInInput {
  language: Language;
  text?: string;
  signs?: string[];
  temperature?: { value: number; unit: 'C' | 'F' };
  pain?: { score: number; medicineTaken: boolean };
  idempotencyKey?: string;
}

export interface TriageReason {
  sign: string;
  level: Disposition;
  evidence: string;
}

export interface TriageResult {
  disposition: Disposition;
  reasons: TriageReason[];
  advice: string;
}

export interface CheckInResponse {
  triage: TriageResult;
  alert: { id: string } | null;
}
