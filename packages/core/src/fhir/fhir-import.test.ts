import fc from 'fast-check';
import type * as fhir from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { AftercareError } from '../errors.ts';
import { toFhirBundle } from './export-bundle.ts';
import { fromFhirBundle, MAX_IMPORT_ENTRIES } from './import-bundle.ts';
import { mergeImport } from './merge-import.ts';
import { validateFhir } from './testing-validate.ts';
import { fullRecord } from './testing.ts';

const NOW = '2026-11-25T15:00:00.000Z';
const PATIENT_URN = 'urn:uuid:9a1b2c3d-0000-4000-8000-000000000001';
const MED_URN = 'urn:uuid:9a1b2c3d-0000-4000-8000-000000000002';

/** What an EHR might give at discharge: RxNorm codes, a contained and a referenced Medication, a Location. */
function dischargeBundle(): fhir.Bundle {
  const subject = { reference: PATIENT_URN };
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: PATIENT_URN, resource: { resourceType: 'Patient', name: [{ family: 'Example', given: ['Pat'] }] } },
      {
        fullUrl: MED_URN,
        resource: {
          resourceType: 'Medication',
          code: {
            coding: [
              {
                system: 'http://www.nlm.nih.gov/research/umls/rxnorm',
                code: '1049621',
                display: 'oxycodone hydrochloride 5 MG Oral Tablet',
              },
            ],
          },
        },
      },
      {
        resource: {
          resourceType: 'MedicationRequest',
          status: 'active',
          intent: 'order',
          medicationReference: { reference: MED_URN },
          subject,
          authoredOn: '2026-11-19',
          reasonCode: [{ text: 'Pain after bone marrow harvest' }],
          dosageInstruction: [
            {
              text: 'Take 1 tablet by mouth every 4 to 6 hours as needed for pain',
              timing: { repeat: { frequency: 1, period: 4, periodMax: 6, periodUnit: 'h' } },
              asNeededBoolean: true,
              maxDosePerPeriod: {
                numerator: { value: 4 },
                denominator: { value: 1, unit: 'day', system: 'http://unitsofmeasure.org', code: 'd' },
              },
            },
          ],
        },
      },
      {
        resource: {
          resourceType: 'MedicationRequest',
          status: 'active',
          intent: 'order',
          contained: [{ resourceType: 'Medication', id: 'abx', code: { text: 'Cephalexin 500 mg capsule' } }],
          medicationReference: { reference: '#abx' },
          subject,
          dosageInstruction: [
            {
              doseAndRate: [{ doseQuantity: { value: 1, unit: 'capsule' } }],
              timing: {
                repeat: {
                  boundsPeriod: { start: '2026-11-19', end: '2026-11-25' },
                  frequency: 2,
                  period: 1,
                  periodUnit: 'd',
                },
              },
            },
          ],
        },
      },
      {
        resource: {
          resourceType: 'MedicationStatement',
          status: 'active',
          medicationCodeableConcept: { text: 'Vitamin D 1000 units' },
          subject,
          effectiveDateTime: '2026-10-01',
          dosage: [{ text: '1 tablet', timing: { repeat: { timeOfDay: ['09:00:00'] } } }],
        },
      },
      {
        resource: {
          resourceType: 'MedicationRequest',
          status: 'active',
          intent: 'order',
          medicationCodeableConcept: { text: 'Docusate' },
          subject,
          dosageInstruction: [{ text: 'at bedtime', timing: { repeat: { when: ['HS'] } } }],
        },
      },
      {
        resource: {
          resourceType: 'MedicationRequest',
          status: 'completed',
          intent: 'order',
          medicationCodeableConcept: { text: 'Ondansetron' },
          subject,
        },
      },
      {
        resource: {
          resourceType: 'AllergyIntolerance',
          clinicalStatus: {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }],
          },
          code: {
            coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '7980', display: 'Penicillin G' }],
          },
          patient: subject,
          reaction: [
            {
              manifestation: [{ coding: [{ system: 'http://snomed.info/sct', code: '247472004', display: 'Hives' }] }],
            },
          ],
        },
      },
      {
        fullUrl: 'urn:uuid:9a1b2c3d-0000-4000-8000-000000000003',
        resource: { resourceType: 'Location', name: 'Hematology clinic, floor 3' },
      },
      {
        resource: {
          resourceType: 'Appointment',
          status: 'booked',
          serviceType: [{ text: 'Hematology follow-up' }],
          description: 'Blood counts',
          start: '2026-12-03T10:00:00-06:00',
          end: '2026-12-03T10:30:00-06:00',
          participant: [
            { actor: subject, status: 'accepted' },
            { actor: { reference: 'urn:uuid:9a1b2c3d-0000-4000-8000-000000000003' }, status: 'accepted' },
          ],
        },
      },
      { resource: { resourceType: 'Condition', subject, code: { text: 'Bone marrow donor' } } },
    ],
  };
}

function refusal(bundle: unknown): AftercareError {
  try {
    fromFhirBundle(bundle, { today: '2026-11-25' });
  } catch (error) {
    if (error instanceof AftercareError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the bundle to be refused');
}

function paths(bundle: unknown): string[] {
  const error = refusal(bundle);
  expect(error.code).toBe('CARE_ERR_BAD_INPUT');
  return error.issues.map((issue) => issue.path);
}

function withEntry(index: number, change: (resource: Record<string, unknown>) => void): fhir.Bundle {
  const bundle = dischargeBundle();
  change(bundle.entry![index]!.resource as unknown as Record<string, unknown>);
  return bundle;
}

describe('fromFhirBundle', () => {
  it('round trip: export, then import, gives back the active medicines, the allergies and the visits', () => {
    const record = fullRecord();
    const bundle = toFhirBundle(record, { generatedAt: NOW });
    const imported = fromFhirBundle(bundle);
    const keep = ({
      name,
      kind,
      amount,
      timing,
      reason,
      startDate,
      endDate,
      planItem,
    }: (typeof record.medications)[number]) => ({
      name,
      kind,
      amount,
      timing,
      reason,
      startDate,
      endDate,
      planItem,
    });
    expect(imported.medications).toEqual(record.medications.filter((m) => m.stoppedAt === null).map(keep));
    expect(imported.allergies).toEqual(record.allergies.map(({ substance, reaction }) => ({ substance, reaction })));
    expect(imported.appointments).toEqual(
      record.appointments
        .filter((a) => a.cancelledAt === null)
        .map(({ withWhom, reason, location, startsAt }) => ({ withWhom, reason, location, startsAt })),
    );
    const skipped = imported.skipped.map((s) => s.reason).join('\n');
    expect(skipped).toMatch(/status "stopped"/);
    expect(skipped).toMatch(/status "cancelled"/);
    expect(skipped).toMatch(/Observation is not imported/);
  });

  it('reads a discharge bundle from an EHR: names from Medications, timings, allergies and a visit with its place', () => {
    expect(validateFhir(dischargeBundle())).toEqual([]);
    const imported = fromFhirBundle(dischargeBundle(), { today: '2026-11-25' });
    expect(imported.medications).toEqual([
      {
        name: 'oxycodone hydrochloride 5 MG Oral Tablet',
        kind: 'prescription',
        amount: 'Take 1 tablet by mouth every 4 to 6 hours as needed for pain',
        timing: { type: 'as-needed', minIntervalHours: 4, maxPerDay: 4 },
        reason: 'Pain after bone marrow harvest',
        startDate: '2026-11-19',
        endDate: null,
        planItem: null,
      },
      {
        name: 'Cephalexin 500 mg capsule',
        kind: 'prescription',
        amount: '1 capsule',
        timing: { type: 'every-hours', hours: 12 },
        reason: '',
        startDate: '2026-11-19',
        endDate: '2026-11-25',
        planItem: null,
      },
      {
        name: 'Vitamin D 1000 units',
        kind: 'prescription',
        amount: '1 tablet',
        timing: { type: 'fixed-times', times: ['09:00'] },
        reason: '',
        startDate: '2026-10-01',
        endDate: null,
        planItem: null,
      },
    ]);
    expect(imported.allergies).toEqual([{ substance: 'Penicillin G', reaction: 'Hives' }]);
    expect(imported.appointments).toEqual([
      {
        withWhom: 'hematologist',
        reason: 'Hematology follow-up',
        location: 'Hematology clinic, floor 3',
        startsAt: '2026-12-03T16:00:00.000Z',
      },
    ]);
    expect(imported.skipped.map((s) => s.path)).toEqual([
      'Bundle.entry[5].resource.dosageInstruction[0].timing.repeat.when',
      'Bundle.entry[6].resource',
      'Bundle.entry[10].resource',
    ]);
    const [bedtime, completed, condition] = imported.skipped.map((s) => s.reason);
    expect(bedtime).toMatch(/meals or bedtime/);
    expect(completed).toMatch(/status "completed"/);
    expect(condition).toMatch(/Condition is not imported/);
  });

  it('refuses a bundle that is not one, with the path of the problem', () => {
    expect(paths(null)).toEqual(['Bundle']);
    expect(paths([])).toEqual(['Bundle']);
    expect(paths({ resourceType: 'Patient' })).toContain('Bundle.resourceType');
    expect(paths({ resourceType: 'Bundle' })).toEqual(['Bundle.type']);
    expect(paths({ resourceType: 'Bundle', type: 'collection', entry: [] })).toEqual(['Bundle.entry']);
    expect(paths({ resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:x' }] })).toEqual([
      'Bundle.entry[0].resource',
    ]);
  });

  it('refuses wrong resource types, missing required fields and malformed values, with FHIR paths', () => {
    expect(paths(withEntry(10, (r) => (r.resourceType = 'Conditionx')))).toEqual([
      'Bundle.entry[10].resource.resourceType',
    ]);
    expect(paths(withEntry(2, (r) => delete r.subject))).toEqual(['Bundle.entry[2].resource.subject']);
    expect(paths(withEntry(2, (r) => delete r.medicationReference))).toEqual([
      'Bundle.entry[2].resource.medication[x]',
    ]);
    expect(paths(withEntry(2, (r) => (r.status = 'ongoing')))).toEqual(['Bundle.entry[2].resource.status']);
    const badUnit = withEntry(2, (r) => {
      (r.dosageInstruction as { timing: { repeat: { periodUnit: string } } }[])[0]!.timing.repeat.periodUnit = 'hours';
    });
    expect(paths(badUnit)).toEqual(['Bundle.entry[2].resource.dosageInstruction[0].timing.repeat.periodUnit']);
    const badTime = withEntry(4, (r) => {
      (r.dosage as { timing: { repeat: { timeOfDay: string[] } } }[])[0]!.timing.repeat.timeOfDay = ['9am'];
    });
    expect(paths(badTime)).toEqual(['Bundle.entry[4].resource.dosage[0].timing.repeat.timeOfDay[0]']);
    expect(paths(withEntry(9, (r) => delete r.end))).toEqual(['Bundle.entry[9].resource.end']);
    expect(paths(withEntry(9, (r) => (r.start = 'next Tuesday')))).toContain('Bundle.entry[9].resource.start');
    expect(paths(withEntry(7, (r) => (r.reaction = [{ manifestation: [] }])))).toEqual([
      'Bundle.entry[7].resource.reaction[0].manifestation',
    ]);
  });

  it('refuses broken references and bundles that mix patients', () => {
    expect(
      paths(withEntry(2, (r) => (r.subject = { reference: 'urn:uuid:9a1b2c3d-0000-4000-8000-00000000dead' }))),
    ).toEqual(['Bundle.entry[2].resource.subject.reference']);
    expect(paths(withEntry(2, (r) => (r.subject = { reference: 'patient 12' })))).toEqual([
      'Bundle.entry[2].resource.subject.reference',
    ]);
    expect(paths(withEntry(2, (r) => (r.subject = { reference: 'Practitioner/12' })))).toEqual([
      'Bundle.entry[2].resource.subject.reference',
    ]);
    expect(paths(withEntry(3, (r) => (r.medicationReference = { reference: '#nothing' })))).toEqual([
      'Bundle.entry[3].resource.medicationReference.reference',
    ]);
    expect(paths(withEntry(2, (r) => (r.medicationReference = { reference: 'Medication/elsewhere' })))).toEqual([
      'Bundle.entry[2].resource.medicationReference.reference',
    ]);
    expect(paths(withEntry(2, (r) => (r.subject = { reference: 'Patient/someone-else' })))).toEqual([
      'Bundle.entry[2].resource.subject.reference',
    ]);
    const twoPatients = dischargeBundle();
    twoPatients.entry!.push({ resource: { resourceType: 'Patient', id: 'p2' } });
    expect(paths(twoPatients)).toEqual(['Bundle.entry[11].resource']);
  });

  it('refuses huge bundles', () => {
    const bundle = dischargeBundle();
    const entry = bundle.entry![4]!;
    bundle.entry = Array.from({ length: MAX_IMPORT_ENTRIES + 1 }, () => entry);
    expect(paths(bundle)).toEqual(['Bundle.entry']);
  });

  it('answers any JSON with a result or a CARE_ERR_BAD_INPUT, never another error', () => {
    const valid = dischargeBundle();
    const mutated = fc
      .tuple(fc.integer({ min: 0, max: 10 }), fc.string(), fc.jsonValue())
      .map(([index, key, value]) => {
        const copy = structuredClone(valid);
        (copy.entry![index]!.resource as unknown as Record<string, unknown>)[key === '' ? 'status' : key] = value;
        return copy;
      });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), mutated), (value) => {
        try {
          fromFhirBundle(value, { today: '2026-11-25' });
        } catch (error) {
          expect(error).toBeInstanceOf(AftercareError);
          expect((error as AftercareError).code).toBe('CARE_ERR_BAD_INPUT');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('mergeImport', () => {
  it('skips what the patient already has', () => {
    const record = fullRecord();
    const imported = fromFhirBundle(toFhirBundle(record, { generatedAt: NOW }));
    const merged = mergeImport(imported, record);
    expect(merged.medications).toEqual([]);
    expect(merged.allergies).toEqual([]);
    expect(merged.appointments).toEqual([]);
    expect(merged.skipped.filter((s) => /already/.test(s.reason))).toHaveLength(4 + 2 + 2);
    const fresh = mergeImport(imported, { medications: [], allergies: [], appointments: [] });
    expect(fresh.medications).toHaveLength(4);
    expect(fresh.sources.medications[0]).toMatch(/^Bundle\.entry\[\d+\]\.resource$/);
  });
});
