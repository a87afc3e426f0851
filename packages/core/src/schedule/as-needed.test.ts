import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAftercareError } from '../errors.ts';
import { asNeededStatus } from './as-needed.ts';
import { medicationVersion } from './testing.ts';
import type { LoggedDose } from './types.ts';

const HOUR = 3_600_000;
const painRelief = medicationVersion({ id: 'pain', timing: { type: 'as-needed', minIntervalHours: 4, maxPerDay: 3 } });
const taken = (at: string, medicationId = 'pain'): LoggedDose => ({
  medicationId,
  medicationVersion: 1,
  scheduledFor: null,
  status: 'taken',
  at,
});

describe('asNeededStatus', () => {
  it('allows the first dose', () => {
    expect(asNeededStatus(painRelief, [], new Date('2026-03-05T08:00Z'))).toEqual({
      allowedNow: true,
      nextAllowedAt: null,
      takenLast24h: 0,
      maxPerDay: 3,
      reason: 'ok',
    });
  });

  it('says when the next dose is allowed after the minimum interval', () => {
    const status = asNeededStatus(painRelief, [taken('2026-03-05T08:00:00Z')], new Date('2026-03-05T10:00Z'));
    expect(status).toMatchObject({ allowedNow: false, reason: 'too-soon', nextAllowedAt: '2026-03-05T12:00:00.000Z' });
    expect(asNeededStatus(painRelief, [taken('2026-03-05T08:00:00Z')], new Date('2026-03-05T12:00Z')).allowedNow).toBe(
      true,
    );
  });

  it('holds the daily maximum over a rolling 24 hours, not the calendar day', () => {
    const doses = [taken('2026-03-05T08:00:00Z'), taken('2026-03-05T14:00:00Z'), taken('2026-03-05T20:00:00Z')];
    // Past midnight and past the interval, but three doses in the last 24 hours.
    const status = asNeededStatus(painRelief, doses, new Date('2026-03-06T02:00Z'));
    expect(status).toEqual({
      allowedNow: false,
      nextAllowedAt: '2026-03-06T08:00:00.000Z',
      takenLast24h: 3,
      maxPerDay: 3,
      reason: 'daily-max',
    });
    expect(asNeededStatus(painRelief, doses, new Date('2026-03-06T08:00Z'))).toMatchObject({
      allowedNow: true,
      takenLast24h: 2,
    });
  });

  it('ignores skipped doses and other medicines, counts every version of this one', () => {
    const doses: LoggedDose[] = [
      { ...taken('2026-03-05T09:00:00Z'), status: 'skipped' },
      taken('2026-03-05T09:00:00Z', 'other'),
      { ...taken('2026-03-05T07:00:00Z'), medicationVersion: 2 },
    ];
    expect(asNeededStatus(painRelief, doses, new Date('2026-03-05T10:00Z'))).toMatchObject({
      reason: 'too-soon',
      takenLast24h: 1,
      nextAllowedAt: '2026-03-05T11:00:00.000Z',
    });
  });

  it('never invites a dose of a stopped medicine', () => {
    const stopped = { ...painRelief, stoppedAt: '2026-03-05T09:00:00Z' };
    expect(asNeededStatus(stopped, [], new Date('2026-03-05T10:00Z'))).toMatchObject({
      allowedNow: false,
      nextAllowedAt: null,
      reason: 'stopped',
    });
  });

  it('refuses a medicine with set times', () => {
    let caught: unknown;
    try {
      asNeededStatus(medicationVersion(), [], new Date('2026-03-05T10:00Z'));
    } catch (error) {
      caught = error;
    }
    expect(isAftercareError(caught) && caught.code === 'CARE_ERR_BAD_INPUT').toBe(true);
  });

  it('never lets more than maxPerDay doses into any 24-hour window, nor two doses too close (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 12, noNaN: true }),
        fc.integer({ min: 1, max: 8 }),
        // Minutes between attempts; an attempt either takes the dose when allowed or waits for nextAllowedAt.
        fc.array(fc.tuple(fc.integer({ min: 1, max: 900 }), fc.boolean()), { minLength: 1, maxLength: 60 }),
        (minIntervalHours, maxPerDay, attempts) => {
          const medicine = medicationVersion({
            id: 'pain',
            timing: { type: 'as-needed', minIntervalHours, maxPerDay },
          });
          const doses: LoggedDose[] = [];
          let now = Date.parse('2026-03-28T00:00:00Z');
          for (const [minutes, jumpToNextAllowed] of attempts) {
            now += minutes * 60_000;
            let status = asNeededStatus(medicine, doses, new Date(now));
            if (!status.allowedNow && jumpToNextAllowed && status.nextAllowedAt !== null) {
              now = Date.parse(status.nextAllowedAt);
              status = asNeededStatus(medicine, doses, new Date(now));
              // nextAllowedAt is exact: at that instant the dose is allowed.
              if (!status.allowedNow) {
                return false;
              }
            }
            if (status.allowedNow) {
              doses.push(taken(new Date(now).toISOString()));
            }
          }
          const at = doses.map((dose) => Date.parse(dose.at));
          const spacedOut = at.every((t, i) => i === 0 || t - at[i - 1]! >= Math.round(minIntervalHours * HOUR));
          // The fullest 24-hour window starts at a dose.
          const withinMax = at.every(
            (start) => at.filter((t) => t >= start && t < start + 24 * HOUR).length <= maxPerDay,
          );
          return spacedOut && withinMax;
        },
      ),
      { numRuns: 500 },
    );
  });
});
