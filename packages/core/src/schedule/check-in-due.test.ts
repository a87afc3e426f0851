import { describe, expect, it } from 'vitest';
import { dailyCheckInDue, missedCheckIn } from './check-in-due.ts';

describe('dailyCheckInDue', () => {
  it('is not due before the chosen time, due after it, and done once sent today', () => {
    const zone = 'America/New_York';
    expect(dailyCheckInDue('2026-03-06T23:00:00Z', '19:00', zone, new Date('2026-03-07T20:00:00Z'))).toEqual({
      due: false,
      doneToday: false,
      today: '2026-03-07',
      todayAt: '2026-03-08T00:00:00.000Z',
      nextDueAt: '2026-03-08T00:00:00.000Z',
    });
    expect(dailyCheckInDue('2026-03-06T23:00:00Z', '19:00', zone, new Date('2026-03-08T01:00:00Z')).due).toBe(true);
    // Sent this morning: done for today, next one tomorrow at 19:00, which is EDT after the change.
    expect(dailyCheckInDue('2026-03-07T14:00:00Z', '19:00', zone, new Date('2026-03-08T01:00:00Z'))).toMatchObject({
      due: false,
      doneToday: true,
      nextDueAt: '2026-03-08T23:00:00.000Z',
    });
  });

  it('is due when there never was a check-in, once the time has passed', () => {
    expect(dailyCheckInDue(null, '09:00', 'Europe/Madrid', new Date('2026-10-25T08:30:00Z'))).toMatchObject({
      due: true,
      todayAt: '2026-10-25T08:00:00.000Z',
    });
  });

  it('uses the local day: late evening in Sydney is already tomorrow in UTC', () => {
    const status = dailyCheckInDue(
      '2026-04-04T12:00:00Z',
      '20:00',
      'Australia/Sydney',
      new Date('2026-04-05T10:30:00Z'),
    );
    // 2026-04-04T12:00Z is 23:00 on the 4th in Sydney; now is 20:30 on the 5th (AEST).
    expect(status).toMatchObject({
      today: '2026-04-05',
      doneToday: false,
      due: true,
      todayAt: '2026-04-05T10:00:00.000Z',
    });
  });
});

describe('missedCheckIn', () => {
  it('flags a patient quiet for longer than the window', () => {
    expect(missedCheckIn('2026-03-05T08:00:00Z', 36, new Date('2026-03-06T19:59:00Z'))).toEqual({
      missed: false,
      hoursSince: 35,
      quietSince: '2026-03-06T20:00:00.000Z',
    });
    expect(missedCheckIn('2026-03-05T08:00:00Z', 36, new Date('2026-03-06T20:00:00Z')).missed).toBe(true);
    expect(missedCheckIn(null, 36, new Date('2026-03-06T20:00:00Z'))).toEqual({
      missed: true,
      hoursSince: null,
      quietSince: null,
    });
  });
});
