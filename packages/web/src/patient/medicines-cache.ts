/** The last medicine list seen on this device, so the Medicines screen still shows it with no signal. */
import type { Allergy, DoseEvent, Medication, Patient } from '../api/types.ts';

export interface CachedMedicines {
  patient: Patient;
  medications: Medication[];
  allergies: Allergy[];
  doses: DoseEvent[];
  /** When the list was read from the server. */
  savedAt: string;
}

const keyFor = (patientId: string): string => `aftercare.medicines.${patientId}`;

/** Reads a cached entry; anything not of the expected shape (an older build, a corrupt entry) counts as none. */
export function parseCachedMedicines(text: string | null): CachedMedicines | null {
  if (text === null) {
    return null;
  }
  try {
    const value = JSON.parse(text) as Partial<CachedMedicines> | null;
    if (
      value !== null &&
      typeof value === 'object' &&
      typeof value.savedAt === 'string' &&
      typeof value.patient === 'object' &&
      Array.isArray(value.medications) &&
      Array.isArray(value.allergies) &&
      Array.isArray(value.doses)
    ) {
      return value as CachedMedicines;
    }
  } catch {
    // Corrupt entry: ignore it.
  }
  return null;
}

export function cacheMedicines(patientId: string, entry: CachedMedicines): void {
  try {
    localStorage.setItem(keyFor(patientId), JSON.stringify(entry));
  } catch {
    // Storage full or blocked: the screen still works online.
  }
}

export function cachedMedicines(patientId: string): CachedMedicines | null {
  try {
    return parseCachedMedicines(localStorage.getItem(keyFor(patientId)));
  } catch {
    return null;
  }
}
