import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DoseEvent, Medication } from '../api/types.ts';
import {
  courseOf,
  formatLocalDate,
  medicineFieldOf,
  medicineFromForm,
  painAdvice,
  parseTimes,
  sortMedicines,
} from './medicine-status.ts';

const HOUR = 3_600_000;

function medicine(overrides: Partial<Medication> = {}): Medication {
  return {
    id: 'pain',
    version: 1,
    name: 'Pain medicine',
    kind: 'prescription',
    amount: '1 tablet',
    timing: { type: 'as-needed', minIntervalHours: 4, maxPerDay: 3 },
    reason: '',
    startDate: '2026-03-01',
    endDate: null,
    stoppedAt: null,
    effectiveFrom: '2026-03-01T00:00:00Z',
    planItem: 'pain-relief',
    ...overrides,
  };
}

const taken = (at: string, medicationId = 'pain'): DoseEvent => ({
  id: at,
  medicationId,
  medicationVersion: 1,
  scheduledFor: null,
  status: 'taken',
  at,
});

describe('painAdvice', () => {
  const now = new Date('2026-03-05T10:00:00Z');

  it('prompts a dose at or above the threshold when one is allowed, and not below it', () => {
    expect(painAdvice(medicine(), [], 4, 4, now)).toEqual({ kind: 'take-now' });
    expect(painAdvice(medicine(), [], 3, 4, now)).toEqual({ kind: 'below-threshold' });
  });

  it('says when the next dose is allowed after a recent dose', () => {
    expect(painAdvice(medicine(), [taken('2026-03-05T08:00:00Z')], 7, 4, now)).toEqual({
      kind: 'wait',
      nextAllowedAt: '2026-03-05T12:00:00.000Z',
      reason: 'too-soon',
    });
  });

  it('holds the daily maximum', () => {
    const doses = ['2026-03-04T14:00:00Z', '2026-03-04T20:00:00Z', '2026-03-05T02:00:00Z'].map((at) => taken(at));
    expect(painAdvice(medicine(), doses, 8, 4, now)).toEqual({
      kind: 'wait',
      nextAllowedAt: '2026-03-05T14:00:00.000Z',
      reason: 'daily-max',
    });
  });

  it('never suggests a stopped medicine or one with set times', () => {
    expect(painAdvice(medicine({ stoppedAt: '2026-03-04T00:00:00Z' }), [], 9, 4, now).kind).toBe('not-in-use');
    expect(painAdvice(medicine({ timing: { type: 'fixed-times', times: ['08:00'] } }), [], 9, 4, now).kind).toBe(
      'not-in-use',
    );
  });

  it('never prompts a dose that would exceed the daily maximum (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 48 * 60 }), { maxLength: 12 }),
        (maxPerDay, minutesAgo) => {
          const med = medicine({ timing: { type: 'as-needed', minIntervalHours: 1, maxPerDay } });
          const doses = minutesAgo.map((m) => taken(new Date(now.getTime() - m * 60_000).toISOString()));
          const advice = painAdvice(med, doses, 10, 4, now);
          const inLastDay = doses.filter((d) => Date.parse(d.at) > now.getTime() - 24 * HOUR).length;
          return advice.kind !== 'take-now' || inLastDay < maxPerDay;
        },
      ),
    );
  });
});

describe('courseOf', () => {
  it('counts the doses left of an antibiotic course and its end day', () => {
    const antibiotic = medicine({
      id: 'abx',
      timing: { type: 'fixed-times', times: ['08:00', '20:00'] },
      startDate: '2026-03-01',
      endDate: '2026-03-07',
    });
    const progress = courseOf(antibiotic, [], 'UTC', new Date('2026-03-07T12:00:00Z'));
    expect(progress).toMatchObject({ endDate: '2026-03-07', dosesLeft: 1, daysLeft: 1, finished: false });
  });

  it('has no course for as-needed or open-ended medicines', () => {
    expect(courseOf(medicine(), [], 'UTC', new Date())).toBeNull();
    expect(courseOf(medicine({ timing: { type: 'every-hours', hours: 8 } }), [], 'UTC', new Date())).toBeNull();
  });
});

describe('parseTimes', () => {
  it('reads times written in common ways, sorted and without repeats', () => {
    expect(parseTimes('20:00, 8:00 8.00')).toEqual(['08:00', '20:00']);
    expect(parseTimes('8h30')).toEqual(['08:30']);
    expect(parseTimes('')).toBeNull();
    expect(parseTimes('noon')).toBeNull();
    expect(parseTimes('25:00')).toBeNull();
  });
});

describe('medicineFromForm', () => {
  const base = {
    name: 'Ibuprofen',
    kind: 'over-the-counter',
    amount: '200 mg',
    reason: 'Pain',
    startDate: '2026-03-01',
  };

  it('reads each kind of timing', () => {
    const asNeeded = medicineFromForm({ ...base, timingType: 'as-needed', minIntervalHours: '6', maxPerDay: '4' });
    expect(asNeeded).toEqual({
      ok: true,
      input: {
        name: 'Ibuprofen',
        kind: 'over-the-counter',
        amount: '200 mg',
        timing: { type: 'as-needed', minIntervalHours: 6, maxPerDay: 4 },
        reason: 'Pain',
        startDate: '2026-03-01',
        endDate: null,
        planItem: null,
      },
    });
    const fixed = medicineFromForm({ ...base, timingType: 'fixed-times', times: '8:00, 20:00', endDate: '2026-03-07' });
    expect(fixed.ok && fixed.input.timing).toEqual({ type: 'fixed-times', times: ['08:00', '20:00'] });
    expect(fixed.ok && fixed.input.endDate).toBe('2026-03-07');
    const hourly = medicineFromForm({ ...base, timingType: 'every-hours', hours: '8' });
    expect(hourly.ok && hourly.input.timing).toEqual({ type: 'every-hours', hours: 8 });
  });

  it('names every field to fix', () => {
    expect(
      medicineFromForm({
        name: ' ',
        amount: '',
        startDate: '2026-03-05',
        endDate: '2026-03-01',
        timingType: 'as-needed',
        minIntervalHours: '0',
        maxPerDay: '1.5',
      }),
    ).toEqual({
      ok: false,
      problems: {
        name: 'required',
        amount: 'required',
        minIntervalHours: 'number',
        maxPerDay: 'number',
        endDate: 'dates',
      },
    });
    expect(medicineFromForm({ ...base, timingType: 'fixed-times', times: 'morning' })).toEqual({
      ok: false,
      problems: { times: 'times' },
    });
  });
});

describe('sortMedicines', () => {
  it('lists medicines in use first, by name', () => {
    const list = [
      medicine({ id: 'c', name: 'Zinc', stoppedAt: '2026-03-02T00:00:00Z' }),
      medicine({ id: 'b', name: 'Iron' }),
      medicine({ id: 'a', name: 'Antibiotic' }),
    ];
    expect(sortMedicines(list).map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('formatLocalDate', () => {
  it('shows the same calendar day in every language, and a bad date as it is', () => {
    expect(formatLocalDate('2026-03-01', 'en')).toBe('Mar 1, 2026');
    expect(formatLocalDate('2026-03-01', 'es')).toContain('2026');
    expect(formatLocalDate('someday', 'en')).toBe('someday');
  });
});

describe('medicineFieldOf', () => {
  it('puts the server issues beside the form fields', () => {
    expect(medicineFieldOf('timing.times.0')).toBe('times');
    expect(medicineFieldOf('timing.maxPerDay')).toBe('maxPerDay');
    expect(medicineFieldOf('timing')).toBe('timingType');
    expect(medicineFieldOf('amount')).toBe('amount');
    expect(medicineFieldOf('planItem')).toBeUndefined();
  });
});
