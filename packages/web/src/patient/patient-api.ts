/** The patient app's own API calls: settings, recovery milestones and the check-in history. */
import { request } from '../api/client.ts';
import type { CheckInRecord, Language } from '../api/types.ts';

export type TemperatureUnit = 'C' | 'F';

export interface Preferences {
  language: Language;
  /** null: the patient did not pick one (the country's usual unit is used). */
  temperatureUnit: TemperatureUnit | null;
  timeZone: string;
  country: string;
  emergencyContact: string | null;
}

export type MilestoneKind = 'feels-recovered' | 'returned-to-work' | 'back-to-normal-activities';

export interface Milestone {
  id: string;
  patientId: string;
  kind: MilestoneKind;
  /** The day it was reached, in the patient's zone. */
  reachedOn: string;
  recordedAt: string;
  recordedBy: string;
}

const patientPath = (id: string): string => `/api/v1/patients/${encodeURIComponent(id)}`;

export const patientApi = {
  preferences: (id: string) => request<{ preferences: Preferences }>('GET', `${patientPath(id)}/preferences`),
  savePreferences: (id: string, changes: Partial<Preferences>) =>
    request<{ preferences: Preferences }>('PATCH', `${patientPath(id)}/preferences`, changes),
  milestones: (id: string) => request<{ milestones: Milestone[] }>('GET', `${patientPath(id)}/milestones`),
  addMilestone: (id: string, kind: MilestoneKind, reachedOn?: string) =>
    request<{ milestone: Milestone }>('POST', `${patientPath(id)}/milestones`, {
      kind,
      ...(reachedOn === undefined ? {} : { reachedOn }),
    }),
  removeMilestone: (id: string, kind: MilestoneKind) =>
    request<undefined>('DELETE', `${patientPath(id)}/milestones/${encodeURIComponent(kind)}`),
  checkIns: (id: string) => request<{ checkIns: CheckInRecord[] }>('GET', `${patientPath(id)}/check-ins?limit=500`),
};
