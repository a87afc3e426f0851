import { describe, expect, it } from 'vitest';
import { doseOccurrences, doseOccurrencesAcrossZones, matchDoses } from './dose-occurrences.ts';
import { medicationVersion } from './testing.ts';
import type { DoseOccurrence, LoggedDose } from './types.ts';

const at = (iso: string) => new Date(iso);
const times = (occurrences: DoseOccurrence[]) => occurrences.map((o) => o.scheduledFor);
const local = (occurrences: DoseOccurrence[]) => occurrences.map((o) => `${o.localDate} ${o.localTime}`);

describe('fixed times', () => {
  const twiceDaily = medicationVersion({ startDate: '2026-03-01' });

  it('stay at 08:00 and 20:00 local across the US spring-forward (2026-03-08)', () => {
    const doses = doseOccurrences([twiceDaily], 'America/New_York', at('2026-03-07T05:00Z'), at('2026-03-10T04:00Z'));
    expect(local(doses)).toEqual([
      '2026-03-07 08:00',
      '2026-03-07 20:00',
      '2026-03-08 08:00',
      '2026-03-08 20:00',
      '2026-03-09 08:00',
      '2026-03-09 20:00',
    ]);
    expect(times(doses)).toEqual([
      '2026-03-07T13:00:00.000Z',
      '2026-03-08T01:00:00.000Z',
      '2026-03-08T12:00:00.000Z',
      '2026-03-09T00:00:00.000Z',
      '2026-03-09T12:00:00.000Z',
      '2026-03-10T00:00:00.000Z',
    ]);
  });

  it('stay at 08:00 and 20:00 local across the US fall-back (2026-11-01)', () => {
    const doses = doseOccurrences([twiceDaily], 'America/New_York', at('2026-11-01T04:00Z'), at('2026-11-02T05:00Z'));
    expect(times(doses)).toEqual(['2026-11-01T13:00:00.000Z', '2026-11-02T01:00:00.000Z']);
    expect(local(doses)).toEqual(['2026-11-01 08:00', '2026-11-01 20:00']);
  });

  it('stay local across both EU changes in Madrid (2026-03-29 and 2026-10-25)', () => {
    const spring = doseOccurrences([twiceDaily], 'Europe/Madrid', at('2026-03-28T23:00Z'), at('2026-03-29T22:00Z'));
    expect(times(spring)).toEqual(['2026-03-29T06:00:00.000Z', '2026-03-29T18:00:00.000Z']);
    const autumn = doseOccurrences([twiceDaily], 'Europe/Madrid', at('2026-10-24T22:00Z'), at('2026-10-25T23:00Z'));
    expect(times(autumn)).toEqual(['2026-10-25T07:00:00.000Z', '2026-10-25T19:00:00.000Z']);
  });

  it('stay local across both Sydney changes (2026-04-05 and 2026-10-04)', () => {
    const autumn = doseOccurrences([twiceDaily], 'Australia/Sydney', at('2026-04-04T13:00Z'), at('2026-04-05T14:00Z'));
    expect(times(autumn)).toEqual(['2026-04-04T22:00:00.000Z', '2026-04-05T10:00:00.000Z']);
    const spring = doseOccurrences([twiceDaily], 'Australia/Sydney', at('2026-10-03T14:00Z'), at('2026-10-04T13:00Z'));
    expect(times(spring)).toEqual(['2026-10-03T21:00:00.000Z', '2026-10-04T09:00:00.000Z']);
  });

  it('never move in Mexico City, even on the old DST dates', () => {
    const doses = doseOccurrences(
      [twiceDaily],
      'America/Mexico_City',
      at('2026-04-04T06:00Z'),
      at('2026-04-06T06:00Z'),
    );
    expect(times(doses)).toEqual([
      '2026-04-04T14:00:00.000Z',
      '2026-04-05T02:00:00.000Z',
      '2026-04-05T14:00:00.000Z',
      '2026-04-06T02:00:00.000Z',
    ]);
  });

  it('fire a skipped time at the end of the gap and a repeated time once', () => {
    const night = medicationVersion({ timing: { type: 'fixed-times', times: ['02:30'] } });
    const spring = doseOccurrences([night], 'America/New_York', at('2026-03-08T05:00Z'), at('2026-03-09T04:00Z'));
    expect(spring.map((o) => [o.scheduledFor, o.localTime])).toEqual([['2026-03-08T07:00:00.000Z', '03:00']]);
    const early = medicationVersion({ timing: { type: 'fixed-times', times: ['01:30'] } });
    const autumn = doseOccurrences([early], 'America/New_York', at('2026-11-01T04:00Z'), at('2026-11-02T05:00Z'));
    expect(times(autumn)).toEqual(['2026-11-01T05:30:00.000Z']);
    const madrid = doseOccurrences(
      [medicationVersion({ timing: { type: 'fixed-times', times: ['02:30'] } })],
      'Europe/Madrid',
      at('2026-10-24T22:00Z'),
      at('2026-10-25T23:00Z'),
    );
    expect(times(madrid)).toEqual(['2026-10-25T00:30:00.000Z']);
  });

  it('run from the start date to the end date inclusive (a course)', () => {
    const course = medicationVersion({ startDate: '2026-03-27', endDate: '2026-03-29' });
    const doses = doseOccurrences([course], 'Europe/Madrid', at('2026-03-20T00:00Z'), at('2026-04-10T00:00Z'));
    expect(local(doses)).toEqual([
      '2026-03-27 08:00',
      '2026-03-27 20:00',
      '2026-03-28 08:00',
      '2026-03-28 20:00',
      '2026-03-29 08:00',
      '2026-03-29 20:00',
    ]);
    expect(doses.map((o) => o.occurrence)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(doses.at(-1)?.scheduledFor).toBe('2026-03-29T18:00:00.000Z');
  });

  it('keep a half-open window: a dose exactly at `to` is left for the next window', () => {
    const doses = doseOccurrences([twiceDaily], 'UTC', at('2026-03-05T08:00Z'), at('2026-03-05T20:00Z'));
    expect(times(doses)).toEqual(['2026-03-05T08:00:00.000Z']);
    expect(doseOccurrences([twiceDaily], 'UTC', at('2026-03-05T20:00Z'), at('2026-03-05T08:00Z'))).toEqual([]);
  });

  it('sort times given out of order and drop a time listed twice', () => {
    const messy = medicationVersion({ timing: { type: 'fixed-times', times: ['20:00', '08:00', '20:00'] } });
    const doses = doseOccurrences([messy], 'UTC', at('2026-03-01T00:00Z'), at('2026-03-02T00:00Z'));
    expect(local(doses)).toEqual(['2026-03-01 08:00', '2026-03-01 20:00']);
    expect(doses.map((o) => o.key)).toEqual(['med-1:1:0', 'med-1:1:1']);
  });
});

describe('every N hours', () => {
  it('counts elapsed hours from 08:00 local on the start date, across spring-forward', () => {
    const every8 = medicationVersion({ timing: { type: 'every-hours', hours: 8 }, startDate: '2026-03-07' });
    const doses = doseOccurrences([every8], 'America/New_York', at('2026-03-07T00:00Z'), at('2026-03-09T00:00Z'));
    expect(times(doses)).toEqual([
      '2026-03-07T13:00:00.000Z',
      '2026-03-07T21:00:00.000Z',
      '2026-03-08T05:00:00.000Z',
      '2026-03-08T13:00:00.000Z',
      '2026-03-08T21:00:00.000Z',
    ]);
    // Eight real hours apart, so the wall clock moves by the hour the clocks jumped.
    expect(local(doses)).toEqual([
      '2026-03-07 08:00',
      '2026-03-07 16:00',
      '2026-03-08 00:00',
      '2026-03-08 09:00',
      '2026-03-08 17:00',
    ]);
  });

  it('stays 6 real hours apart across the EU fall-back and stops after the end date', () => {
    const every6 = medicationVersion({
      timing: { type: 'every-hours', hours: 6 },
      startDate: '2026-10-24',
      endDate: '2026-10-25',
    });
    const doses = doseOccurrences([every6], 'Europe/Madrid', at('2026-10-20T00:00Z'), at('2026-10-30T00:00Z'));
    const gaps = doses.slice(1).map((o, i) => Date.parse(o.scheduledFor) - Date.parse(doses[i]!.scheduledFor));
    expect(new Set(gaps)).toEqual(new Set([6 * 3_600_000]));
    expect(doses[0]?.scheduledFor).toBe('2026-10-24T06:00:00.000Z'); // 08:00 CEST
    // The last dose before the end of 2026-10-25 local (23:00Z, CET).
    expect(doses.at(-1)?.scheduledFor).toBe('2026-10-25T18:00:00.000Z');
    expect(doses.at(-1)?.localTime).toBe('19:00');
    expect(doses.map((o) => o.occurrence)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('as needed, stopped and versions', () => {
  it('schedules nothing for an as-needed medicine', () => {
    const pain = medicationVersion({ timing: { type: 'as-needed', minIntervalHours: 4, maxPerDay: 4 } });
    expect(doseOccurrences([pain], 'UTC', at('2026-03-01T00:00Z'), at('2026-04-01T00:00Z'))).toEqual([]);
  });

  it('schedules nothing at or after the stop', () => {
    const v1 = medicationVersion();
    const v2 = medicationVersion({
      version: 2,
      effectiveFrom: '2026-03-02T12:00:00.000Z',
      stoppedAt: '2026-03-02T12:00:00.000Z',
    });
    const doses = doseOccurrences([v2, v1], 'UTC', at('2026-03-01T00:00Z'), at('2026-03-10T00:00Z'));
    expect(times(doses)).toEqual(['2026-03-01T08:00:00.000Z', '2026-03-01T20:00:00.000Z', '2026-03-02T08:00:00.000Z']);
  });

  it('takes doses before an edit from the old version and after it from the new one', () => {
    const v1 = medicationVersion();
    const v2 = medicationVersion({
      version: 2,
      timing: { type: 'fixed-times', times: ['09:00', '21:00'] },
      effectiveFrom: '2026-03-28T10:00:00.000Z',
    });
    const doses = doseOccurrences([v1, v2], 'Europe/Madrid', at('2026-03-27T23:00Z'), at('2026-03-29T22:00Z'));
    expect(doses.map((o) => `${o.medicationVersion} ${o.localDate} ${o.localTime}`)).toEqual([
      '1 2026-03-28 08:00',
      '2 2026-03-28 21:00',
      '2 2026-03-29 09:00',
      '2 2026-03-29 21:00',
    ]);
    expect(doses.map((o) => o.key)).toEqual(['med-1:1:54', 'med-1:2:55', 'med-1:2:56', 'med-1:2:57']);
  });

  it('lists several medicines together in time order', () => {
    const a = medicationVersion({ id: 'a', timing: { type: 'fixed-times', times: ['09:00'] } });
    const b = medicationVersion({ id: 'b', timing: { type: 'fixed-times', times: ['08:00', '09:00'] } });
    const doses = doseOccurrences([a, b], 'UTC', at('2026-03-01T00:00Z'), at('2026-03-02T00:00Z'));
    expect(doses.map((o) => o.key)).toEqual(['b:1:0', 'a:1:0', 'b:1:1']);
  });
});

describe('time zone change', () => {
  const twiceDaily = medicationVersion({ startDate: '2026-03-09' });

  it('follows the new zone: Madrid one day, New York the next', () => {
    // The patient flies on 2026-03-10 and sets New York at 22:00Z (18:00 in New York).
    const madridDay = doseOccurrences([twiceDaily], 'Europe/Madrid', at('2026-03-09T23:00Z'), at('2026-03-10T23:00Z'));
    expect(times(madridDay)).toEqual(['2026-03-10T07:00:00.000Z', '2026-03-10T19:00:00.000Z']);
    const newYorkDay = doseOccurrences(
      [twiceDaily],
      'America/New_York',
      at('2026-03-11T04:00Z'),
      at('2026-03-12T04:00Z'),
    );
    expect(local(newYorkDay)).toEqual(['2026-03-11 08:00', '2026-03-11 20:00']);
    expect(times(newYorkDay)).toEqual(['2026-03-11T12:00:00.000Z', '2026-03-12T00:00:00.000Z']);
    // The same slot has the same key whichever zone computed it.
    const sameDayInMadrid = doseOccurrences(
      [twiceDaily],
      'Europe/Madrid',
      at('2026-03-10T23:00Z'),
      at('2026-03-11T23:00Z'),
    );
    expect(sameDayInMadrid.map((o) => o.key)).toEqual(newYorkDay.map((o) => o.key));
  });

  it('does not give the same day’s dose twice when the move replays a local time', () => {
    const zones = [
      { from: '2026-03-01T00:00:00.000Z', timeZone: 'Europe/Madrid' },
      { from: '2026-03-10T22:00:00.000Z', timeZone: 'America/New_York' },
    ];
    const doses = doseOccurrencesAcrossZones([twiceDaily], zones, at('2026-03-10T00:00Z'), at('2026-03-12T04:00Z'));
    expect(doses.map((o) => `${o.scheduledFor} ${o.localTime}`)).toEqual([
      '2026-03-10T07:00:00.000Z 08:00', // Madrid
      '2026-03-10T19:00:00.000Z 20:00', // Madrid; New York's 20:00 of 2026-03-10 is the same dose
      '2026-03-11T12:00:00.000Z 08:00', // New York from here on
      '2026-03-12T00:00:00.000Z 20:00',
    ]);
    // A window starting after the move still knows the Madrid dose was due.
    const later = doseOccurrencesAcrossZones([twiceDaily], zones, at('2026-03-10T23:00Z'), at('2026-03-12T04:00Z'));
    expect(times(later)).toEqual(['2026-03-11T12:00:00.000Z', '2026-03-12T00:00:00.000Z']);
  });
  it('does not lose a dose when the move skips over it (flying east)', () => {
    // In New York until 2026-03-11T08:00Z (09:00 in Madrid): Madrid's 08:00 had passed, New York's had not come.
    const zones = [
      { from: '2026-03-01T00:00:00.000Z', timeZone: 'America/New_York' },
      { from: '2026-03-11T08:00:00.000Z', timeZone: 'Europe/Madrid' },
    ];
    const doses = doseOccurrencesAcrossZones([twiceDaily], zones, at('2026-03-10T00:00Z'), at('2026-03-12T00:00Z'));
    expect(doses.map((o) => `${o.key} ${o.scheduledFor} ${o.localTime}`)).toEqual([
      'med-1:1:1 2026-03-10T00:00:00.000Z 20:00', // New York, the evening of 2026-03-09
      'med-1:1:2 2026-03-10T12:00:00.000Z 08:00',
      'med-1:1:3 2026-03-11T00:00:00.000Z 20:00',
      'med-1:1:4 2026-03-11T08:00:00.000Z 09:00', // the 08:00 dose, due on arrival
      'med-1:1:5 2026-03-11T19:00:00.000Z 20:00', // Madrid from here on
    ]);
  });
});

describe('matchDoses', () => {
  it('pairs each occurrence with the latest dose logged for it', () => {
    const doses = doseOccurrences([medicationVersion()], 'UTC', at('2026-03-01T00:00Z'), at('2026-03-02T00:00Z'));
    const logged: LoggedDose[] = [
      {
        medicationId: 'med-1',
        medicationVersion: 1,
        scheduledFor: '2026-03-01T08:00:00Z',
        status: 'skipped',
        at: '2026-03-01T08:05:00Z',
      },
      {
        medicationId: 'med-1',
        medicationVersion: 1,
        scheduledFor: '2026-03-01T08:00:00.000Z',
        status: 'taken',
        at: '2026-03-01T08:30:00Z',
      },
      {
        medicationId: 'med-1',
        medicationVersion: 2,
        scheduledFor: '2026-03-01T20:00:00.000Z',
        status: 'taken',
        at: '2026-03-01T20:00:00Z',
      },
      { medicationId: 'med-1', medicationVersion: 1, scheduledFor: null, status: 'taken', at: '2026-03-01T21:00:00Z' },
    ];
    const answers = matchDoses(doses, logged);
    expect([...answers.entries()].map(([key, dose]) => [key, dose.status])).toEqual([['med-1:1:0', 'taken']]);
  });
});
