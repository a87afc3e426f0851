import { describe, expect, it } from 'vitest';
import { localDateIn, zonedTimeToInstant } from './zoned-time.ts';

describe('zonedTimeToInstant', () => {
  it.each([
    ['2026-11-25', '08:00', 'America/Chicago', '2026-11-25T14:00:00.000Z'],
    ['2026-07-01', '08:00', 'America/Chicago', '2026-07-01T13:00:00.000Z'],
    ['2026-07-01', '20:00', 'Europe/Madrid', '2026-07-01T18:00:00.000Z'],
    ['2026-01-01', '00:30', 'Asia/Kolkata', '2025-12-31T19:00:00.000Z'],
    ['2026-06-01', '09:00', 'UTC', '2026-06-01T09:00:00.000Z'],
    // Daylight-saving days: the day itself has 23 or 25 hours.
    ['2026-03-08', '08:00', 'America/Chicago', '2026-03-08T13:00:00.000Z'],
    ['2026-11-01', '08:00', 'America/Chicago', '2026-11-01T14:00:00.000Z'],
    ['2026-03-29', '08:00', 'Europe/London', '2026-03-29T07:00:00.000Z'],
  ])('%s %s in %s is %s', (date, time, zone, expected) => {
    expect(zonedTimeToInstant(date, time, zone).toISOString()).toBe(expected);
  });

  it('maps a skipped time (spring forward) to an hour later on the wall clock', () => {
    // 02:30 does not exist in Chicago on 2026-03-08: clocks jump from 02:00 CST to 03:00 CDT.
    expect(zonedTimeToInstant('2026-03-08', '02:30', 'America/Chicago').toISOString()).toBe('2026-03-08T08:30:00.000Z');
  });

  it('maps a repeated time (fall back) to its first occurrence', () => {
    // 01:30 happens twice in Chicago on 2026-11-01: first at CDT (UTC-5).
    expect(zonedTimeToInstant('2026-11-01', '01:30', 'America/Chicago').toISOString()).toBe('2026-11-01T06:30:00.000Z');
  });

  it('round-trips through localDateIn for every hour of a DST day', () => {
    for (let hour = 0; hour < 24; hour += 1) {
      const time = `${String(hour).padStart(2, '0')}:15`;
      expect(localDateIn('America/New_York', zonedTimeToInstant('2026-03-08', time, 'America/New_York'))).toBe(
        '2026-03-08',
      );
    }
  });
});

describe('localDateIn', () => {
  it('gives the date on the wall calendar of the zone', () => {
    const instant = new Date('2026-11-26T03:00:00Z');
    expect(localDateIn('America/Los_Angeles', instant)).toBe('2026-11-25');
    expect(localDateIn('Europe/Madrid', instant)).toBe('2026-11-26');
  });
});
