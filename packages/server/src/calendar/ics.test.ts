import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { zonedInstant } from '@aftercare/core/schedule';
import type { Medication, Patient } from '@aftercare/store';
import { escapeText, foldLine, icsText, type IcsEvent } from './ics.ts';
import { doseEvents } from './patient-calendar.ts';

/** Every VEVENT of a calendar as ical.js reads it. */
function parsedEvents(text: string): InstanceType<typeof ICAL.Event>[] {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
}

function wallClock(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

const STAMP = new Date('2026-10-20T12:00:00.000Z');

function event(overrides: Partial<IcsEvent>): IcsEvent {
  const start = overrides.start ?? new Date('2026-11-02T15:00:00.000Z');
  return {
    uid: 'appointment-1@aftercare',
    start,
    end: new Date(start.getTime() + 3_600_000),
    summary: 'Visit',
    ...overrides,
  };
}

describe('icsText', () => {
  it('gives visits either side of the end of daylight saving the right instant and local time', () => {
    const zone = 'America/Chicago';
    // 1 November 2026: clocks go back in Chicago. Both visits are at 09:00 local.
    const before = zonedInstant('2026-10-30', '09:00', zone);
    const after = zonedInstant('2026-11-02', '09:00', zone);
    const text = icsText({
      name: 'Visits',
      timeZone: zone,
      stamp: STAMP,
      events: [event({ uid: 'a@aftercare', start: before }), event({ uid: 'b@aftercare', start: after })],
    });
    const [first, second] = parsedEvents(text);
    expect(first?.startDate.toJSDate().toISOString()).toBe('2026-10-30T14:00:00.000Z');
    expect(second?.startDate.toJSDate().toISOString()).toBe('2026-11-02T15:00:00.000Z');
    expect(wallClock(first?.startDate.toJSDate() ?? new Date(0), zone)).toBe('30/10/2026, 09:00');
    expect(wallClock(second?.startDate.toJSDate() ?? new Date(0), zone)).toBe('02/11/2026, 09:00');
    expect(second?.endDate.toJSDate().toISOString()).toBe('2026-11-02T16:00:00.000Z');
    expect(second?.uid).toBe('b@aftercare');
  });

  it('keeps Spanish text, commas, semicolons and line breaks intact through escaping and folding', () => {
    const description = `Motivo: revisión de la herida; análisis de sangre, ¿cuándo?\n- ¿Puedo ducharme?\n${'ñ'.repeat(90)}`;
    const text = icsText({
      name: 'Aftercare: visitas',
      timeZone: 'Europe/Madrid',
      stamp: STAMP,
      events: [event({ summary: 'Visita con su hematólogo', description, location: 'Clínica Norte, planta 2' })],
    });
    for (const line of text.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
    expect(text.endsWith('\r\n')).toBe(true);
    const [parsed] = parsedEvents(text);
    expect(parsed?.summary).toBe('Visita con su hematólogo');
    expect(parsed?.description).toBe(description);
    expect(parsed?.location).toBe('Clínica Norte, planta 2');
  });

  it('marks a cancelled visit and leaves out its reminder', () => {
    const text = icsText({
      name: 'V',
      timeZone: 'UTC',
      stamp: STAMP,
      events: [event({ cancelled: true, alarmMinutesBefore: 120 })],
    });
    expect(text).toContain('STATUS:CANCELLED');
    expect(text).not.toContain('VALARM');
  });

  it('escapes and folds by the rules', () => {
    expect(escapeText('a\\b;c,d\r\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    const folded = foldLine(`DESCRIPTION:${'é'.repeat(60)}`);
    expect(folded.split('\r\n ').join('')).toBe(`DESCRIPTION:${'é'.repeat(60)}`);
  });
});

describe('doseEvents', () => {
  const patient = { id: 'p', language: 'es', timeZone: 'Europe/Madrid' } as Patient;
  const antibiotic: Medication = {
    id: 'med-1',
    version: 1,
    patientId: 'p',
    name: 'Amoxicilina',
    kind: 'prescription',
    amount: '500 mg',
    timing: { type: 'fixed-times', times: ['08:00'] },
    reason: 'infección',
    startDate: '2026-03-20',
    endDate: '2026-04-30',
    planItem: null,
    effectiveFrom: '2026-03-20T07:00:00.000Z',
    stoppedAt: null,
    changedBy: 'u',
  };

  it('keeps 08:00 local across the spring-forward change, for 14 days, parsed by a real iCalendar parser', () => {
    const now = new Date('2026-03-27T12:00:00.000Z');
    const text = icsText({
      name: 'F',
      timeZone: patient.timeZone,
      stamp: now,
      events: doseEvents(patient, [antibiotic], now),
    });
    const events = parsedEvents(text);
    expect(events).toHaveLength(14);
    const starts = events.map((e) => e.startDate.toJSDate().toISOString());
    // 28 March is still winter time (UTC+1); from 29 March, summer time (UTC+2).
    expect(starts.slice(0, 3)).toEqual([
      '2026-03-28T07:00:00.000Z',
      '2026-03-29T06:00:00.000Z',
      '2026-03-30T06:00:00.000Z',
    ]);
    for (const start of starts) {
      expect(wallClock(new Date(start), patient.timeZone).endsWith('08:00')).toBe(true);
    }
    expect(events[0]?.summary).toBe('Tomar Amoxicilina (500 mg)');
    // Stable: the same dose has the same UID in every copy of the feed.
    const again = doseEvents(patient, [antibiotic], new Date('2026-03-28T00:00:00.000Z'));
    expect(again[0]?.uid).toBe(events[0]?.uid);
  });

  it('has no events for as-needed medicines', () => {
    const asNeeded: Medication = { ...antibiotic, timing: { type: 'as-needed', minIntervalHours: 6, maxPerDay: 4 } };
    expect(doseEvents(patient, [asNeeded], new Date('2026-03-27T12:00:00.000Z'))).toEqual([]);
  });
});
