/** The careteam API calls and shapes: plan edits, plan changes, closing the follow-up, read marks, caregivers. */
import { request } from './client.ts';
import type { EnrolInput } from './client.ts';
import type { InviteAnswer } from './invites.ts';
import type { Appointment, Enrolment, MedicationInput, Message, Patient, PatientRecord, Role } from './types.ts';

const patientPath = (id: string): string => `/api/v1/patients/${encodeURIComponent(id)}`;

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

export interface PlanChange {
  id: string;
  at: string;
  kind: PlanChangeKind;
  subjectId: string | null;
  /** e.g. { name, before: { amount }, after: { amount } }. */
  details: Record<string, unknown>;
}

export interface PlanChangeWithAuthor extends PlanChange {
  by: { id: string; name: string; role: Role };
  unseen: boolean;
}

export interface FollowUp {
  closedAt: string | null;
  closedBy: string | null;
  reason: 'recovered' | 'other' | null;
  note: string | null;
}

export interface EnrolmentWithDate extends Enrolment {
  returnToWorkDate: string | null;
}

export interface Caregiver {
  id: string;
  name: string;
  email: string;
  createdAt: string;
}

export interface VisitInput {
  withWhom: Appointment['withWhom'];
  reason: string;
  location?: string | null;
  startsAt: string;
}

/** What enrolment sends about the plan beside the patient's details. */
export interface EnrolPlanFields {
  medications: MedicationInput[];
  allergies: { substance: string; reaction: string }[];
  appointments: { withWhom: Appointment['withWhom']; reason: string; location: string | null; startsAt: string }[];
  returnToWork: string | null;
  returnToWorkDate: string | null;
}

/** The record with what the careteam routes add to it. */
export interface CareteamRecord extends Omit<PatientRecord, 'enrolment'> {
  enrolment: EnrolmentWithDate | null;
  followUp: FollowUp;
  planChanges: (PlanChange & { changedBy: string })[];
  unreadMessages: number;
  caregivers: { id: string; name: string }[];
}

export const careteamApi = {
  record: (id: string) => request<CareteamRecord>('GET', `${patientPath(id)}/record`),
  enrol: (input: EnrolInput & Partial<EnrolPlanFields>) =>
    request<{ patient: Patient; invite?: InviteAnswer }>('POST', '/api/v1/patients', input),
  patient: (id: string) =>
    request<{ patient: Patient; enrolment: EnrolmentWithDate | null; day: number; followUp: FollowUp }>(
      'GET',
      patientPath(id),
    ),
  updateEnrolment: (id: string, changes: { returnToWork?: string | null; returnToWorkDate?: string | null }) =>
    request<{ enrolment: EnrolmentWithDate }>('PATCH', `${patientPath(id)}/enrolment`, changes),
  removeAllergy: (id: string, allergyId: string) =>
    request<undefined>('DELETE', `${patientPath(id)}/allergies/${encodeURIComponent(allergyId)}`),
  updateAppointment: (id: string, appointmentId: string, changes: Partial<VisitInput> & { cancelled?: boolean }) =>
    request<{ appointment: Appointment }>(
      'PATCH',
      `${patientPath(id)}/appointments/${encodeURIComponent(appointmentId)}`,
      changes,
    ),
  close: (id: string, reason: 'recovered' | 'other', note: string) =>
    request<{ followUp: FollowUp }>('POST', `${patientPath(id)}/close`, { reason, ...(note === '' ? {} : { note }) }),
  reopen: (id: string) => request<{ followUp: FollowUp }>('POST', `${patientPath(id)}/reopen`),
  planChanges: (id: string) =>
    request<{ changes: PlanChangeWithAuthor[]; unseen: number }>('GET', `${patientPath(id)}/plan-changes`),
  markPlanChangesSeen: (id: string) => request<undefined>('POST', `${patientPath(id)}/plan-changes/seen`),
  messages: (id: string) => request<{ messages: Message[]; unread: number }>('GET', `${patientPath(id)}/messages`),
  markMessagesRead: (id: string) => request<undefined>('POST', `${patientPath(id)}/messages/read`),
  inviteCaregiver: (id: string) => request<{ invite: InviteAnswer }>('POST', `${patientPath(id)}/caregiver-invites`),
  caregivers: (id: string) => request<{ caregivers: Caregiver[] }>('GET', `${patientPath(id)}/caregivers`),
  removeCaregiver: (id: string, caregiverId: string) =>
    request<undefined>('DELETE', `${patientPath(id)}/caregivers/${encodeURIComponent(caregiverId)}`),
};
