import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { medicineTimingIssues, MedicineTimingSchema } from './timing.ts';

describe('medicine timing', () => {
  it('accepts the three shapes', () => {
    for (const timing of [
      { type: 'fixed-times', times: ['08:00', '20:00'] },
      { type: 'every-hours', hours: 8 },
      { type: 'as-needed', minIntervalHours: 4, maxPerDay: 6 },
    ]) {
      expect(MedicineTimingSchema.safeParse(timing).success).toBe(true);
    }
  });

  it('rejects impossible clock times and unknown types', () => {
    expect(MedicineTimingSchema.safeParse({ type: 'fixed-times', times: ['8:00'] }).success).toBe(false);
    expect(MedicineTimingSchema.safeParse({ type: 'fixed-times', times: ['24:00'] }).success).toBe(false);
    expect(MedicineTimingSchema.safeParse({ type: 'fixed-times', times: [] }).success).toBe(false);
    expect(MedicineTimingSchema.safeParse({ type: 'weekly', days: 1 }).success).toBe(false);
    expect(MedicineTimingSchema.safeParse({ type: 'as-needed', minIntervalHours: 4, maxPerDay: 1.5 }).success).toBe(
      false,
    );
  });

  it('flags a time listed twice', () => {
    expect(medicineTimingIssues({ type: 'fixed-times', times: ['08:00', '08:00'] }, 't')).toEqual([
      { path: 't.times[1]', message: '08:00 is listed twice' },
    ]);
  });

  it('flags an as-needed dose limit exactly when the interval cannot fit it into a day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 48 }), fc.integer({ min: 1, max: 24 }), (minIntervalHours, maxPerDay) => {
        const issues = medicineTimingIssues({ type: 'as-needed', minIntervalHours, maxPerDay });
        // The doses fit when maxPerDay of them, minIntervalHours apart, start within one 24-hour window.
        const fits = (maxPerDay - 1) * minIntervalHours < 24;
        return issues.length === (fits ? 0 : 1);
      }),
    );
  });
});
