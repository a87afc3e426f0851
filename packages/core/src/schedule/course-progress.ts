/** How far along a course of a scheduled medicine (an antibiotic) is: doses taken, missed and left, and its last day. */
import { daysBetween, localDateOf, startOfLocalDay, toEpochMs } from './local-time.ts';
import type { LocalDate } from './local-time.ts';
import { doseOccurrences, endOfLocalDay, matchDoses } from './dose-occurrences.ts';
import type { DoseOccurrence, LoggedDose, Instant, MedicationVersion } from './types.ts';

export interface CourseProgress {
  /** The course's last day (inclusive) in the patient's zone; null when it has no end. */
  endDate: LocalDate | null;
  /** Every dose the schedule holds, start to end; null when the course has no end (or the medicine is as needed). */
  totalDoses: number | null;
  /** Scheduled doses answered "taken" (for an as-needed medicine: every dose taken). */
  dosesTaken: number;
  dosesSkipped: number;
  /** Scheduled before now and not answered. */
  dosesMissed: number;
  /** Scheduled from now to the end and not answered yet; null when the course has no end. */
  dosesLeft: number | null;
  /** Local days left counting today (1 on the last day, 0 after it); null when the course has no end. */
  daysLeft: number | null;
  /** When the last dose is due; null when the course has no end or no doses. */
  lastDoseAt: Instant | null;
  /** The course is over: past its last day, or the medicine was stopped. */
  finished: boolean;
}

/**
 * Progress of a course at `now`. Pass every version of the medicine (or just one); the latest version decides the
 * end. A stopped medicine's course ends when it was stopped.
 *
 * Example: courseProgress(antibioticVersions, doses, 'Europe/Madrid', now) → { dosesLeft: 9, endDate: '2026-03-31', … }
 */
export function courseProgress(
  medicationVersions: MedicationVersion | readonly MedicationVersion[],
  doses: readonly LoggedDose[],
  timeZone: string,
  now: Date,
): CourseProgress {
  const versions = isVersionList(medicationVersions) ? [...medicationVersions] : [medicationVersions];
  versions.sort((a, b) => a.version - b.version);
  const latest = versions.at(-1);
  if (latest === undefined) {
    return emptyProgress();
  }
  const nowMs = toEpochMs(now, 'now');
  const own = doses.filter((dose) => dose.medicationId === latest.id);
  const stoppedMs = latest.stoppedAt === null ? null : toEpochMs(latest.stoppedAt, 'stoppedAt');
  const plannedEndMs = latest.endDate === null ? Infinity : endOfLocalDay(latest.endDate, timeZone);
  const stoppedEarly = stoppedMs !== null && stoppedMs < plannedEndMs;
  const endMs = stoppedEarly ? stoppedMs : plannedEndMs;
  const finished = nowMs >= endMs;
  // A stop before the planned end moves the last day to the day of the stop.
  const endDate = stoppedEarly ? localDateOf(new Date(stoppedMs), timeZone) : latest.endDate;
  const daysLeft =
    endDate === null ? null : finished ? 0 : Math.max(0, daysBetween(localDateOf(now, timeZone), endDate) + 1);

  if (latest.timing.type === 'as-needed') {
    return {
      ...emptyProgress(),
      endDate,
      daysLeft,
      finished,
      dosesTaken: own.filter((dose) => dose.status === 'taken').length,
      dosesSkipped: own.filter((dose) => dose.status === 'skipped').length,
    };
  }

  const firstDay = versions.map((version) => version.startDate).sort()[0] ?? latest.startDate;
  const courseStart = startOfLocalDay(firstDay, timeZone);
  // Open-ended: count what is scheduled up to now only.
  const countUntil = Number.isFinite(endMs) ? endMs : Math.max(nowMs, courseStart.getTime());
  const scheduled = doseOccurrences(versions, timeZone, courseStart, new Date(countUntil));
  const answers = matchDoses(scheduled, own);
  const isPast = (occurrence: DoseOccurrence) => Date.parse(occurrence.scheduledFor) < nowMs;
  let dosesTaken = 0;
  let dosesSkipped = 0;
  let dosesMissed = 0;
  let dosesLeft = 0;
  for (const occurrence of scheduled) {
    const answer = answers.get(occurrence.key);
    if (answer?.status === 'taken') {
      dosesTaken += 1;
    } else if (answer?.status === 'skipped') {
      dosesSkipped += 1;
    } else if (isPast(occurrence)) {
      dosesMissed += 1;
    } else {
      dosesLeft += 1;
    }
  }
  const openEnded = !Number.isFinite(endMs);
  return {
    endDate,
    totalDoses: openEnded ? null : scheduled.length,
    dosesTaken,
    dosesSkipped,
    dosesMissed,
    dosesLeft: openEnded ? null : dosesLeft,
    daysLeft,
    lastDoseAt: openEnded ? null : (scheduled.at(-1)?.scheduledFor ?? null),
    finished,
  };
}

function emptyProgress(): CourseProgress {
  return {
    endDate: null,
    totalDoses: null,
    dosesTaken: 0,
    dosesSkipped: 0,
    dosesMissed: 0,
    dosesLeft: null,
    daysLeft: null,
    lastDoseAt: null,
    finished: false,
  };
}

function isVersionList(value: MedicationVersion | readonly MedicationVersion[]): value is readonly MedicationVersion[] {
  return Array.isArray(value);
}
