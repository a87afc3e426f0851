import { beforeEach, describe, expect, it } from 'vitest';
import { cachedToday, cacheToday, recoveryDay } from './today-cache.ts';
import type { TodayData } from './today-cache.ts';

const store = new Map<string, string>();
beforeEach(() => {
  store.clear();
  globalThis.localStorage = {
    getItem: (key: string) => store.get(key) ?? null,
    setItem: (key: string, value: string) => void store.set(key, value),
  } as Storage;
});

const data = {
  patient: { id: 'p1', procedureDate: '2026-11-20', timeZone: 'America/Chicago' },
  day: 5,
  medications: [],
  doses: [],
  appointments: [],
} as unknown as TodayData;

describe('Today kept on the device', () => {
  it('counts the day in the patient’s zone, day 0 being the procedure day', () => {
    expect(recoveryDay('2026-11-20', 'America/Chicago', new Date('2026-11-20T12:00:00Z'))).toBe(0);
    // 02:00 UTC on the 26th is still the evening of the 25th in Chicago.
    expect(recoveryDay('2026-11-20', 'America/Chicago', new Date('2026-11-26T02:00:00Z'))).toBe(5);
    expect(recoveryDay('2026-11-20', 'Europe/Madrid', new Date('2026-11-26T02:00:00Z'))).toBe(6);
  });

  it('gives back what was saved, with the day moved on, and ignores what is not of its shape', () => {
    cacheToday('p1', data, new Date('2026-11-25T15:00:00Z'));
    const later = cachedToday('p1', new Date('2026-11-27T15:00:00Z'));
    expect(later?.day).toBe(7);
    expect(later?.savedAt).toBe('2026-11-25T15:00:00.000Z');
    expect(cachedToday('p2', new Date())).toBeNull();
    store.set('aftercare.today.p1', '{"patient":{}}');
    expect(cachedToday('p1', new Date())).toBeNull();
    store.set('aftercare.today.p1', 'not json');
    expect(cachedToday('p1', new Date())).toBeNull();
  });
});
