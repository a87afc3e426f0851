/** The daily check-in: is today's due (Today screen, reminder), and has the patient gone quiet (care-team dashboard)? */
import { addDays, localDateOf, MS_PER_HOUR, toEpochMs, zonedEpochMs } from './local-time.ts';
import type { LocalDate, LocalTime } from './local-time.ts';
import type { Instant } from './types.ts';

export interface DailyCheckInDue {
  /** The chosen time has passed today and there is no check-in yet today (local day). */
  due: boolean;
  /** A check-in was sent during today's local date (before or after the chosen time). */
  doneToday: boolean;
  today: LocalDate;
  /** Today's chosen time as an instant. */
  todayAt: Instant;
  /** When the next check-in is asked for: today's chosen time until one is done today, then tomorrow's. */
  nextDueAt: Instant;
}

/**
 * The daily check-in at `chosenLocalTime` in the patient's zone. A day counts as done when any check-in was sent
 * during that local date; the time follows the zone across DST (a skipped time moves to the end of the gap).
 *
 * Example: dailyCheckInDue(lastCheckIn?.submittedAt ?? null, '19:00', patient.timeZone, now)
 */
export function dailyCheckInDue(
  lastCheckInAt: Date | Instant | null,
  chosenLocalTime: LocalTime,
  timeZone: string,
  now: Date,
): DailyCheckInDue {
  const nowMs = toEpochMs(now, 'now');
  const today = localDateOf(now, timeZone);
  const todayAt = zonedEpochMs(today, chosenLocalTime, timeZone);
  const doneToday =
    lastCheckInAt !== null && localDateOf(new Date(toEpochMs(lastCheckInAt, 'lastCheckInAt')), timeZone) === today;
  const nextDueAt = doneToday ? zonedEpochMs(addDays(today, 1), chosenLocalTime, timeZone) : todayAt;
  return {
    due: !doneToday && nowMs >= todayAt,
    doneToday,
    today,
    todayAt: new Date(todayAt).toISOString(),
    nextDueAt: new Date(nextDueAt).toISOString(),
  };
}

export interface MissedCheckIn {
  /** No check-in for longer than the window. */
  missed: boolean;
  /** Whole hours since the last check-in; null when there was none. */
  hoursSince: number | null;
  /** When the patient went quiet (last check-in + window); null when there was none. */
  quietSince: Instant | null;
}

/**
 * "Gone quiet": no check-in within `windowHours` before `now`. With no check-in at all the patient counts as
 * quiet, so pass the enrolment instant instead when there is none yet.
 */
export function missedCheckIn(lastCheckInAt: Date | Instant | null, windowHours: number, now: Date): MissedCheckIn {
  const nowMs = toEpochMs(now, 'now');
  if (lastCheckInAt === null) {
    return { missed: true, hoursSince: null, quietSince: null };
  }
  const lastMs = toEpochMs(lastCheckInAt, 'lastCheckInAt');
  const quietSince = lastMs + Math.round(windowHours * MS_PER_HOUR);
  return {
    missed: nowMs >= quietSince,
    hoursSince: Math.max(0, Math.floor((nowMs - lastMs) / MS_PER_HOUR)),
    quietSince: new Date(quietSince).toISOString(),
  };
}
