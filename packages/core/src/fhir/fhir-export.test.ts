import fc from 'fast-check';
import type * as fhir from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { EXPORTED_RESOURCE_TYPES, findInBundle, toFhirBundle, type FhirExportInput } from './export-bundle.ts';
import type { MedicationRecord } from './input.ts';
import { validateFhir } from './testing-validate.ts';
import { fhirTestPlan, fullRecord, PATIENT_ID } from './testing.ts';

const NOW = '2026-11-25T15:00:00.000Z';
const BASE = 'https://care.example.org/fhir/R4';

function resources<T extends fhir.Resource>(bundle: fhir.Bundle, type: T['resourceType']): T[] {
  return (bundle.entry ?? []).flatMap((entry) => (entry.resource?.resourceType === type ? [entry.resource as T] : []));
}

describe('toFhirBundle', () => {
  it('gives a bundle with every resource type that validates with 0 errors in two independent validators', () => {
    const bundle = toFhirBundle(fullRecord(), { generatedAt: NOW, baseUrl: BASE });
    expect(validateFhir(bundle)).toEqual([]);
    const types = new Set(bundle.entry?.map((entry) => entry.resource?.resourceType));
    expect([...types].sort()).toEqual([...EXPORTED_RESOURCE_TYPES].sort());
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: NOW });
    for (const entry of bundle.entry ?? []) {
      expect(entry.fullUrl).toBe(`${BASE}/${entry.resource?.resourceType ?? ''}/${entry.resource?.id ?? ''}`);
    }
  });

  it('validates in Spanish, without a base URL, and as a searchset', () => {
    for (const options of [{ generatedAt: NOW }, { generatedAt: NOW, type: 'searchset' as const, baseUrl: BASE }]) {
      const bundle = toFhirBundle(fullRecord('es'), options);
      expect(validateFhir(bundle)).toEqual([]);
    }
    const spanish = toFhirBundle(fullRecord('es'), { generatedAt: NOW });
    expect(resources<fhir.CarePlan>(spanish, 'CarePlan')[0]?.title).toBe(fhirTestPlan.texts.es['plan.title']);
    expect(spanish.entry?.[0]?.fullUrl).toBeUndefined();
  });

  it('catches mistakes: each validator finds errors in a broken resource', () => {
    const broken = {
      resourceType: 'Observation',
      status: 'guessed',
      code: { text: 'x' },
      effectiveDateTime: 'yesterday',
    } as unknown as fhir.Observation;
    const found = validateFhir(broken);
    expect(found.some((m) => m.validator === 'fhir')).toBe(true);
    expect(found.some((m) => m.validator === 'medplum')).toBe(true);
  });

  it('writes each timing as FHIR Timing: times of day, every N hours, as needed with a daily limit', () => {
    const bundle = toFhirBundle(fullRecord(), { generatedAt: NOW });
    const byName = (name: string) =>
      resources<fhir.MedicationStatement>(bundle, 'MedicationStatement').find(
        (m) => m.medicationCodeableConcept?.text === name,
      );
    expect(byName('Cefalexin 500 mg')?.dosage?.[0]).toMatchObject({
      text: '1 capsule',
      doseAndRate: [{ doseQuantity: { value: 1, unit: 'capsule' } }],
      timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd', timeOfDay: ['08:00:00', '20:00:00'] } },
    });
    expect(byName('Chamomile tea')?.dosage?.[0]?.timing?.repeat).toMatchObject({
      frequency: 1,
      period: 12,
      periodUnit: 'h',
    });
    expect(byName('Oxycodone 5 mg')?.dosage?.[0]).toMatchObject({
      asNeededBoolean: true,
      timing: { repeat: { frequency: 1, period: 4, periodUnit: 'h' } },
      maxDosePerPeriod: { numerator: { value: 6 }, denominator: { value: 1, code: 'd' } },
    });
    expect(byName('Oxycodone 5 mg')?.reasonCode).toEqual([{ text: 'For pain where the marrow was taken.' }]);
    expect(byName('Folic acid and iron')?.category?.coding?.[0]?.code).toBe('vitamin');
    expect(byName('Chamomile tea')?.category?.coding?.[0]?.code).toBe('herb');
    expect(byName('Ibuprofen 200 mg')?.status).toBe('stopped');
    expect(byName('Cefalexin 500 mg')?.status).toBe('active');
  });

  it('writes pain scores (LOINC 72514-3) and temperatures (LOINC 8310-5) in °C and °F as UCUM', () => {
    const bundle = toFhirBundle(fullRecord(), { generatedAt: NOW });
    const observations = resources<fhir.Observation>(bundle, 'Observation');
    const pain = observations.filter((o) => o.code.coding?.[0]?.code === '72514-3');
    expect(pain.map((o) => o.valueQuantity)).toEqual([
      { value: 3, unit: 'score', system: 'http://unitsofmeasure.org', code: '{score}' },
      { value: 5, unit: 'score', system: 'http://unitsofmeasure.org', code: '{score}' },
    ]);
    const temperatures = observations.filter((o) => o.code.coding?.[0]?.code === '8310-5');
    expect(temperatures.map((o) => [o.valueQuantity?.value, o.valueQuantity?.code])).toEqual([
      [38.4, 'Cel'],
      [99.1, '[degF]'],
    ]);
    expect(temperatures.every((o) => o.category?.[0]?.coding?.[0]?.code === 'vital-signs')).toBe(true);
    expect(temperatures.map((o) => o.interpretation?.[0]?.coding?.[0]?.code)).toEqual(['H', undefined]);
  });

  it('links alerts to what raised them and records who handled them', () => {
    const bundle = toFhirBundle(fullRecord(), { generatedAt: NOW });
    const risk = findInBundle(
      bundle,
      'RiskAssessment',
      '00000000-0000-4000-8000-000000000050-triage',
    ) as fhir.RiskAssessment;
    expect(risk.basis?.map((b) => b.reference)).toEqual([
      'QuestionnaireResponse/00000000-0000-4000-8000-000000000041',
      'Observation/00000000-0000-4000-8000-000000000041-pain',
      'Observation/00000000-0000-4000-8000-000000000041-temperature',
    ]);
    expect(resources<fhir.Flag>(bundle, 'Flag').map((f) => f.status)).toEqual(['inactive', 'active']);
    expect(resources<fhir.Provenance>(bundle, 'Provenance').map((p) => p.id)).toEqual([
      '00000000-0000-4000-8000-000000000050-acknowledged',
      '00000000-0000-4000-8000-000000000050-resolved',
    ]);
    const messages = resources<fhir.Communication>(bundle, 'Communication');
    expect(messages[0]?.sender).toEqual({ reference: `Patient/${PATIENT_ID}` });
    expect(messages[1]?.sender).toMatchObject({ type: 'Practitioner' });
  });

  it('points every relative reference at a resource of the bundle (except people, who are identifiers)', () => {
    const bundle = toFhirBundle(fullRecord(), { generatedAt: NOW });
    const present = new Set(bundle.entry?.map((e) => `${e.resource?.resourceType ?? ''}/${e.resource?.id ?? ''}`));
    const references = JSON.stringify(bundle).match(/"reference":"[^"]+"/g) ?? [];
    for (const found of references) {
      expect(present.has(found.slice('"reference":"'.length, -1)), found).toBe(true);
    }
  });
});

const LOCAL_TIME = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const DATE = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const INSTANT = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString());
const TEXT = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '');
const TIMING = fc.oneof(
  fc.uniqueArray(LOCAL_TIME, { minLength: 1, maxLength: 6 }).map((times) => ({ type: 'fixed-times' as const, times })),
  fc.integer({ min: 1, max: 72 }).map((hours) => ({ type: 'every-hours' as const, hours })),
  fc
    .integer({ min: 1, max: 24 })
    .chain((interval) =>
      fc
        .integer({ min: 1, max: Math.ceil(24 / interval) })
        .map((maxPerDay) => ({ type: 'as-needed' as const, minIntervalHours: interval, maxPerDay })),
    ),
);
const MEDICATION = fc.record({
  id: fc.uuid(),
  version: fc.integer({ min: 1, max: 9 }),
  name: TEXT,
  kind: fc.constantFrom('prescription', 'over-the-counter', 'vitamin', 'herb'),
  amount: TEXT,
  timing: TIMING,
  reason: fc.string({ maxLength: 40 }),
  startDate: DATE,
  endDate: fc.option(DATE, { nil: null }),
  planItem: fc.option(fc.constantFrom('pain-relief', 'antibiotic'), { nil: null }),
  effectiveFrom: INSTANT,
  stoppedAt: fc.option(INSTANT, { nil: null }),
  changedBy: fc.uuid(),
}) satisfies fc.Arbitrary<MedicationRecord>;
const CHECK_IN = fc.record({
  id: fc.uuid(),
  submittedAt: INSTANT,
  payload: fc.record(
    {
      language: fc.constantFrom('en', 'es'),
      text: fc.string({ maxLength: 80 }),
      signs: fc.subarray(fhirTestPlan.triage.signs.map((s) => s.id)),
      temperature: fc.oneof(
        fc.double({ min: 30, max: 45, noNaN: true }).map((value) => ({ value, unit: 'C' as const })),
        fc.double({ min: 86, max: 113, noNaN: true }).map((value) => ({ value, unit: 'F' as const })),
      ),
      pain: fc.record({ score: fc.integer({ min: 0, max: 10 }), medicineTaken: fc.boolean() }),
    },
    { requiredKeys: [] },
  ),
  triage: fc.anything(),
  disposition: fc.constantFrom('emergency', 'contact-provider', 'self-care'),
  recordedBy: fc.uuid(),
});

describe('toFhirBundle on any well-shaped record', () => {
  it('never throws, keeps ids valid and unique, and validates', () => {
    const base = fullRecord();
    fc.assert(
      fc.property(
        fc.array(MEDICATION, { maxLength: 4 }),
        fc.array(CHECK_IN, { maxLength: 3 }),
        fc.constantFrom('en', 'es'),
        fc.constantFrom('hip', 'sternum', 'both'),
        (medications, checkIns, language, harvestSite) => {
          const input: FhirExportInput = {
            ...base,
            patient: { ...base.patient, language, harvestSite },
            medications,
            checkIns,
            alerts: checkIns.slice(0, 1).map((checkIn) => ({ ...base.alerts[1]!, checkInId: checkIn.id })),
            doses: [],
          };
          const bundle = toFhirBundle(input, { generatedAt: NOW });
          const ids = bundle.entry?.map((e) => `${e.resource?.resourceType ?? ''}/${e.resource?.id ?? ''}`) ?? [];
          expect(new Set(ids).size).toBe(ids.length);
          for (const id of ids) {
            expect(id.split('/')[1]).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
          }
          expect(validateFhir(bundle)).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });
});
