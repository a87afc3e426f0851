/** A small iCalendar (RFC 5545) writer: UTC times, escaped text, lines folded at 75 octets, CRLF line ends. */

export interface IcsEvent {
  /** Stable across downloads, so a calendar updates the event instead of adding a copy. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string | null;
  cancelled?: boolean;
  /** Minutes before the start for a reminder on the device; none when undefined. */
  alarmMinutesBefore?: number;
}

export interface IcsCalendar {
  /** Shown as the calendar's name by apps that subscribe to it. */
  name: string;
  /** The IANA zone the events are meant for: a hint for apps; every time is written in UTC. */
  timeZone: string;
  /** When this copy was made (DTSTAMP). */
  stamp: Date;
  events: readonly IcsEvent[];
  /** How often subscribing apps should fetch it again, in hours (feeds only). */
  refreshHours?: number;
}

const PRODUCT_ID = '-//Aftercare//Aftercare calendar//EN';
const MAX_LINE_OCTETS = 75;

/** "20261201T150000Z": UTC, so the instant is exact whatever the reader's zone and its daylight-saving rules. */
export function icsUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Control characters (other than line breaks, which are escaped) have no place in a calendar's text. */
function withoutControls(text: string): string {
  return Array.from(text)
    .filter((char) => {
      const code = char.codePointAt(0) ?? 0;
      return code === 0x0a || (code >= 0x20 && code !== 0x7f);
    })
    .join('');
}

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, and line breaks as "\n". */
export function escapeText(text: string): string {
  return withoutControls(text.replace(/\r\n|\r/g, '\n'))
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/** Splits a content line into pieces of at most 75 octets (continuations start with a space), never inside a character. */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // Continuation lines lose one octet to their leading space.
    const limit = pieces.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      pieces.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  pieces.push(current);
  return pieces.join('\r\n ');
}

function eventLines(event: IcsEvent, stamp: Date): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${icsUtc(stamp)}`,
    `DTSTART:${icsUtc(event.start)}`,
    `DTEND:${icsUtc(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.description !== undefined && event.description !== '') {
    lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  }
  if (event.location !== undefined && event.location !== null && event.location !== '') {
    lines.push(`LOCATION:${escapeText(event.location)}`);
  }
  lines.push(`STATUS:${event.cancelled === true ? 'CANCELLED' : 'CONFIRMED'}`, 'TRANSP:OPAQUE');
  if (event.alarmMinutesBefore !== undefined && event.cancelled !== true) {
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeText(event.summary)}`,
      `TRIGGER:-PT${String(Math.max(0, Math.round(event.alarmMinutesBefore)))}M`,
      'END:VALARM',
    );
  }
  lines.push('END:VEVENT');
  return lines;
}

/**
 * The calendar as iCalendar text.
 * @example
 * icsText({ name: 'Visits', timeZone: 'America/Chicago', stamp: now, events: [{ uid, start, end, summary }] })
 */
export function icsText(calendar: IcsCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `NAME:${escapeText(calendar.name)}`,
    `X-WR-TIMEZONE:${escapeText(calendar.timeZone)}`,
  ];
  if (calendar.refreshHours !== undefined) {
    const duration = `PT${String(calendar.refreshHours)}H`;
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${duration}`, `X-PUBLISHED-TTL:${duration}`);
  }
  for (const event of calendar.events) {
    lines.push(...eventLines(event, calendar.stamp));
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
