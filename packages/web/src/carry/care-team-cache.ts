/** The care team's name and phone as last read on this device, so the list to carry shows them with no signal. */
import type { CareTeamContact } from './carry-list.ts';

const keyFor = (patientId: string): string => `aftercare.careTeam.${patientId}`;

export function parseCareTeam(text: string | null): CareTeamContact | null {
  if (text === null) {
    return null;
  }
  try {
    const value = JSON.parse(text) as Partial<CareTeamContact> | null;
    if (
      value !== null &&
      typeof value === 'object' &&
      typeof value.name === 'string' &&
      (value.phone === null || typeof value.phone === 'string')
    ) {
      return { name: value.name, phone: value.phone };
    }
  } catch {
    // Corrupt entry: ignore it.
  }
  return null;
}

export function cacheCareTeam(patientId: string, contact: CareTeamContact): void {
  try {
    localStorage.setItem(keyFor(patientId), JSON.stringify({ name: contact.name, phone: contact.phone }));
  } catch {
    // Storage full or blocked: the list still shows what the server said this time.
  }
}

export function cachedCareTeam(patientId: string): CareTeamContact | null {
  try {
    return parseCareTeam(localStorage.getItem(keyFor(patientId)));
  } catch {
    return null;
  }
}
