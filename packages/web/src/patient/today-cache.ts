/** The last Today seen on this device, so Today still shows the doses and the next visit with no signal. */
import type { Appointment, DoseEvent, Medication, Patient } from '../api/types.ts';
import { localDateIn } from './zoned-time.ts';

export interface TodayData {
  patient: Patient;
  day: number;
  medications: Medication[];
  doses: DoseEvent[];
  appointments: Appointment[];
}

export interface CachedToday extends TodayData {
  /** When it was read from the server. */
  savedAt: string;
}

const keyFor = (patientId: string): string => `aftercare.today.${patientId}`;

export function cacheToday(patientId: string, data: TodayData, now: Date): void {
  try {
    localStorage.setItem(keyFor(patientId), JSON.stringify({ ...data, savedAt: now.toISOString() }));
  } catch {
    // Storage full or blocked: the screen still works online.
  }
}

/** The saved Today with its day number brought up to date; null when none (or not of this build's shape). */
export function cachedToday(patientId: string, now: Date): CachedToday | null {
  try {
    const value = JSON.parse(localStorage.getItem(keyFor(patientId)) ?? 'null') as Partial<CachedToday> | null;
    if (
      value === null ||
      typeof value.savedAt !== 'string' ||
      typeof value.patient?.procedureDate !== 'string' ||
      !Array.isArray(value.medications) ||
      !Array.isArray(value.doses) ||
      !Array.isArray(value.appointments)
    ) {
      return null;
    }
    const entry = value as CachedToday;
    return { ...entry, day: recoveryDay(entry.patient.procedureDate, entry.patient.timeZone, now) };
  } catch {
    return null;
  }
}

/** Day N since the procedure (day 0 = the procedure day) in the patient's zone, as the server counts it. */
export function recoveryDay(procedureDate: string, timeZone: string, now: Date): number {
  const today = Date.parse(`${localDateIn(timeZone, now)}T00:00:00Z`);
  return Math.round((today - Date.parse(`${procedureDate}T00:00:00Z`)) / 86_400_000);
}
