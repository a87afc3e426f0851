import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAftercareError } from '../errors.ts';
import { parseCheckIn, type CheckIn } from './check-in.ts';
import { PHRASINGS } from './phrasings.ts';
import { triageTestPlan } from './testing.ts';
import { triage, type Disposition, type TriageInput } from './triage.ts';

const plan = triageTestPlan();
const RANK: Record<Disposition, number> = { 'self-care': 0, 'contact-provider': 1, emergency: 2 };
const signIds = plan.triage.signs.map((sign) => sign.id);

// Texts: real phrasings, their pieces, random words from the rules, and arbitrary Unicode.
const words = plan.triage.signs
  .flatMap((sign) => [...sign.phrases.en, ...sign.phrases.es])
  .flatMap((p) => p.split(/[\s|*]+/));
const textArb = fc.oneof(
  fc.constantFrom(...PHRASINGS.map((p) => p.text)),
  fc
    .array(fc.constantFrom(...words, 'no', 'not', 'but', 'pero', 'my mom', ',', '.', '?', '38.5', '101'), {
      maxLength: 12,
    })
    .map((w) => w.join(' ')),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const temperatureArb = fc.oneof(
  fc.record({ value: fc.double({ min: 30, max: 45, noNaN: true }), unit: fc.constant('C' as const) }),
  fc.record({ value: fc.double({ min: 86, max: 113, noNaN: true }), unit: fc.constant('F' as const) }),
);
const checkInArb: fc.Arbitrary<TriageInput> = fc.record(
  {
    language: fc.constantFrom('en', 'es'),
    text: textArb,
    signs: fc.subarray(signIds),
    temperature: temperatureArb,
    pain: fc.record({ score: fc.integer({ min: 0, max: 10 }), medicineTaken: fc.boolean() }),
  },
  { requiredKeys: [] },
);
const rank = (input: TriageInput): number => RANK[triage(plan, input).disposition];

describe('triage invariants', () => {
  it('never lowers the disposition when a sign is added', () => {
    fc.assert(
      fc.property(checkInArb, fc.constantFrom(...signIds), (checkIn, sign) => {
        expect(rank({ ...checkIn, signs: [...(checkIn.signs ?? []), sign] })).toBeGreaterThanOrEqual(rank(checkIn));
      }),
    );
  });

  it('never lowers the disposition when text is added', () => {
    fc.assert(
      fc.property(checkInArb, textArb, (checkIn, more) => {
        const text = checkIn.text === undefined ? more : `${checkIn.text}\n${more}`;
        expect(rank({ ...checkIn, text })).toBeGreaterThanOrEqual(rank(checkIn));
      }),
    );
  });

  it('never lowers the disposition when the temperature is higher', () => {
    fc.assert(
      fc.property(
        checkInArb,
        temperatureArb,
        fc.double({ min: 0, max: 5, noNaN: true }),
        (checkIn, temperature, more) => {
          const lower = { ...checkIn, temperature };
          const higher = { ...checkIn, temperature: { ...temperature, value: temperature.value + more } };
          expect(rank(higher)).toBeGreaterThanOrEqual(rank(lower));
        },
      ),
    );
  });

  it('is deterministic, whatever ran before', () => {
    fc.assert(
      fc.property(checkInArb, checkInArb, (checkIn, other) => {
        const first = triage(plan, checkIn);
        triage(plan, other);
        expect(triage(plan, checkIn)).toEqual(first);
      }),
    );
  });

  it('answers every well-shaped check-in, with evidence for anything above self-care', () => {
    fc.assert(
      fc.property(checkInArb, (checkIn) => {
        const result = triage(plan, checkIn);
        expect(result.advice).toBe(`advice.${result.disposition}`);
        if (result.disposition !== 'self-care') {
          expect(result.reasons.length).toBeGreaterThan(0);
        }
        for (const reason of result.reasons) {
          expect(reason.evidence.trim().length).toBeGreaterThan(0);
          expect(RANK[reason.level]).toBeLessThanOrEqual(RANK[result.disposition]);
        }
      }),
    );
  });

  it('accepts what it produces as a valid check-in', () => {
    fc.assert(
      fc.property(checkInArb, (checkIn) => {
        const parsed: CheckIn = parseCheckIn(plan, checkIn);
        expect(parsed.language).toBe(checkIn.language ?? 'en');
      }),
    );
  });

  it('rejects malformed check-ins with a message a person can act on', () => {
    const malformed = fc.oneof(
      fc.jsonValue().filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)),
      fc.record({ text: fc.oneof(fc.integer(), fc.boolean(), fc.string({ minLength: 4001, maxLength: 4100 })) }),
      fc.record({
        signs: fc.array(
          fc.string().filter((s) => !signIds.includes(s)),
          { minLength: 1, maxLength: 3 },
        ),
      }),
      fc.record({
        temperature: fc.record({
          value: fc.double({ min: 200, max: 1000, noNaN: true }),
          unit: fc.constantFrom('C', 'F'),
        }),
      }),
      fc.record({ pain: fc.record({ score: fc.integer({ min: 11, max: 100 }), medicineTaken: fc.boolean() }) }),
      fc.record({ language: fc.constantFrom('fr', 'EN', '') }),
      fc.record({ temprature: fc.integer() }),
    );
    fc.assert(
      fc.property(malformed, (value) => {
        try {
          parseCheckIn(plan, value);
          expect.unreachable('should have been rejected');
        } catch (error) {
          expect(isAftercareError(error) && error.code).toBe('CARE_ERR_BAD_INPUT');
          const message = (error as Error).message;
          expect(message).toMatch(/check-in/);
          expect(message.length).toBeLessThan(1200);
        }
      }),
    );
  });
});
