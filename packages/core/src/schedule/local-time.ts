/** Local dates and wall-clock times in an IANA time zone, on Intl alone (no library): the DST rules live here. */
import { AftercareError } from '../errors.ts';

/** Calendar date "YYYY-MM-DD": a day in the patient's own zone. */
export type LocalDate = string;
/** Wall-clock time "HH:MM" (24-hour clock). */
export type LocalTime = string;

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch (error) {
      if (error instanceof RangeError) {
        throw badInput('timeZone', `"${timeZone}" is not a time zone we know: use a name like "Europe/Madrid".`);
      }
      throw error;
    }
    formatters.set(timeZone, format);
  }
  return format;
}

function badInput(path: string, message: string): AftercareError {
  return new AftercareError('CARE_ERR_BAD_INPUT', message, [{ path, message }]);
}

/** True when the runtime knows this IANA time zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Milliseconds since the epoch of a Date or ISO string; a bad instant is bad input, not a crash. */
export function toEpochMs(instant: Date | string, path = 'instant'): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) {
    throw badInput(path, 'That is not a valid date and time.');
  }
  return ms;
}

// "11/25/2026, 08:16:53": parsing format() is several times faster than formatToParts(), which stays the fallback.
const EN_US_WALL_CLOCK = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),? (\d{1,2}):(\d{2}):(\d{2})$/;

/** The wall clock of an instant in a zone, straight from Intl (ms, read as if UTC, whole seconds). */
function intlWallClockMs(epochMs: number, timeZone: string): number {
  const format = formatterFor(timeZone);
  const at = new Date(Math.floor(epochMs / 1000) * 1000);
  const match = EN_US_WALL_CLOCK.exec(format.format(at));
  if (match !== null) {
    const [, month, day, year, hour, minute, second] = match.map(Number) as [number, ...number[]];
    // Some ICU versions print midnight as 24 even with h23.
    return Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, (hour ?? 0) % 24, minute ?? 0, second ?? 0);
  }
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of format.formatToParts(at)) {
    fields[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  return Date.UTC(year, month - 1, day, hour % 24, minute, second);
}

// Offsets per zone and UTC hour: a zone changes offset at most once in any hour, so when both ends of an hour
// agree the whole hour has that offset (NaN marks an hour with a change inside, asked of Intl each time).
const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_LIMIT = 20_000;

/** The zone's offset from UTC at an instant (ms; positive east of Greenwich). */
export function offsetMs(epochMs: number, timeZone: string): number {
  const hour = Math.floor(epochMs / MS_PER_HOUR);
  let zoneOffsets = offsetCache.get(timeZone);
  if (zoneOffsets === undefined) {
    zoneOffsets = new Map();
    offsetCache.set(timeZone, zoneOffsets);
  }
  let offset = zoneOffsets.get(hour);
  if (offset === undefined) {
    const start = hour * MS_PER_HOUR;
    const end = start + MS_PER_HOUR - 1000;
    const atStart = intlWallClockMs(start, timeZone) - start;
    const atEnd = intlWallClockMs(end, timeZone) - end;
    offset = atStart === atEnd ? atStart : Number.NaN;
    if (zoneOffsets.size >= OFFSET_CACHE_LIMIT) {
      zoneOffsets.clear();
    }
    zoneOffsets.set(hour, offset);
  }
  if (Number.isNaN(offset)) {
    const second = Math.floor(epochMs / 1000) * 1000;
    return intlWallClockMs(second, timeZone) - second;
  }
  return offset;
}

/** The wall clock of an instant in a zone, read as if it were UTC (ms): the basis of every local computation. */
export function wallClockMs(epochMs: number, timeZone: string): number {
  return epochMs + offsetMs(epochMs, timeZone);
}

/** The local date of an instant in a zone. Example: localDateOf('2026-03-08T04:00:00Z', 'America/New_York') → "2026-03-07". */
export function localDateOf(instant: Date | string, timeZone: string): LocalDate {
  return new Date(wallClockMs(toEpochMs(instant), timeZone)).toISOString().slice(0, 10);
}

/** The local wall time "HH:MM" of an instant in a zone. */
export function localTimeOf(instant: Date | string, timeZone: string): LocalTime {
  return new Date(wallClockMs(toEpochMs(instant), timeZone)).toISOString().slice(11, 16);
}

/** Checks a "YYYY-MM-DD" that names a real day and returns its midnight read as UTC (ms). */
function localDateMs(date: LocalDate, path = 'date'): number {
  const match = LOCAL_DATE.exec(date);
  const ms = match === null ? Number.NaN : Date.parse(`${date}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over to March: compare back to catch it.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw badInput(path, `"${date}" is not a date of the form YYYY-MM-DD.`);
  }
  return ms;
}

function localTimeMs(time: LocalTime, path = 'time'): number {
  const match = LOCAL_TIME.exec(time);
  if (match === null) {
    throw badInput(path, `"${time}" is not a time of the form HH:MM (24-hour clock).`);
  }
  return Number(match[1]) * MS_PER_HOUR + Number(match[2]) * MS_PER_MINUTE;
}

/** The local date `days` after `date` (negative goes back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(localDateMs(date) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from one local date to another (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((localDateMs(to) - localDateMs(from)) / MS_PER_DAY);
}

/**
 * The UTC instant (ms) of a local wall time on a local date. A time that does not exist (skipped on a
 * spring-forward day) becomes the first instant after the gap, when the clocks show the time they jumped to;
 * a time that happens twice (fall-back day) is the first of the two.
 */
export function zonedEpochMs(date: LocalDate, time: LocalTime, timeZone: string): number {
  const wall = localDateMs(date) + localTimeMs(time);
  // A day either side is far enough to see both offsets of any one transition (Temporal does the same).
  const offsetBefore = offsetMs(wall - MS_PER_DAY, timeZone);
  const offsetAfter = offsetMs(wall + MS_PER_DAY, timeZone);
  const candidates = [wall - offsetBefore, wall - offsetAfter]
    .filter((candidate) => wallClockMs(candidate, timeZone) === wall)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) {
    return first;
  }
  if (offsetAfter <= offsetBefore) {
    // Not a plain gap (two transitions within two days): the old offset is the best answer left.
    return wall - offsetBefore;
  }
  // A gap: the transition lies in (wall - offsetAfter, wall - offsetBefore]; find it to the second.
  let tooEarly = wall - offsetAfter;
  let onTime = wall - offsetBefore;
  while (onTime - tooEarly > 1000) {
    const middle = tooEarly + Math.floor((onTime - tooEarly) / 2000) * 1000;
    if (wallClockMs(middle, timeZone) >= wall) {
      onTime = middle;
    } else {
      tooEarly = middle;
    }
  }
  return onTime;
}

/**
 * Local wall time to UTC instant, with the daylight-saving rules of {@link zonedEpochMs}.
 * Example: zonedInstant('2026-03-08', '02:30', 'America/New_York') → 2026-03-08T07:00:00.000Z (03:00 EDT).
 */
export function zonedInstant(date: LocalDate, time: LocalTime, timeZone: string): Date {
  return new Date(zonedEpochMs(date, time, timeZone));
}

/** The first instant of a local day (midnight, or the first instant after it where midnight is skipped). */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  return zonedInstant(date, '00:00', timeZone);
}

/** Day N of recovery in the patient's zone: day 0 is the procedure day, negative before it. */
export function recoveryDay(procedureDate: LocalDate, timeZone: string, now: Date): number {
  return daysBetween(procedureDate, localDateOf(now, timeZone));
}
