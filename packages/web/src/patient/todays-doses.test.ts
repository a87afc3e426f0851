import { describe, expect, it } from 'vitest';
import type { DoseEvent, Medication } from '../api/types.ts';
import { todaysDoses } from './todays-doses.ts';

const base: Medication = {
  id: 'm1',
  version: 1,
  name: 'Antibiotic',
  kind: 'prescription',
  amount: '1 tablet',
  timing: { type: 'fixed-times', times: ['20:00', '08:00'] },
  reason: 'infection',
  startDate: '2026-11-20',
  endDate: '2026-11-27',
  stoppedAt: null,
  effectiveFrom: '2026-11-20T00:00:00Z',
  planItem: null,
};

const zone = 'America/Chicago';
const now = new Date('2026-11-25T18:00:00Z'); // 12:00 in Chicago

describe('todaysDoses', () => {
  it('lists one row per fixed time in time order and matches logged doses by scheduled instant', () => {
    const taken: DoseEvent = {
      id: 'd1',
      medicationId: 'm1',
      medicationVersion: 1,
      scheduledFor: '2026-11-25T14:00:00.000Z',
      status: 'taken',
      at: '2026-11-25T14:05:00.000Z',
    };
    const rows = todaysDoses([base], [taken], zone, now);
    expect(rows.map((row) => row.scheduledFor?.toISOString())).toEqual([
      '2026-11-25T14:00:00.000Z',
      '2026-11-26T02:00:00.000Z',
    ]);
    expect(rows[0]?.logged?.id).toBe('d1');
    expect(rows[1]?.logged).toBeNull();
  });

  it('leaves out medicines not in effect today', () => {
    const ended = { ...base, id: 'm2', endDate: '2026-11-24' };
    const future = { ...base, id: 'm3', startDate: '2026-11-26' };
    const stopped = { ...base, id: 'm4', stoppedAt: '2026-11-22T00:00:00Z' };
    expect(todaysDoses([ended, future, stopped], [], zone, now)).toEqual([]);
  });

  it('gives as-needed medicines one row with the latest dose of today, after the scheduled rows', () => {
    const asNeeded: Medication = { ...base, id: 'p', timing: { type: 'as-needed', minIntervalHours: 4, maxPerDay: 6 } };
    const doses: DoseEvent[] = [
      {
        id: 'old',
        medicationId: 'p',
        medicationVersion: 1,
        scheduledFor: null,
        status: 'taken',
        at: '2026-11-24T20:00:00.000Z',
      },
      {
        id: 'a',
        medicationId: 'p',
        medicationVersion: 1,
        scheduledFor: null,
        status: 'taken',
        at: '2026-11-25T13:00:00.000Z',
      },
      {
        id: 'b',
        medicationId: 'p',
        medicationVersion: 1,
        scheduledFor: null,
        status: 'taken',
        at: '2026-11-25T17:00:00.000Z',
      },
    ];
    const rows = todaysDoses([asNeeded, base], doses, zone, now);
    expect(rows.at(-1)?.medication.id).toBe('p');
    expect(rows.at(-1)?.logged?.id).toBe('b');
  });
});
