/** The one way the web app talks to the server: same-origin JSON over fetch, errors turned into ApiError. */
import { ApiError, NETWORK_ERROR, parseApiError } from './errors.ts';
import type { InviteAnswer } from './invites.ts';
import type {
  AlertDetail,
  Alert,
  Appointment,
  CheckInInput,
  CheckInResponse,
  Dashboard,
  Message,
  Need,
  PatientRecord,
  TeamMember,
  DoseEvent,
  Enrolment,
  Me,
  Medication,
  MedicationInput,
  Allergy,
  Question,
  Patient,
  PatientSummary,
} from './types.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (method !== 'GET') {
    // The server answers 415 to state-changing requests that are not JSON, even with no body.
    init.headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body ?? {});
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, NETWORK_ERROR, 'No answer from the server.');
  }
  const text = await response.text();
  if (!response.ok) {
    throw parseApiError(response.status, text);
  }
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

const patientPath = (id: string): string => `/api/v1/patients/${encodeURIComponent(id)}`;

export interface SetupInput {
  organisationName: string;
  name: string;
  email: string;
  password: string;
}

export interface EnrolInput {
  name: string;
  procedureDate: string;
  harvestSite: Patient['harvestSite'];
  marrowUse: Patient['marrowUse'];
  language: Patient['language'];
  timeZone: string;
  country: string;
  account?: { email: string; password: string };
}

export interface TeamMemberInput {
  name: string;
  email: string;
  password: string;
  role: 'admin' | 'clinician';
}

export const api = {
  setupStatus: () => request<{ needsSetup: boolean }>('GET', '/api/v1/setup'),
  setup: (input: SetupInput) => request<{ user: Me }>('POST', '/api/v1/setup', input),
  login: (email: string, password: string) => request<{ user: Me }>('POST', '/api/v1/auth/login', { email, password }),
  logout: () => request<undefined>('POST', '/api/v1/auth/logout'),
  me: () => request<{ user: Me }>('GET', '/api/v1/me'),
  plan: (planId: string) => request<unknown>('GET', `/api/v1/plans/${encodeURIComponent(planId)}`),
  patients: () => request<{ patients: PatientSummary[] }>('GET', '/api/v1/patients'),
  enrol: (input: EnrolInput) => request<{ patient: Patient; invite?: InviteAnswer }>('POST', '/api/v1/patients', input),
  addTeamMember: (input: TeamMemberInput) => request<{ user: Me }>('POST', '/api/v1/team', input),
  patient: (id: string) =>
    request<{ patient: Patient; enrolment: Enrolment | null; day: number }>('GET', patientPath(id)),
  medications: (id: string) => request<{ medications: Medication[] }>('GET', `${patientPath(id)}/medications`),
  doses: (id: string) => request<{ doses: DoseEvent[] }>('GET', `${patientPath(id)}/doses`),
  logDose: (
    id: string,
    dose: { medicationId: string; medicationVersion: number; scheduledFor?: string; status: 'taken' | 'skipped' },
  ) => request<{ dose: DoseEvent }>('POST', `${patientPath(id)}/doses`, dose),
  appointments: (id: string) => request<{ appointments: Appointment[] }>('GET', `${patientPath(id)}/appointments`),
  medicinesAndAllergies: (id: string) =>
    request<{ medications: Medication[]; allergies: Allergy[] }>('GET', `${patientPath(id)}/medications`),
  addMedication: (id: string, input: MedicationInput) =>
    request<{ medication: Medication }>('POST', `${patientPath(id)}/medications`, input),
  changeMedication: (id: string, medId: string, changes: Partial<MedicationInput>) =>
    request<{ medication: Medication }>(
      'PATCH',
      `${patientPath(id)}/medications/${encodeURIComponent(medId)}`,
      changes,
    ),
  stopMedication: (id: string, medId: string) =>
    request<{ medication: Medication }>('POST', `${patientPath(id)}/medications/${encodeURIComponent(medId)}/stop`),
  addAllergy: (id: string, allergy: { substance: string; reaction: string }) =>
    request<{ allergy: Allergy }>('POST', `${patientPath(id)}/allergies`, allergy),
  addAppointment: (
    id: string,
    visit: { withWhom: Appointment['withWhom']; reason: string; location?: string; startsAt: string },
  ) => request<{ appointment: Appointment }>('POST', `${patientPath(id)}/appointments`, visit),
  questions: (id: string) => request<{ questions: Question[] }>('GET', `${patientPath(id)}/questions`),
  addQuestion: (id: string, question: { text: string; appointmentId?: string }) =>
    request<{ question: Question }>('POST', `${patientPath(id)}/questions`, question),
  updateQuestion: (id: string, qid: string, changes: { asked?: boolean; answer?: string | null; text?: string }) =>
    request<{ question: Question }>('PATCH', `${patientPath(id)}/questions/${encodeURIComponent(qid)}`, changes),
  checkIn: (id: string, checkIn: CheckInInput) =>
    request<CheckInResponse>('POST', `${patientPath(id)}/check-ins`, checkIn),

  // The care team's screens.
  dashboard: (params: { search?: string; need?: Need | undefined; limit?: number; closed?: boolean }) => {
    const query = new URLSearchParams();
    if (params.closed === true) {
      query.set('closed', 'true');
    }
    if (params.limit !== undefined) {
      query.set('limit', String(params.limit));
    }
    if (params.search !== undefined && params.search.trim() !== '') {
      query.set('search', params.search.trim());
    }
    if (params.need !== undefined) {
      query.set('need', params.need);
    }
    const text = query.toString();
    return request<Dashboard>('GET', `/api/v1/dashboard${text === '' ? '' : `?${text}`}`);
  },
  activeAlerts: () => request<{ alerts: AlertDetail[] }>('GET', '/api/v1/alerts/details'),
  acknowledgeAlert: (id: string, note: string) =>
    request<{ alert: Alert }>('POST', `/api/v1/alerts/${encodeURIComponent(id)}/acknowledge`, { note }),
  resolveAlert: (id: string) => request<{ alert: Alert }>('POST', `/api/v1/alerts/${encodeURIComponent(id)}/resolve`),
  patientRecord: (id: string) => request<PatientRecord>('GET', `${patientPath(id)}/record`),
  sendMessage: (id: string, body: string) =>
    request<{ message: Message }>('POST', `${patientPath(id)}/messages`, { body }),
  team: () => request<{ users: TeamMember[] }>('GET', '/api/v1/team'),
  setAccountEnabled: (userId: string, enabled: boolean) =>
    request<{ user: TeamMember }>(
      'POST',
      `/api/v1/team/${encodeURIComponent(userId)}/${enabled ? 'enable' : 'disable'}`,
    ),
};
