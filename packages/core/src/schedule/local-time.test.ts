import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAftercareError } from '../errors.ts';
import {
  addDays,
  daysBetween,
  isValidTimeZone,
  localDateOf,
  localTimeOf,
  offsetMs,
  recoveryDay,
  startOfLocalDay,
  wallClockMs,
  zonedInstant,
} from './local-time.ts';

const ZONES = [
  'America/New_York',
  'Europe/Madrid',
  'America/Mexico_City',
  'Australia/Sydney',
  'Australia/Lord_Howe', // half-hour DST
  'Asia/Kolkata',
  'Pacific/Chatham',
  'America/Santiago', // changes at midnight
  'UTC',
] as const;

const iso = (date: string, time: string, zone: string) => zonedInstant(date, time, zone).toISOString();

describe('zonedInstant', () => {
  it('keeps ordinary wall times', () => {
    expect(iso('2026-01-15', '08:00', 'America/New_York')).toBe('2026-01-15T13:00:00.000Z');
    expect(iso('2026-07-15', '08:00', 'America/New_York')).toBe('2026-07-15T12:00:00.000Z');
    expect(iso('2026-01-15', '08:00', 'Europe/Madrid')).toBe('2026-01-15T07:00:00.000Z');
    expect(iso('2026-07-15', '08:00', 'Europe/Madrid')).toBe('2026-07-15T06:00:00.000Z');
    expect(iso('2026-01-15', '08:00', 'Australia/Sydney')).toBe('2026-01-14T21:00:00.000Z');
    expect(iso('2026-07-15', '08:00', 'Australia/Sydney')).toBe('2026-07-14T22:00:00.000Z');
  });

  it('moves a time skipped by spring-forward to the end of the gap', () => {
    // US: 2026-03-08 02:00 EST → 03:00 EDT.
    expect(iso('2026-03-08', '02:00', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    expect(iso('2026-03-08', '02:30', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    expect(iso('2026-03-08', '03:00', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    expect(iso('2026-03-08', '01:59', 'America/New_York')).toBe('2026-03-08T06:59:00.000Z');
    // EU: 2026-03-29 02:00 CET → 03:00 CEST.
    expect(iso('2026-03-29', '02:30', 'Europe/Madrid')).toBe('2026-03-29T01:00:00.000Z');
    // Sydney: 2026-10-04 02:00 AEST → 03:00 AEDT.
    expect(iso('2026-10-04', '02:30', 'Australia/Sydney')).toBe('2026-10-03T16:00:00.000Z');
    // Lord Howe skips only half an hour: 02:00 → 02:30.
    expect(iso('2026-10-04', '02:15', 'Australia/Lord_Howe')).toBe('2026-10-03T15:30:00.000Z');
  });

  it('takes the first of a time repeated by fall-back', () => {
    // US: 2026-11-01 02:00 EDT → 01:00 EST; 01:30 happens at 05:30Z and 06:30Z.
    expect(iso('2026-11-01', '01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(iso('2026-11-01', '02:00', 'America/New_York')).toBe('2026-11-01T07:00:00.000Z');
    // EU: 2026-10-25 03:00 CEST → 02:00 CET; 02:30 happens at 00:30Z and 01:30Z.
    expect(iso('2026-10-25', '02:30', 'Europe/Madrid')).toBe('2026-10-25T00:30:00.000Z');
    // Sydney: 2026-04-05 03:00 AEDT → 02:00 AEST.
    expect(iso('2026-04-05', '02:30', 'Australia/Sydney')).toBe('2026-04-04T15:30:00.000Z');
  });

  it('has no DST in Mexico City since 2022', () => {
    for (const date of ['2026-01-15', '2026-04-05', '2026-07-15', '2026-10-25', '2026-11-01']) {
      expect(iso(date, '08:00', 'America/Mexico_City')).toBe(`${date}T14:00:00.000Z`);
    }
  });

  it('starts a day at the first instant after a skipped midnight', () => {
    // Chile springs forward at 00:00 → 01:00 on 2026-09-06.
    const start = startOfLocalDay('2026-09-06', 'America/Santiago');
    expect(localDateOf(start, 'America/Santiago')).toBe('2026-09-06');
    expect(localTimeOf(start, 'America/Santiago')).toBe('01:00');
  });

  it('refuses unknown zones, impossible dates and times as bad input', () => {
    for (const call of [
      () => zonedInstant('2026-03-08', '08:00', 'Mars/Olympus_Mons'),
      () => zonedInstant('2026-02-30', '08:00', 'UTC'),
      () => zonedInstant('2026-3-8', '08:00', 'UTC'),
      () => zonedInstant('2026-03-08', '24:00', 'UTC'),
      () => zonedInstant('2026-03-08', '8:00', 'UTC'),
      () => localDateOf('not a date', 'UTC'),
    ]) {
      let caught: unknown;
      try {
        call();
      } catch (error) {
        caught = error;
      }
      expect(isAftercareError(caught) && caught.code === 'CARE_ERR_BAD_INPUT').toBe(true);
    }
    expect(isValidTimeZone('Europe/Madrid')).toBe(true);
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
  });

  it('gives back the wall time asked for, or the end of a gap, in every zone (property)', () => {
    const dateArb = fc.integer({ min: 0, max: 2 * 365 }).map((day) => addDays('2025-06-01', day));
    const timeArb = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), dateArb, timeArb, (zone, date, time) => {
        const at = zonedInstant(date, time, zone);
        if (localDateOf(at, zone) === date && localTimeOf(at, zone) === time) {
          // A repeated time must be the first: half an hour or an hour earlier the wall clock was not the same.
          return [1_800_000, 3_600_000].every((back) => {
            const earlier = new Date(at.getTime() - back);
            return !(localDateOf(earlier, zone) === date && localTimeOf(earlier, zone) === time);
          });
        }
        // Otherwise the time was skipped: `at` is just after a forward jump that passed over it.
        const before = at.getTime() - 1000;
        return (
          offsetMs(before, zone) < offsetMs(at.getTime(), zone) &&
          wallClockMs(before, zone) < wallClockMs(at.getTime(), zone)
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the same wall clock as Intl formatToParts, cache or not (property)', () => {
    const reference = (ms: number, zone: string) => {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }).formatToParts(new Date(ms));
      const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
      return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
    };
    const start = Date.parse('2025-01-01T00:00:00Z');
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 3 * 365 * 24 * 3600 }), (zone, seconds) => {
        const ms = start + seconds * 1000;
        return new Date(wallClockMs(ms, zone)).toISOString().slice(0, 19) === reference(ms, zone);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('local dates', () => {
  it('reads the local date of an instant', () => {
    expect(localDateOf('2026-03-08T04:00:00Z', 'America/New_York')).toBe('2026-03-07');
    expect(localDateOf('2026-03-08T05:00:00Z', 'America/New_York')).toBe('2026-03-08');
    expect(localDateOf(new Date('2026-03-28T23:30:00Z'), 'Europe/Madrid')).toBe('2026-03-29');
    expect(localDateOf('2026-04-04T13:00:00Z', 'Australia/Sydney')).toBe('2026-04-05');
  });

  it('adds and counts days across months and years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-03-30', '2026-03-28')).toBe(-2);
  });

  it('counts the recovery day in the patient zone (day 0 = procedure day)', () => {
    expect(recoveryDay('2026-03-28', 'Europe/Madrid', new Date('2026-03-28T22:30:00Z'))).toBe(0);
    expect(recoveryDay('2026-03-28', 'Europe/Madrid', new Date('2026-03-28T23:30:00Z'))).toBe(1);
    // Across the spring-forward night the count still moves by one at local midnight.
    expect(recoveryDay('2026-03-28', 'Europe/Madrid', new Date('2026-03-29T21:59:00Z'))).toBe(1);
    expect(recoveryDay('2026-03-28', 'Europe/Madrid', new Date('2026-03-29T22:00:00Z'))).toBe(2);
    expect(recoveryDay('2026-11-02', 'America/New_York', new Date('2026-11-01T12:00:00Z'))).toBe(-1);
    expect(recoveryDay('2026-04-04', 'Australia/Sydney', new Date('2026-04-05T13:59:00Z'))).toBe(1);
    expect(recoveryDay('2026-04-04', 'Australia/Sydney', new Date('2026-04-05T14:00:00Z'))).toBe(2);
  });
});
