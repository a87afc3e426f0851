import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MedicineTiming } from '../plan/timing.ts';
import { doseOccurrences, doseOccurrencesAcrossZones } from './dose-occurrences.ts';
import { addDays, localDateOf, localTimeOf, offsetMs } from './local-time.ts';
import { medicationVersion } from './testing.ts';
import type { DoseOccurrence, MedicationVersion } from './types.ts';

const ZONES = [
  'America/New_York',
  'Europe/Madrid',
  'America/Mexico_City',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'America/Santiago',
] as const;
const HOUR = 3_600_000;
const YEAR_START = Date.parse('2026-01-01T00:00:00Z');

// Times near the night-time DST changes are the interesting ones.
const timeArb = fc
  .tuple(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 23 })), fc.constantFrom(0, 15, 30, 59))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const timingArb: fc.Arbitrary<MedicineTiming> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .uniqueArray(timeArb, { minLength: 1, maxLength: 4 })
      .map((times) => ({ type: 'fixed-times' as const, times })),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(1, 1.5, 4, 6, 8, 12, 24, 36).map((hours) => ({ type: 'every-hours' as const, hours })),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'as-needed' as const, minIntervalHours: 4, maxPerDay: 4 }) },
);
// Each case is built around one daylight-saving change of 2026 (either hemisphere, Chile at midnight).
const CENTERS = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-06', '2026-10-04', '2026-10-25', '2026-11-01'];
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

interface Scenario {
  versions: MedicationVersion[];
  zone: string;
  from: number;
  to: number;
  middle: number;
  /** Material for one more version (an edit or a stop) somewhere near the window. */
  next: { timing: MedicineTiming; startDate: string; at: number };
}

/** One schedule (version 1, up to three edits at increasing instants, perhaps a stop), a zone and a window. */
const scenarioArb: fc.Arbitrary<Scenario> = fc.constantFrom(...CENTERS).chain((center) => {
  const centerMs = Date.parse(`${center}T00:00:00Z`);
  const dateArb = fc.integer({ min: -10, max: 4 }).map((day) => addDays(center, day));
  const instantArb = fc.integer({ min: -8 * 24 * 60, max: 8 * 24 * 60 }).map((minutes) => centerMs + minutes * 60_000);
  const specArb = fc.record({
    timing: timingArb,
    startDate: dateArb,
    length: sometimes(fc.integer({ min: 0, max: 20 })),
  });
  return fc
    .record({
      first: specArb,
      edits: fc.array(fc.record({ spec: specArb, at: instantArb }), { maxLength: 3 }),
      stopAt: sometimes(instantArb),
      zone: fc.constantFrom(...ZONES),
      from: fc.integer({ min: -6 * 24 * 60, max: 6 * 24 * 60 }).map((minutes) => centerMs + minutes * 60_000),
      minutes: fc.integer({ min: 0, max: 6 * 24 * 60 }),
      split: fc.double({ min: 0, max: 1, noNaN: true }),
      next: fc.record({ timing: timingArb, startDate: dateArb, at: instantArb }),
    })
    .map(({ first, edits, stopAt, zone, from, minutes, split, next }) => {
      const specs = [{ spec: first, at: YEAR_START }, ...[...edits].sort((a, b) => a.at - b.at)];
      const versions = specs.map(({ spec, at }, index) =>
        medicationVersion({
          version: index + 1,
          timing: spec.timing,
          startDate: spec.startDate,
          endDate: spec.length === null ? null : addDays(spec.startDate, spec.length),
          effectiveFrom: new Date(at).toISOString(),
        }),
      );
      const last = versions.at(-1)!;
      if (stopAt !== null && stopAt >= Date.parse(last.effectiveFrom)) {
        const stoppedAt = new Date(stopAt).toISOString();
        versions.push({ ...last, version: last.version + 1, effectiveFrom: stoppedAt, stoppedAt });
      }
      const to = from + minutes * 60_000;
      return { versions, zone, from, to, middle: Math.round(from + (to - from) * split), next };
    });
});

const occurrencesOf = (versions: MedicationVersion[], zone: string, from: number, to: number) =>
  doseOccurrences(versions, zone, new Date(from), new Date(to));

describe('dose occurrence properties', () => {
  it('are sorted, unique, inside [from, to), and carry their own local date and time', () => {
    fc.assert(
      fc.property(scenarioArb, ({ versions, zone, from, to }) => {
        const occurrences = occurrencesOf(versions, zone, from, to);
        const instants = occurrences.map((o) => Date.parse(o.scheduledFor));
        expect(instants.every((t, i) => t >= from && t < to && (i === 0 || t >= instants[i - 1]!))).toBe(true);
        expect(new Set(occurrences.map((o) => o.key)).size).toBe(occurrences.length);
        for (const occurrence of occurrences) {
          expect(occurrence.localDate).toBe(localDateOf(occurrence.scheduledFor, zone));
          expect(occurrence.localTime).toBe(localTimeOf(occurrence.scheduledFor, zone));
          const version = versions.find((v) => v.version === occurrence.medicationVersion)!;
          expect(version.timing.type).not.toBe('as-needed');
          expect(occurrence.localDate >= version.startDate).toBe(true);
          if (version.endDate !== null) {
            expect(occurrence.localDate <= version.endDate).toBe(true);
          }
          if (version.timing.type === 'fixed-times' && !version.timing.times.includes(occurrence.localTime)) {
            // Only a time skipped by spring-forward moves: the clocks jumped forward just before it.
            const at = Date.parse(occurrence.scheduledFor);
            expect(offsetMs(at - 1000, zone)).toBeLessThan(offsetMs(at, zone));
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('every N hours stays exactly N real hours apart within a version', () => {
    fc.assert(
      fc.property(scenarioArb, ({ versions, zone, from, to }) => {
        const occurrences = occurrencesOf(versions, zone, from, to);
        for (let i = 1; i < occurrences.length; i += 1) {
          const [previous, current] = [occurrences[i - 1]!, occurrences[i]!];
          const timing = versions.find((v) => v.version === current.medicationVersion)!.timing;
          if (timing.type === 'every-hours' && previous.medicationVersion === current.medicationVersion) {
            const gap = Date.parse(current.scheduledFor) - Date.parse(previous.scheduledFor);
            expect(gap).toBe((current.occurrence - previous.occurrence) * timing.hours * HOUR);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('splitting [a, c) into [a, b) and [b, c) gives the same occurrences with the same keys', () => {
    fc.assert(
      fc.property(scenarioArb, ({ versions, zone, from, to, middle }) => {
        const whole = occurrencesOf(versions, zone, from, to);
        const parts = [...occurrencesOf(versions, zone, from, middle), ...occurrencesOf(versions, zone, middle, to)];
        expect(parts).toEqual(whole);
      }),
      { numRuns: 500 },
    );
  });

  it('an edit never changes the occurrences before its instant', () => {
    fc.assert(
      fc.property(scenarioArb, ({ versions, zone, from, to, next }) => {
        const last = versions.at(-1)!;
        const editAt = Math.max(next.at, Date.parse(last.effectiveFrom));
        const edit = {
          ...last,
          version: last.version + 1,
          timing: next.timing,
          startDate: next.startDate,
          effectiveFrom: new Date(editAt).toISOString(),
          stoppedAt: null,
        };
        const isBefore = (o: DoseOccurrence) => Date.parse(o.scheduledFor) < editAt;
        const before = occurrencesOf(versions, zone, from, to).filter(isBefore);
        const after = occurrencesOf([...versions, edit], zone, from, to).filter(isBefore);
        expect(after).toEqual(before);
      }),
      { numRuns: 400 },
    );
  });

  it('a stop leaves nothing at or after it', () => {
    fc.assert(
      fc.property(scenarioArb, ({ versions, zone, from, to, next }) => {
        const last = versions.at(-1)!;
        const stoppedAt = new Date(Math.max(next.at, Date.parse(last.effectiveFrom))).toISOString();
        const stopped = [...versions, { ...last, version: last.version + 1, effectiveFrom: stoppedAt, stoppedAt }];
        const occurrences = occurrencesOf(stopped, zone, from, to);
        expect(occurrences.every((o) => Date.parse(o.scheduledFor) < Date.parse(stoppedAt))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('across a move between zones: split-stable, and every daily dose exactly once', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.constantFrom(...ZONES),
        fc.uniqueArray(timeArb, { minLength: 1, maxLength: 4 }),
        ({ zone, from, to, middle, next }, newZone, times) => {
          const daily = [medicationVersion({ timing: { type: 'fixed-times', times }, startDate: '2026-01-01' })];
          const zones = [
            { from: '2026-01-01T00:00:00.000Z', timeZone: zone },
            { from: new Date(next.at).toISOString(), timeZone: newZone },
          ];
          const whole = doseOccurrencesAcrossZones(daily, zones, new Date(from), new Date(to));
          const parts = [
            ...doseOccurrencesAcrossZones(daily, zones, new Date(from), new Date(middle)),
            ...doseOccurrencesAcrossZones(daily, zones, new Date(middle), new Date(to)),
          ];
          expect(parts).toEqual(whole);
          // Over a long window around the move, the doses are exactly the daily slots in between, each once.
          const around = doseOccurrencesAcrossZones(
            daily,
            zones,
            new Date(next.at - 5 * 24 * HOUR),
            new Date(next.at + 5 * 24 * HOUR),
          );
          const indices = around.map((o) => o.occurrence).sort((a, b) => a - b);
          expect(indices).toEqual(indices.map((_, i) => indices[0]! + i));
        },
      ),
      { numRuns: 300 },
    );
  });
});
