import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localTimeOf } from '@aftercare/core/schedule';
import { afterQuietHours, isQuietTime } from './quiet-hours.ts';

const NIGHT = { start: '21:00', end: '08:00' };

describe('quiet hours', () => {
  it('moves a reminder inside them to their end, in the patient zone, and leaves others alone', () => {
    const zone = 'America/New_York';
    expect(afterQuietHours(new Date('2026-11-25T03:30:00Z'), NIGHT, zone).toISOString()).toBe(
      '2026-11-25T13:00:00.000Z', // 22:30 → 08:00 the next morning
    );
    expect(afterQuietHours(new Date('2026-11-25T11:00:00Z'), NIGHT, zone).toISOString()).toBe(
      '2026-11-25T13:00:00.000Z', // 06:00 → 08:00 the same morning
    );
    expect(afterQuietHours(new Date('2026-11-25T14:00:00Z'), NIGHT, zone).toISOString()).toBe(
      '2026-11-25T14:00:00.000Z',
    );
    // Spring-forward night: 08:00 EDT is 12:00Z.
    expect(afterQuietHours(new Date('2026-03-08T04:00:00Z'), NIGHT, zone).toISOString()).toBe(
      '2026-03-08T12:00:00.000Z',
    );
    // Fall-back night: 08:00 EST is 13:00Z.
    expect(afterQuietHours(new Date('2026-11-01T05:30:00Z'), NIGHT, zone).toISOString()).toBe(
      '2026-11-01T13:00:00.000Z',
    );
  });

  it('treats a window within one day, and an empty one', () => {
    expect(isQuietTime('13:30', { start: '13:00', end: '15:00' })).toBe(true);
    expect(isQuietTime('15:00', { start: '13:00', end: '15:00' })).toBe(false);
    expect(isQuietTime('03:00', { start: '00:00', end: '00:00' })).toBe(false);
  });

  it('never leaves a reminder inside quiet hours, never moves it earlier, and at most a night later', () => {
    const zones = fc.constantFrom('America/New_York', 'Europe/Madrid', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC');
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const instant = fc
      .integer({ min: Date.parse('2026-01-01'), max: Date.parse('2027-12-31') })
      .map((ms) => new Date(ms));
    fc.assert(
      fc.property(instant, zones, hhmm, hhmm, (at, zone, start, end) => {
        const quiet = { start, end };
        const moved = afterQuietHours(at, quiet, zone);
        expect(moved.getTime()).toBeGreaterThanOrEqual(at.getTime());
        expect(moved.getTime() - at.getTime()).toBeLessThanOrEqual(26 * 3_600_000);
        if (!isQuietTime(localTimeOf(at, zone), quiet)) {
          expect(moved).toEqual(at);
        } else {
          // The end time itself, or the first instant after a gap when DST skipped it.
          expect(isQuietTime(localTimeOf(moved, zone), quiet)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});
