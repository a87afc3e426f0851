/** The security calls of the web app: password change, sign-out everywhere, the audit trail and the record's rights. */
import { request } from '../api/client.ts';
import type { Role } from '../api/types.ts';

export interface AdminAuditEntry {
  id: string;
  at: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  patientId: string | null;
  patientName: string | null;
  ip: string | null;
  actor: { id: string; name: string | null; role: Role | null } | null;
}

export interface AccessLogEntry {
  id: string;
  at: string;
  action: string;
  resourceType: string;
  actor: { name: string | null; role: Role | null; you: boolean } | null;
}

export interface AuditFilters {
  action?: string;
  patientId?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

interface Paged<T> {
  entries: T[];
  nextBefore: string | null;
}

function query(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') {
      params.set(key, value);
    }
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

const patientPath = (id: string): string => `/api/v1/patients/${encodeURIComponent(id)}`;

export const securityApi = {
  changePassword: (currentPassword: string, newPassword: string) =>
    request<undefined>('POST', '/api/v1/me/password', { currentPassword, newPassword }),
  signOutEverywhere: () => request<undefined>('POST', '/api/v1/auth/sign-out-everywhere'),
  audit: (filters: AuditFilters, before?: string) =>
    request<Paged<AdminAuditEntry>>('GET', `/api/v1/audit${query({ ...filters, limit: '50', before })}`),
  accessLog: (patientId: string, before?: string) =>
    request<Paged<AccessLogEntry>>('GET', `${patientPath(patientId)}/access-log${query({ limit: '50', before })}`),
  downloadUrl: (patientId: string): string => `${patientPath(patientId)}/download`,
  erasePatient: (patientId: string, password: string) =>
    request<undefined>('DELETE', patientPath(patientId), { password }),
};
