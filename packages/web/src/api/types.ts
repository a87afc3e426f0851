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
  /** This version is in effect from this instant. */
  effectiveFrom: string;
  /** The plan medicine it came from ("pain-relief"), null when added by hand. */
  planItem: string | null;
}

/** What the patient (or the team) sends to add a medicine or change one. */
export type MedicationInput = Pick<
  Medication,
  'name' | 'kind' | 'amount' | 'timing' | 'reason' | 'startDate' | 'endDate' | 'planItem'
>;

export interface DoseEvent {
  id: string;
  medicationId: string;
  medicationVersion: number;
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

/** Why a patient is where they are on the care team's dashboard, most urgent first. */
export type Need = 'emergency' | 'contact-provider' | 'quiet' | 'ok';

export interface DashboardRow {
  patient: { id: string; name: string; procedureDate: string; timeZone: string; language: Language; country: string };
  planId: string | null;
  need: Need;
  day: number;
  lastCheckInAt: string | null;
  quietSince: string | null;
  alerts: { emergency: number; contactProvider: number; unacknowledged: number; escalated: number };
  pain: { latest: number | null; trend: number[] };
  /** `trend` in °C, oldest first; `latest` as the patient sent it. */
  temperature: { latest: { value: number; unit: 'C' | 'F' } | null; trend: number[] };
  doses: { taken: number; skipped: number; adherence: number | null };
  openQuestions: number;
  /** Messages from the patient's side the signed-in team member has not read. */
  unreadMessages: number;
}

export interface Dashboard {
  rows: DashboardRow[];
  counts: Record<Need, number>;
}

export interface Alert {
  id: string;
  patientId: string;
  checkInId: string;
  level: 'emergency' | 'contact-provider';
  status: 'open' | 'acknowledged' | 'resolved';
  createdAt: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  acknowledgeNote: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  escalatedAt: string | null;
}

/** A check-in as stored: what the patient sent (`payload`) and what triage said (`triage`). */
export interface CheckInRecord {
  id: string;
  patientId: string;
  submittedAt: string;
  payload: unknown;
  triage: unknown;
  disposition: Disposition;
  recordedBy: string;
}

export interface AlertDetail extends Alert {
  patientName: string;
  checkIn: CheckInRecord;
  acknowledgedByName: string | null;
  resolvedByName: string | null;
}

export interface Allergy {
  id: string;
  substance: string;
  reaction: string;
}

export interface Question {
  id: string;
  appointmentId: string | null;
  text: string;
  askedAt: string | null;
  answer: string | null;
  createdAt: string;
}

export interface Message {
  id: string;
  patientId: string;
  authorId: string;
  body: string;
  createdAt: string;
}

export interface PatientRecord {
  patient: Patient & { email: string | null; phone: string | null; dateOfBirth: string | null; createdAt: string };
  enrolment: Enrolment | null;
  day: number;
  medications: Medication[];
  allergies: Allergy[];
  checkIns: CheckInRecord[];
  doses: DoseEvent[];
  appointments: Appointment[];
  questions: Question[];
  messages: Message[];
  alerts: AlertDetail[];
  people: Record<string, { name: string; role: Role }>;
}

export interface TeamMember extends Me {
  disabledAt: string | null;
  createdAt: string;
}
