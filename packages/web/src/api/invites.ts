/** The invite calls: the care team makes an invite; the patient opens it by link or code and makes their login. */
import { request } from './client.ts';
import type { Me } from './types.ts';

/** What the care team shows and prints: the link, the code, the QR code (SVG text) and when it stops working. */
export interface InviteAnswer {
  url: string;
  code: string;
  expiresAt: string;
  qrSvg: string;
}

/** What the join screen shows before the patient has a login. */
export interface InviteInfo {
  patientFirstName: string;
  language: 'en' | 'es';
  timeZone: string;
  country: string;
  expiresAt: string;
  /** Who joins with it: the patient, or a helper (caregiver) of the patient. */
  role?: 'patient' | 'caregiver';
}

export interface AcceptInviteInput {
  token?: string;
  code?: string;
  email: string;
  password: string;
  language: 'en' | 'es';
  timeZone: string;
  country: string;
  /** A caregiver's own name (caregiver invites only). */
  name?: string;
}

export const invitesApi = {
  newInvite: (patientId: string) =>
    request<{ invite: InviteAnswer }>('POST', `/api/v1/patients/${encodeURIComponent(patientId)}/invites`),
  /** A link token or a typed code. */
  open: (secret: string) => request<InviteInfo>('GET', `/api/v1/invites/${encodeURIComponent(secret.trim())}`),
  accept: (input: AcceptInviteInput) => request<{ user: Me }>('POST', '/api/v1/invites/accept', input),
};
