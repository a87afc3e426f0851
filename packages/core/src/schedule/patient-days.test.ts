import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, localDateOf, recoveryDay, zonedInstant } from './local-time.ts';

// Moved from the server, which now uses these core functions instead of its own copy.
describe('days in the patient zone', () => {
  it('uses the patient zone, not UTC, for today', () => {
    const lateEvening = new Date('2026-11-26T03:30:00Z'); // 21:30 on the 25th in Chicago
    expect(localDateOf(lateEvening, 'America/Chicago')).toBe('2026-11-25');
    expect(localDateOf(lateEvening, 'Europe/Madrid')).toBe('2026-11-26');
  });
  it('counts day 0 on the procedure day and across a DST change', () => {
    expect(recoveryDay('2026-11-25', 'America/Chicago', new Date('2026-11-25T15:00:00Z'))).toBe(0);
    expect(recoveryDay('2026-10-30', 'America/Chicago', new Date('2026-11-02T12:00:00Z'))).toBe(3);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
  it('turns a local time into the right instant on both sides of a DST change', () => {
    expect(zonedInstant('2026-11-25', '10:00', 'America/Chicago').toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(zonedInstant('2026-07-01', '10:00', 'America/Chicago').toISOString()).toBe('2026-07-01T15:00:00.000Z');
    expect(zonedInstant('2026-03-29', '09:30', 'Europe/London').toISOString()).toBe('2026-03-29T08:30:00.000Z');
    expect(zonedInstant('2026-11-25', '08:00', 'Asia/Kolkata').toISOString()).toBe('2026-11-25T02:30:00.000Z');
  });
});
