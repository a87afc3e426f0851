/** Dose times of versioned medicines in a half-open window [from, to), in the patient's zone, across DST. */
import {
  addDays,
  daysBetween,
  localDateOf,
  MS_PER_DAY,
  MS_PER_HOUR,
  toEpochMs,
  wallClockMs,
  zonedEpochMs,
} from './local-time.ts';
import type { LocalDate } from './local-time.ts';
import type { DoseOccurrence, LoggedDose, Instant, MedicationVersion } from './types.ts';

/**
 * "Every N hours" counts elapsed hours (not wall-clock hours) from this local time on the version's startDate,
 * so an 8-hourly antibiotic started on a spring-forward day still gets its doses 8 real hours apart.
 */
export const EVERY_HOURS_ANCHOR = '08:00';

/**
 * The scheduled doses of every medicine among `medicationVersions` (all versions of one or more medicines,
 * in any order) with `from <= scheduledFor < to`, sorted by time, then medicine id, then occurrence.
 *
 * - Fixed times: each time is a local wall time every day from startDate to endDate (inclusive), so 08:00 stays
 *   08:00 across DST; a time skipped by spring-forward fires at the first instant after the gap; a time that
 *   happens twice on a fall-back day fires once, the first time.
 * - Every N hours: {@link EVERY_HOURS_ANCHOR} local on startDate, then every N elapsed hours, until the end of
 *   endDate (local).
 * - As needed: no occurrences.
 * - Versions: version k governs [its effectiveFrom, the next version's effectiveFrom); the first version also
 *   governs everything before its effectiveFrom (from its startDate), so a medicine entered after the patient
 *   began it still shows today's earlier doses. Nothing is scheduled at or after a version's stoppedAt.
 *
 * Example: doseOccurrences([antibiotic], 'Europe/Madrid', new Date('2026-03-29T00:00Z'), new Date('2026-03-30T00:00Z'))
 */
export function doseOccurrences(
  medicationVersions: readonly MedicationVersion[],
  timeZone: string,
  from: Date,
  to: Date,
): DoseOccurrence[] {
  const windowStart = toEpochMs(from, 'from');
  const windowEnd = toEpochMs(to, 'to');
  if (windowEnd <= windowStart) {
    return [];
  }
  const occurrences: DoseOccurrence[] = [];
  for (const versions of versionsByMedicine(medicationVersions)) {
    versions.forEach((version, index) => {
      const next = versions[index + 1];
      let governsFrom = index === 0 ? -Infinity : toEpochMs(version.effectiveFrom, 'effectiveFrom');
      let governsUntil = next === undefined ? Infinity : toEpochMs(next.effectiveFrom, 'effectiveFrom');
      if (version.stoppedAt !== null) {
        governsUntil = Math.min(governsUntil, toEpochMs(version.stoppedAt, 'stoppedAt'));
      }
      governsFrom = Math.max(governsFrom, windowStart);
      governsUntil = Math.min(governsUntil, windowEnd);
      if (governsFrom < governsUntil) {
        occurrences.push(...versionOccurrences(version, timeZone, governsFrom, governsUntil));
      }
    });
  }
  return occurrences.sort(compareOccurrences);
}

/** One zone the patient lived in, from an instant on (the first entry's `from` is ignored: it reaches back). */
export interface ZoneSpan {
  readonly from: Instant;
  readonly timeZone: string;
}

/**
 * Occurrences when the patient changed zone inside the window: each span is scheduled in its own zone, by key, so
 * a dose is neither given twice nor lost by the move. Flying west, the same day's 20:00 dose already given in the old
 * zone is not repeated in the new one; flying east, a dose the old zone had not reached yet but the new zone has
 * already passed is due at the moment of the move.
 */
export function doseOccurrencesAcrossZones(
  medicationVersions: readonly MedicationVersion[],
  zones: readonly ZoneSpan[],
  from: Date,
  to: Date,
): DoseOccurrence[] {
  const spans = [...zones].sort((a, b) => toEpochMs(a.from, 'from') - toEpochMs(b.from, 'from'));
  const windowStart = toEpochMs(from, 'from');
  const windowEnd = toEpochMs(to, 'to');
  const occurrences: DoseOccurrence[] = [];
  spans.forEach((span, index) => {
    const next = spans[index + 1];
    const movedAt = index === 0 ? -Infinity : toEpochMs(span.from, 'from');
    const spanStart = Math.max(windowStart, movedAt);
    const spanEnd = next === undefined ? windowEnd : Math.min(windowEnd, toEpochMs(next.from, 'from'));
    if (spanStart >= spanEnd) {
      return;
    }
    const scheduled = new Set<string>();
    if (index > 0) {
      // Zone offsets differ by at most 26 hours, so one dose's times in two zones are less than two days apart.
      const before = (zone: readonly ZoneSpan[], days: number) =>
        doseOccurrencesAcrossZones(medicationVersions, zone, new Date(movedAt - days * MS_PER_DAY), new Date(movedAt));
      for (const occurrence of before(spans.slice(0, index), 4)) {
        scheduled.add(occurrence.key);
      }
      if (movedAt >= windowStart) {
        for (const missed of before([span], 2).filter((occurrence) => !scheduled.has(occurrence.key))) {
          scheduled.add(missed.key);
          occurrences.push(occurrenceAt(missed, movedAt, span.timeZone));
        }
      }
    }
    for (const occurrence of doseOccurrences(
      medicationVersions,
      span.timeZone,
      new Date(spanStart),
      new Date(spanEnd),
    )) {
      if (!scheduled.has(occurrence.key)) {
        scheduled.add(occurrence.key);
        occurrences.push(occurrence);
      }
    }
  });
  return occurrences.sort(compareOccurrences);
}

/**
 * The dose answering each occurrence, by key: a dose answers the occurrence with its medicine, version and
 * scheduled instant; when several do, the latest logged wins (a "skipped" corrected to "taken").
 */
export function matchDoses<Dose extends LoggedDose>(
  occurrences: readonly DoseOccurrence[],
  doses: readonly Dose[],
): Map<string, Dose> {
  const byScheduled = new Map<string, Dose>();
  for (const dose of doses) {
    if (dose.scheduledFor === null) {
      continue;
    }
    const slot = `${dose.medicationId}:${dose.medicationVersion}@${toEpochMs(dose.scheduledFor, 'scheduledFor')}`;
    const earlier = byScheduled.get(slot);
    if (earlier === undefined || toEpochMs(earlier.at) <= toEpochMs(dose.at)) {
      byScheduled.set(slot, dose);
    }
  }
  const answers = new Map<string, Dose>();
  for (const occurrence of occurrences) {
    const slot = `${occurrence.medicationId}:${occurrence.medicationVersion}@${Date.parse(occurrence.scheduledFor)}`;
    const dose = byScheduled.get(slot);
    if (dose !== undefined) {
      answers.set(occurrence.key, dose);
    }
  }
  return answers;
}

function versionsByMedicine(medicationVersions: readonly MedicationVersion[]): MedicationVersion[][] {
  const byId = new Map<string, MedicationVersion[]>();
  for (const version of medicationVersions) {
    const versions = byId.get(version.id);
    if (versions === undefined) {
      byId.set(version.id, [version]);
    } else {
      versions.push(version);
    }
  }
  return [...byId.values()].map((versions) => versions.sort((a, b) => a.version - b.version));
}

/** The version's own schedule between two instants (ms, half-open), before any version bookkeeping. */
function versionOccurrences(version: MedicationVersion, timeZone: string, from: number, to: number): DoseOccurrence[] {
  const timing = version.timing;
  switch (timing.type) {
    case 'as-needed':
      return [];
    case 'fixed-times':
      return fixedTimeOccurrences(version, [...new Set(timing.times)].sort(), timeZone, from, to);
    case 'every-hours':
      return everyHoursOccurrences(version, timing.hours, timeZone, from, to);
  }
}

function fixedTimeOccurrences(
  version: MedicationVersion,
  times: readonly string[],
  timeZone: string,
  from: number,
  to: number,
): DoseOccurrence[] {
  // One day of margin each side: a local date's doses can fall on the neighbouring UTC day.
  let first = addDays(localDateOf(new Date(from), timeZone), -1);
  let last = addDays(localDateOf(new Date(to - 1), timeZone), 1);
  if (daysBetween(version.startDate, first) < 0) {
    first = version.startDate;
  }
  if (version.endDate !== null && daysBetween(version.endDate, last) > 0) {
    last = version.endDate;
  }
  const occurrences: DoseOccurrence[] = [];
  const firstDay = daysBetween(version.startDate, first);
  const lastDay = daysBetween(version.startDate, last);
  for (let day = firstDay; day <= lastDay; day += 1) {
    const date = addDays(version.startDate, day);
    times.forEach((time, position) => {
      const at = zonedEpochMs(date, time, timeZone);
      if (at >= from && at < to) {
        occurrences.push(occurrenceAt(identity(version, day * times.length + position), at, timeZone));
      }
    });
  }
  return occurrences;
}

function everyHoursOccurrences(
  version: MedicationVersion,
  hours: number,
  timeZone: string,
  from: number,
  to: number,
): DoseOccurrence[] {
  const step = Math.round(hours * MS_PER_HOUR);
  if (!(step > 0)) {
    return [];
  }
  const anchor = zonedEpochMs(version.startDate, EVERY_HOURS_ANCHOR, timeZone);
  const end = version.endDate === null ? to : Math.min(to, endOfLocalDay(version.endDate, timeZone));
  const occurrences: DoseOccurrence[] = [];
  for (let index = Math.max(0, Math.ceil((from - anchor) / step)); anchor + index * step < end; index += 1) {
    occurrences.push(occurrenceAt(identity(version, index), anchor + index * step, timeZone));
  }
  return occurrences;
}

/** The first instant after a local day (the start of the next one). */
export function endOfLocalDay(date: LocalDate, timeZone: string): number {
  return zonedEpochMs(addDays(date, 1), '00:00', timeZone);
}

function occurrenceAt(
  dose: Pick<DoseOccurrence, 'medicationId' | 'medicationVersion' | 'occurrence'>,
  at: number,
  timeZone: string,
): DoseOccurrence {
  const wall = new Date(wallClockMs(at, timeZone)).toISOString();
  return {
    key: `${dose.medicationId}:${dose.medicationVersion}:${dose.occurrence}`,
    medicationId: dose.medicationId,
    medicationVersion: dose.medicationVersion,
    occurrence: dose.occurrence,
    scheduledFor: new Date(at).toISOString(),
    localDate: wall.slice(0, 10),
    localTime: wall.slice(11, 16),
  };
}

function identity(version: MedicationVersion, occurrence: number) {
  return { medicationId: version.id, medicationVersion: version.version, occurrence };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** By time (toISOString output sorts as text), then medicine, version and occurrence. */
function compareOccurrences(a: DoseOccurrence, b: DoseOccurrence): number {
  return (
    compareText(a.scheduledFor, b.scheduledFor) ||
    compareText(a.medicationId, b.medicationId) ||
    a.medicationVersion - b.medicationVersion ||
    a.occurrence - b.occurrence
  );
}
