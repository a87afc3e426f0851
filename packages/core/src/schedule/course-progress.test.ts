import { describe, expect, it } from 'vitest';
import { courseProgress } from './course-progress.ts';
import { medicationVersion } from './testing.ts';
import type { LoggedDose } from './types.ts';

// An antibiotic 08:00 and 20:00 for three days in Madrid, over the spring-forward night.
const antibiotic = medicationVersion({ id: 'abx', startDate: '2026-03-27', endDate: '2026-03-29' });
const dose = (scheduledFor: string, status: LoggedDose['status'] = 'taken'): LoggedDose => ({
  medicationId: 'abx',
  medicationVersion: 1,
  scheduledFor,
  status,
  at: scheduledFor,
});

describe('courseProgress', () => {
  it('counts doses taken, missed and left, and the last day', () => {
    const doses = [
      dose('2026-03-27T07:00:00.000Z'),
      dose('2026-03-27T19:00:00.000Z'),
      dose('2026-03-28T07:00:00.000Z', 'skipped'),
    ];
    // Saturday 2026-03-28 at 21:00 CET: that evening's dose was not logged.
    const progress = courseProgress(antibiotic, doses, 'Europe/Madrid', new Date('2026-03-28T20:00:00Z'));
    expect(progress).toEqual({
      endDate: '2026-03-29',
      totalDoses: 6,
      dosesTaken: 2,
      dosesSkipped: 1,
      dosesMissed: 1,
      dosesLeft: 2,
      daysLeft: 2,
      lastDoseAt: '2026-03-29T18:00:00.000Z', // 20:00 CEST
      finished: false,
    });
  });

  it('counts a dose answered early as no longer left', () => {
    const progress = courseProgress(
      antibiotic,
      [dose('2026-03-29T18:00:00.000Z')],
      'Europe/Madrid',
      new Date('2026-03-29T17:45:00Z'),
    );
    expect(progress).toMatchObject({ dosesLeft: 0, dosesTaken: 1, daysLeft: 1, finished: false });
  });

  it('is finished after the end day (local) and after a stop', () => {
    expect(courseProgress(antibiotic, [], 'Europe/Madrid', new Date('2026-03-29T22:00:00Z'))).toMatchObject({
      finished: true,
      daysLeft: 0,
      dosesLeft: 0,
      dosesMissed: 6,
    });
    const stopped = medicationVersion({
      id: 'abx',
      version: 2,
      startDate: '2026-03-27',
      endDate: '2026-03-29',
      effectiveFrom: '2026-03-28T12:00:00Z',
      stoppedAt: '2026-03-28T12:00:00Z',
    });
    expect(courseProgress([antibiotic, stopped], [], 'Europe/Madrid', new Date('2026-03-28T13:00:00Z'))).toMatchObject({
      endDate: '2026-03-28',
      totalDoses: 3,
      dosesLeft: 0,
      finished: true,
    });
  });

  it('keeps the planned last day when stopped after it', () => {
    const stoppedLate = {
      ...antibiotic,
      version: 2,
      effectiveFrom: '2026-04-02T10:00:00Z',
      stoppedAt: '2026-04-02T10:00:00Z',
    };
    expect(
      courseProgress([antibiotic, stoppedLate], [], 'Europe/Madrid', new Date('2026-04-03T00:00:00Z')),
    ).toMatchObject({
      endDate: '2026-03-29',
      totalDoses: 6,
      finished: true,
    });
  });

  it('follows a course made longer by an edit', () => {
    const longer = { ...antibiotic, version: 2, endDate: '2026-04-02', effectiveFrom: '2026-03-28T12:00:00Z' };
    expect(courseProgress([antibiotic, longer], [], 'Europe/Madrid', new Date('2026-03-28T12:00:00Z'))).toMatchObject({
      endDate: '2026-04-02',
      totalDoses: 14,
      dosesMissed: 3,
      dosesLeft: 11,
      daysLeft: 6,
    });
  });

  it('has no total or doses left without an end date', () => {
    const open = { ...antibiotic, endDate: null };
    expect(courseProgress(open, [], 'Europe/Madrid', new Date('2026-03-28T12:00:00Z'))).toMatchObject({
      endDate: null,
      totalDoses: null,
      dosesLeft: null,
      daysLeft: null,
      dosesMissed: 3,
      finished: false,
    });
  });
});
