/** What the History screen draws: pain and temperature over time, doses taken / skipped / missed, recovery compared. */
import { addDays, doseOccurrences, localDateOf, startOfLocalDay } from '@aftercare/core/schedule';
import type { CheckInRecord, DoseEvent, Medication } from '../api/types.ts';
import { convertTemperature } from './preferences.ts';
import type { TemperatureUnit } from './patient-api.ts';

export interface Point {
  at: string;
  value: number;
}

interface StoredCheckIn {
  pain?: { score?: unknown };
  temperature?: { value?: unknown; unit?: unknown };
}

function payloadOf(checkIn: CheckInRecord): StoredCheckIn {
  return typeof checkIn.payload === 'object' && checkIn.payload !== null ? checkIn.payload : {};
}

function oldestFirst(points: Point[]): Point[] {
  return points.sort((a, b) => a.at.localeCompare(b.at));
}

/** Pain scores, oldest first (check-ins without one are left out). */
export function painSeries(checkIns: readonly CheckInRecord[]): Point[] {
  const points: Point[] = [];
  for (const checkIn of checkIns) {
    const score = payloadOf(checkIn).pain?.score;
    if (typeof score === 'number') {
      points.push({ at: checkIn.submittedAt, value: score });
    }
  }
  return oldestFirst(points);
}

/** Temperatures in the patient's unit, oldest first. */
export function temperatureSeries(checkIns: readonly CheckInRecord[], unit: TemperatureUnit): Point[] {
  const points: Point[] = [];
  for (const checkIn of checkIns) {
    const temperature = payloadOf(checkIn).temperature;
    if (typeof temperature?.value === 'number' && (temperature.unit === 'C' || temperature.unit === 'F')) {
      points.push({ at: checkIn.submittedAt, value: convertTemperature(temperature.value, temperature.unit, unit) });
    }
  }
  return oldestFirst(points);
}

export interface DoseCount {
  medicationId: string;
  name: string;
  taken: number;
  skipped: number;
  missed: number;
}

/** A dose still within this long of its time is due, not missed. */
const MISSED_AFTER_MS = 60 * 60 * 1000;

/**
 * Doses of the last `days` local days (today included), by medicine: taken and skipped as logged; missed when a
 * scheduled time passed more than an hour ago with nothing logged for it. Medicines with nothing to count are left out.
 */
export function doseCounts(
  medications: readonly Medication[],
  doses: readonly DoseEvent[],
  timeZone: string,
  now: Date,
  days = 7,
): DoseCount[] {
  const from = startOfLocalDay(addDays(localDateOf(now, timeZone), 1 - days), timeZone);
  const missedBefore = new Date(now.getTime() - MISSED_AFTER_MS);
  const inWindow = doses.filter((dose) => {
    const at = Date.parse(dose.at);
    return at >= from.getTime() && at <= now.getTime();
  });
  // Only the latest version of each medicine is known here: as a first version, it stands for the whole window.
  const occurrences = missedBefore > from ? doseOccurrences(medications, timeZone, from, missedBefore) : [];
  const answered = new Set(
    doses
      .filter((dose) => dose.scheduledFor !== null)
      .map((dose) => `${dose.medicationId}@${String(Date.parse(dose.scheduledFor ?? ''))}`),
  );
  const counts: DoseCount[] = [];
  for (const medication of medications) {
    const mine = inWindow.filter((dose) => dose.medicationId === medication.id);
    const missed = occurrences.filter(
      (occurrence) =>
        occurrence.medicationId === medication.id &&
        !answered.has(`${medication.id}@${String(Date.parse(occurrence.scheduledFor))}`),
    ).length;
    const count = {
      medicationId: medication.id,
      name: medication.name,
      taken: mine.filter((dose) => dose.status === 'taken').length,
      skipped: mine.filter((dose) => dose.status === 'skipped').length,
      missed,
    };
    if (count.taken + count.skipped + count.missed > 0) {
      counts.push(count);
    }
  }
  return counts;
}

export type Comparison = 'sooner' | 'about' | 'later';

/** How a day of full recovery compares with the published median (within two days counts as "about the same"). */
export function compareWithMedian(day: number, medianDays: number): Comparison {
  if (Math.abs(day - medianDays) <= 2) {
    return 'about';
  }
  return day < medianDays ? 'sooner' : 'later';
}
