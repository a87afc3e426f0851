/** Quiet hours: a patient reminder due inside them waits until they end (in the patient's zone, across DST). */
import { addDays, localDateOf, localTimeOf, zonedInstant } from '@aftercare/core/schedule';

export interface QuietHours {
  /** Local "HH:MM"; start after end means the quiet time crosses midnight. */
  start: string;
  end: string;
}

/** Whether a local "HH:MM" falls inside the quiet hours (start inclusive, end exclusive). */
export function isQuietTime(localTime: string, quiet: QuietHours): boolean {
  if (quiet.start === quiet.end) {
    return false;
  }
  return quiet.start < quiet.end
    ? localTime >= quiet.start && localTime < quiet.end
    : localTime >= quiet.start || localTime < quiet.end;
}

/**
 * The instant itself when it is not in quiet hours, else the end of those quiet hours.
 * Example: afterQuietHours(22:30 local, { start: '21:00', end: '08:00' }, zone) → 08:00 the next morning.
 */
export function afterQuietHours(at: Date, quiet: QuietHours, timeZone: string): Date {
  const time = localTimeOf(at, timeZone);
  if (!isQuietTime(time, quiet)) {
    return at;
  }
  const date = localDateOf(at, timeZone);
  // Crossing midnight, a time after the start ends the next day; a time before the end ends today.
  const endDate = quiet.start > quiet.end && time >= quiet.start ? addDays(date, 1) : date;
  return zonedInstant(endDate, quiet.end, timeZone);
}
