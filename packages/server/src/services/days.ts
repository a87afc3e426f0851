/** Calendar days in the patient's own time zone: "today" and "day N since the procedure" (day 0 = procedure day). */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local date "YYYY-MM-DD" of an instant in an IANA time zone. */
export function localDate(at: Date, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  return format.format(at);
}

/** Whole days from one local date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The local date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Day N of recovery at `now` in the patient's zone. */
export function recoveryDay(procedureDate: string, now: Date, timeZone: string): number {
  return daysBetween(procedureDate, localDate(now, timeZone));
}

/** The UTC instant of a local wall-clock time ("HH:MM") on a local date in a time zone (DST-aware). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const wanted = Date.parse(`${date}T${time}:00Z`);
  let guess = wanted;
  // Two rounds settle the offset, also next to a daylight-saving change.
  for (let round = 0; round < 2; round += 1) {
    guess += wanted - wallClock(new Date(guess), timeZone);
  }
  return new Date(guess);
}

/** The wall-clock time in the zone of an instant, read as if it were UTC (milliseconds). */
function wallClock(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}
