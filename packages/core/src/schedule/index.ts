/** Schedules in the patient's own time zone: dose times, as-needed limits, courses, recovery day, check-in timing. */
export {
  addDays,
  daysBetween,
  isValidTimeZone,
  localDateOf,
  localTimeOf,
  recoveryDay,
  startOfLocalDay,
  zonedInstant,
} from './local-time.ts';
export type { LocalDate, LocalTime } from './local-time.ts';
export { doseOccurrences, doseOccurrencesAcrossZones, EVERY_HOURS_ANCHOR, matchDoses } from './dose-occurrences.ts';
export type { ZoneSpan } from './dose-occurrences.ts';
export { asNeededStatus } from './as-needed.ts';
export type { AsNeededStatus } from './as-needed.ts';
export { courseProgress } from './course-progress.ts';
export type { CourseProgress } from './course-progress.ts';
export { dailyCheckInDue, missedCheckIn } from './check-in-due.ts';
export type { DailyCheckInDue, MissedCheckIn } from './check-in-due.ts';
export type { DoseOccurrence, LoggedDose, MedicationVersion } from './types.ts';
