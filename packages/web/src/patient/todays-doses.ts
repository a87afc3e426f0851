/** Which doses belong on today's list: medicines in effect today, one row per scheduled time, matched to logged doses. */
import type { DoseEvent, Medication } from '../api/types.ts';
import { localDateIn, zonedTimeToInstant } from './zoned-time.ts';

export interface DoseRow {
  medication: Medication;
  /** The scheduled instant (fixed times only); null for "every N hours" and "as needed" medicines. */
  scheduledFor: Date | null;
  /** The dose logged for this row: for a scheduled row, the one answering that time; else the latest today. */
  logged: DoseEvent | null;
}

export function isInEffectOn(medication: Medication, date: string): boolean {
  return (
    medication.stoppedAt === null &&
    medication.startDate <= date &&
    (medication.endDate === null || date <= medication.endDate)
  );
}

/** Today's rows for the patient in `timeZone`, in time order (unscheduled rows last). */
export function todaysDoses(
  medications: readonly Medication[],
  doses: readonly DoseEvent[],
  timeZone: string,
  now: Date,
): DoseRow[] {
  const today = localDateIn(timeZone, now);
  const dosesToday = doses.filter((dose) => localDateIn(timeZone, new Date(dose.at)) === today);
  const rows: DoseRow[] = [];
  for (const medication of medications) {
    if (!isInEffectOn(medication, today)) {
      continue;
    }
    const mine = dosesToday.filter((dose) => dose.medicationId === medication.id);
    if (medication.timing.type === 'fixed-times') {
      for (const time of [...medication.timing.times].sort()) {
        const scheduledFor = zonedTimeToInstant(today, time, timeZone);
        const logged =
          mine.find((dose) => dose.scheduledFor !== null && Date.parse(dose.scheduledFor) === scheduledFor.getTime()) ??
          null;
        rows.push({ medication, scheduledFor, logged });
      }
    } else {
      const latest = mine.filter((dose) => dose.scheduledFor === null).sort((a, b) => b.at.localeCompare(a.at))[0];
      rows.push({ medication, scheduledFor: null, logged: latest ?? null });
    }
  }
  // By time, then by name, so the list does not reshuffle between loads.
  const time = (row: DoseRow): number => row.scheduledFor?.getTime() ?? Infinity;
  return rows.sort((a, b) => time(a) - time(b) || a.medication.name.localeCompare(b.medication.name));
}
