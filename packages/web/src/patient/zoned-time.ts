/** Dates and times in the patient's own IANA time zone, with the browser's Intl only (no date library). */

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(timeZone: string, epochMs: number): Parts {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const values: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') {
      values[part.type] = Number(part.value);
    }
  }
  return {
    year: values.year ?? 0,
    month: values.month ?? 1,
    day: values.day ?? 1,
    hour: values.hour ?? 0,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

/** How far the zone is ahead of UTC at this instant, in milliseconds. */
function offsetMs(timeZone: string, epochMs: number): number {
  const p = partsIn(timeZone, epochMs);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The calendar date "YYYY-MM-DD" of an instant in a zone. */
export function localDateIn(timeZone: string, instant: Date): string {
  const p = partsIn(timeZone, instant.getTime());
  return `${String(p.year).padStart(4, '0')}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` `time` ("HH:MM").
 * A time skipped by a daylight-saving jump maps to the same wall time an hour later (as clocks do);
 * a time that happens twice maps to the first one.
 *
 * @example zonedTimeToInstant('2026-03-08', '08:00', 'America/Chicago') // 2026-03-08T13:00:00.000Z
 */
export function zonedTimeToInstant(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0);
  // Try the offsets in force a little before and after: one of them is right, except in a skipped hour.
  const candidates = [offsetMs(timeZone, wall - 86_400_000), offsetMs(timeZone, wall + 86_400_000)]
    .map((offset) => wall - offset)
    .filter((instant) => offsetMs(timeZone, instant) === wall - instant)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) {
    return new Date(first);
  }
  // Skipped wall time (spring forward): keep the offset from before the jump.
  return new Date(wall - offsetMs(timeZone, wall - 86_400_000));
}

/** A clock time for people ("8:00 AM", "8:00"), in their zone and language. */
export function formatTimeIn(timeZone: string, instant: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(instant);
}

/** A date and time for people ("Tue, Dec 1, 9:30 AM"), in their zone and language. */
export function formatDateTimeIn(timeZone: string, instant: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(instant);
}
