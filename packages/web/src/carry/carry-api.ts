/** The API calls of the list to carry and the calendar: the care team's phone, a visit's calendar file, the private feed. */
import { request } from '../api/client.ts';
import { ApiError, NETWORK_ERROR, parseApiError } from '../api/errors.ts';

export interface OrganisationContact {
  id: string;
  name: string;
  phone: string | null;
}

export interface CalendarFeedState {
  includeDoses: boolean;
  createdAt: string;
}

export interface NewCalendarFeed extends CalendarFeedState {
  url: string;
  webcalUrl: string;
}

const patientPath = (id: string): string => `/api/v1/patients/${encodeURIComponent(id)}`;

/** A link the browser downloads the visit's calendar file from (same origin, the session cookie goes with it). */
export function visitCalendarHref(patientId: string, appointmentId: string): string {
  return `${patientPath(patientId)}/appointments/${encodeURIComponent(appointmentId)}/calendar.ics`;
}

async function deleteJson<T>(path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'DELETE',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, 'No answer from the server.');
  }
  const text = await response.text();
  if (!response.ok) {
    throw parseApiError(response.status, text);
  }
  return JSON.parse(text) as T;
}

export const carryApi = {
  organisation: () => request<{ organisation: OrganisationContact }>('GET', '/api/v1/organisation'),
  updateOrganisation: (changes: { name?: string; phone?: string | null }) =>
    request<{ organisation: OrganisationContact }>('PATCH', '/api/v1/organisation', changes),
  calendarFeed: (patientId: string) =>
    request<{ feed: CalendarFeedState | null }>('GET', `${patientPath(patientId)}/calendar-feed`),
  makeCalendarFeed: (patientId: string, includeDoses: boolean) =>
    request<NewCalendarFeed>('POST', `${patientPath(patientId)}/calendar-feed`, { includeDoses }),
  turnOffCalendarFeed: (patientId: string) =>
    deleteJson<{ revoked: boolean }>(`${patientPath(patientId)}/calendar-feed`),
};
