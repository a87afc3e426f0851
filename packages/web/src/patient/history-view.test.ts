import { describe, expect, it } from 'vitest';
import type { CheckInRecord, DoseEvent, Medication } from '../api/types.ts';
import { compareWithMedian, doseCounts, painSeries, temperatureSeries } from './history-view.ts';

function checkIn(submittedAt: string, payload: unknown): CheckInRecord {
  return {
    id: submittedAt,
    patientId: 'p1',
    submittedAt,
    payload,
    triage: {},
    disposition: 'self-care',
    recordedBy: 'u1',
  };
}

const antibiotic: Medication = {
  id: 'm1',
  version: 1,
  name: 'Antibiotic',
  kind: 'prescription',
  amount: '1 tablet',
  timing: { type: 'fixed-times', times: ['08:00', '20:00'] },
  reason: 'Infection',
  startDate: '2026-11-20',
  endDate: '2026-11-26',
  stoppedAt: null,
  effectiveFrom: '2026-11-20T14:00:00.000Z',
  planItem: 'antibiotic',
};

const painRelief: Medication = {
  ...antibiotic,
  id: 'm2',
  name: 'Pain medicine',
  timing: { type: 'as-needed', minIntervalHours: 4, maxPerDay: 6 },
  endDate: null,
};

function dose(medicationId: string, at: string, status: DoseEvent['status'], scheduledFor: string | null): DoseEvent {
  return { id: `${medicationId}-${at}`, medicationId, medicationVersion: 1, scheduledFor, status, at };
}

describe('history series', () => {
  const checkIns = [
    checkIn('2026-11-22T15:00:00.000Z', {
      pain: { score: 6, medicineTaken: true },
      temperature: { value: 100.4, unit: 'F' },
    }),
    checkIn('2026-11-21T15:00:00.000Z', { pain: { score: 7, medicineTaken: false } }),
    checkIn('2026-11-23T15:00:00.000Z', { temperature: { value: 37.2, unit: 'C' }, text: 'fine' }),
    checkIn('2026-11-24T15:00:00.000Z', null),
  ];

  it('gives pain oldest first, leaving out check-ins without it', () => {
    expect(painSeries(checkIns)).toEqual([
      { at: '2026-11-21T15:00:00.000Z', value: 7 },
      { at: '2026-11-22T15:00:00.000Z', value: 6 },
    ]);
  });

  it('gives temperatures in the patient’s unit', () => {
    expect(temperatureSeries(checkIns, 'C')).toEqual([
      { at: '2026-11-22T15:00:00.000Z', value: 38 },
      { at: '2026-11-23T15:00:00.000Z', value: 37.2 },
    ]);
    expect(temperatureSeries(checkIns, 'F').map((p) => p.value)).toEqual([100.4, 99]);
  });
});

describe('doseCounts', () => {
  it('counts taken, skipped and missed doses of the last 7 days in the patient’s zone', () => {
    // 25 Nov, 10:00 in Chicago: the antibiotic was due twice a day from the 20th (startDate) and at 08:00 today.
    const now = new Date('2026-11-25T16:00:00.000Z');
    const at8 = (day: number) => `2026-11-${String(day)}T14:00:00.000Z`;
    const at20 = (day: number) => `2026-11-${String(day + 1)}T02:00:00.000Z`;
    const doses = [
      dose('m1', at8(20), 'taken', at8(20)),
      dose('m1', at20(20), 'taken', at20(20)),
      dose('m1', at8(21), 'skipped', at8(21)),
      dose('m1', at8(25), 'taken', at8(25)),
      dose('m2', '2026-11-24T18:00:00.000Z', 'taken', null),
      // Before the 7-day window (which starts on the 19th in Chicago): not counted.
      dose('m2', '2026-11-18T18:00:00.000Z', 'taken', null),
    ];
    // Due from the 20th 08:00 to the 25th 08:00: 11 doses; 4 answered.
    expect(doseCounts([antibiotic, painRelief], doses, 'America/Chicago', now)).toEqual([
      { medicationId: 'm1', name: 'Antibiotic', taken: 3, skipped: 1, missed: 7 },
      { medicationId: 'm2', name: 'Pain medicine', taken: 1, skipped: 0, missed: 0 },
    ]);
  });

  it('does not call a dose missed within an hour of its time', () => {
    const now = new Date('2026-11-20T14:30:00.000Z');
    expect(doseCounts([antibiotic], [], 'America/Chicago', now)).toEqual([]);
    const later = new Date('2026-11-20T15:30:00.000Z');
    expect(doseCounts([antibiotic], [], 'America/Chicago', later)[0]?.missed).toBe(1);
  });
});

describe('compareWithMedian', () => {
  it('says sooner, about or later than the median day', () => {
    expect(compareWithMedian(10, 20)).toBe('sooner');
    expect(compareWithMedian(18, 20)).toBe('about');
    expect(compareWithMedian(22, 20)).toBe('about');
    expect(compareWithMedian(30, 20)).toBe('later');
  });
});
