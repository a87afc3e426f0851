import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FhirBundle } from '@aftercare/core';
import { validateFhir } from '@aftercare/core/fhir/testing';
import { closeTestStores, DIALECTS } from '@aftercare/store/testing';
import { enrolWithLogin, makeTestApp, PATIENT_INPUT, setUpAdmin, type TestApp } from '../../testing/test-app.ts';

afterEach(async () => {
  await closeTestStores();
});

interface Med {
  id: string;
  name: string;
  kind: string;
  amount: string;
  timing: unknown;
  reason: string;
  startDate: string;
  endDate: string | null;
  planItem: string | null;
  stoppedAt: string | null;
}

const sameMed = ({ name, kind, amount, timing, reason, startDate, endDate, planItem }: Med) => ({
  name,
  kind,
  amount,
  timing,
  reason,
  startDate,
  endDate,
  planItem,
});

for (const dialect of DIALECTS) {
  describe(`FHIR in and out on ${dialect}`, () => {
    let t: TestApp;
    let admin: string;
    let pat: { patientId: string; cookie: string };

    async function get(url: string, cookie = admin) {
      return t.app.inject({ url, headers: { cookie } });
    }
    async function post(url: string, payload: unknown, cookie = admin, type = 'application/json') {
      return t.app.inject({
        method: 'POST',
        url,
        headers: { cookie, 'content-type': type },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
    }
    async function medications(patientId: string): Promise<Med[]> {
      return (await get(`/api/v1/patients/${patientId}/medications`)).json<{ medications: Med[] }>().medications;
    }

    beforeEach(async () => {
      t = await makeTestApp(dialect);
      admin = await setUpAdmin(t.app);
      pat = await enrolWithLogin(t.app, admin, 'pat1@example.org', {
        allergies: [{ substance: 'Penicillin', reaction: 'Hives' }],
        appointments: [
          { withWhom: 'primary-care', reason: 'wound-check', location: 'Clinic B', startsAt: '2026-11-26T15:30:00Z' },
        ],
      });
      const base = `/api/v1/patients/${pat.patientId}`;
      await post(`${base}/check-ins`, { text: 'Sore, ok', pain: { score: 3, medicineTaken: false } }, pat.cookie);
      await post(
        `${base}/check-ins`,
        { temperature: { value: 100.9, unit: 'F' }, pain: { score: 5, medicineTaken: true } },
        pat.cookie,
      );
      await post(`${base}/messages`, { body: 'Can I shower?' }, pat.cookie);
      await post(`${base}/medications`, {
        name: 'Chamomile tea',
        kind: 'herb',
        amount: '1 cup',
        timing: { type: 'every-hours', hours: 12 },
        reason: 'Sleep',
        startDate: '2026-11-20',
        endDate: null,
        planItem: null,
      });
    });
    afterEach(async () => {
      await t.app.close();
    });

    it('exports the record as a valid FHIR Bundle, audited, to the team and to the patient only', async () => {
      const response = await get(`/api/v1/patients/${pat.patientId}/export`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/fhir\+json/);
      const bundle = response.json<FhirBundle>();
      expect(validateFhir(bundle)).toEqual([]);
      const types = new Set(bundle.entry?.map((e) => e.resource?.resourceType));
      for (const type of [
        'Patient',
        'CarePlan',
        'MedicationStatement',
        'AllergyIntolerance',
        'Appointment',
        'Questionnaire',
        'QuestionnaireResponse',
        'Observation',
        'Flag',
        'RiskAssessment',
        'Communication',
      ]) {
        expect(types.has(type as never), type).toBe(true);
      }
      expect(bundle.entry?.[0]?.fullUrl).toMatch(
        new RegExp(`^http://localhost(:\\d+)?/fhir/R4/Patient/${pat.patientId}$`),
      );
      const audit = await t.store.listAudit({ patientId: pat.patientId });
      expect(audit.map((e) => e.action)).toContain('patient.export');

      expect((await get(`/api/v1/patients/${pat.patientId}/export`, pat.cookie)).statusCode).toBe(200);
      const other = await enrolWithLogin(t.app, admin, 'pat2@example.org');
      expect((await get(`/api/v1/patients/${pat.patientId}/export`, other.cookie)).statusCode).toBe(404);
      expect((await t.app.inject({ url: `/api/v1/patients/${pat.patientId}/export` })).statusCode).toBe(401);
    });

    it('round trip: export, import into a fresh patient, export again gives the same medicines, allergies and visits', async () => {
      const bundle = (await get(`/api/v1/patients/${pat.patientId}/export`)).json<FhirBundle>();
      const fresh = await post('/api/v1/patients', { ...PATIENT_INPUT, name: 'Fresh Example', medications: [] });
      expect(fresh.statusCode).toBe(201);
      const freshId = fresh.json<{ patient: { id: string } }>().patient.id;
      const imported = await post(`/api/v1/patients/${freshId}/import`, bundle, admin, 'application/fhir+json');
      expect(imported.statusCode, imported.body).toBe(200);
      const report = imported.json<{ taken: Record<string, unknown[]>; skipped: { path: string; reason: string }[] }>();
      const source = (await get(`/api/v1/patients/${pat.patientId}/medications`)).json<{ medications: unknown[] }>();
      expect(report.taken.medications).toHaveLength(source.medications.length);
      expect(report.taken.allergies).toHaveLength(1);
      expect(report.taken.appointments).toHaveLength(1);
      expect(report.skipped.every((s) => /^Bundle\.entry\[\d+\]/.test(s.path))).toBe(true);

      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      expect((await medications(freshId)).map(sameMed).sort(byName)).toEqual(
        (await medications(pat.patientId)).map(sameMed).sort(byName),
      );
      const again = (await get(`/api/v1/patients/${freshId}/export`)).json<FhirBundle>();
      const pick = (b: FhirBundle, type: string) =>
        (b.entry ?? [])
          .map((e) => e.resource as unknown as Record<string, unknown> | undefined)
          .filter((r) => r?.resourceType === type)
          .map((r) => {
            const {
              id: _id,
              identifier: _identifier,
              dateAsserted: _dateAsserted,
              recordedDate: _recordedDate,
              created: _created,
              patient: _p,
              subject: _s,
              participant: _pa,
              informationSource: _i,
              ...rest
            } = r ?? {};
            return JSON.stringify(rest);
          })
          .sort();
      for (const type of ['MedicationStatement', 'AllergyIntolerance', 'Appointment']) {
        expect(pick(again, type), type).toEqual(pick(bundle, type));
      }
      // Importing the same bundle again adds nothing.
      const twice = (await post(`/api/v1/patients/${freshId}/import`, bundle)).json<{
        taken: Record<string, unknown[]>;
      }>();
      expect(Object.values(twice.taken).flat()).toEqual([]);
    });

    it('refuses a bad bundle with FHIR paths and stores nothing; only the team may import', async () => {
      const before = await medications(pat.patientId);
      const bad = {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          {
            resource: {
              resourceType: 'MedicationStatement',
              status: 'active',
              medicationCodeableConcept: { text: 'Good one' },
              subject: { reference: 'Patient/x' },
              dosage: [{ timing: { repeat: { frequency: 1, period: 8, periodUnit: 'h' } } }],
            },
          },
          {
            resource: {
              resourceType: 'MedicationRequest',
              status: 'active',
              intent: 'order',
              medicationCodeableConcept: { text: 'Bad' },
              subject: { reference: 'Patient/x' },
              dosageInstruction: [{ timing: { repeat: { period: 8, periodUnit: 'hours' } } }],
            },
          },
        ],
      };
      const refused = await post(`/api/v1/patients/${pat.patientId}/import`, bad);
      expect(refused.statusCode).toBe(400);
      const body = refused.json<{ error: { code: string; issues: { path: string }[] } }>();
      expect(body.error.code).toBe('CARE_ERR_BAD_INPUT');
      expect(body.error.issues.map((i) => i.path)).toEqual([
        'Bundle.entry[1].resource.dosageInstruction[0].timing.repeat.periodUnit',
      ]);
      expect(await medications(pat.patientId)).toEqual(before);

      expect((await post(`/api/v1/patients/${pat.patientId}/import`, bad, pat.cookie)).statusCode).toBe(403);
      expect(
        (await post(`/api/v1/patients/${pat.patientId}/import`, '{not json', admin, 'application/fhir+json'))
          .statusCode,
      ).toBe(400);
      const huge = JSON.stringify({ resourceType: 'Bundle', type: 'collection', padding: 'x'.repeat(5 * 1024 * 1024) });
      expect((await post(`/api/v1/patients/${pat.patientId}/import`, huge)).statusCode).toBe(413);
      expect(await medications(pat.patientId)).toEqual(before);
    });

    it('serves $everything and reads by id, with OperationOutcome errors under /fhir only', async () => {
      const everything = await get(`/fhir/R4/Patient/${pat.patientId}/$everything`, pat.cookie);
      expect(everything.statusCode).toBe(200);
      const bundle = everything.json<FhirBundle>();
      expect(bundle.type).toBe('searchset');
      expect(validateFhir(bundle)).toEqual([]);

      for (const entry of bundle.entry ?? []) {
        const resource = entry.resource!;
        for (const cookie of [admin, pat.cookie]) {
          const read = await get(`/fhir/R4/${resource.resourceType}/${resource.id ?? ''}`, cookie);
          expect(read.statusCode, `${resource.resourceType}/${resource.id ?? ''}`).toBe(200);
          expect(read.json()).toEqual(resource);
        }
      }
      const other = await enrolWithLogin(t.app, admin, 'pat2@example.org');
      const statement = bundle.entry?.find((e) => e.resource?.resourceType === 'MedicationStatement')?.resource;
      const hidden = await get(`/fhir/R4/MedicationStatement/${statement?.id ?? ''}`, other.cookie);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.headers['content-type']).toMatch(/^application\/fhir\+json/);
      expect(hidden.json()).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'not-found' }],
      });
      expect((await get(`/fhir/R4/Patient/${pat.patientId}/$everything`, other.cookie)).json()).toMatchObject({
        resourceType: 'OperationOutcome',
      });
      const anonymous = await t.app.inject({ url: `/fhir/R4/Patient/${pat.patientId}` });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'login' }] });
      for (const url of [
        '/fhir/R4/Foo/1',
        '/fhir/R4/metadata',
        '/fhir/R4/Patient/x/_history/1',
        '/fhir/R4/Flag/not-an-id',
        '/fhir/R4/Observation/nope',
      ]) {
        const response = await get(url);
        expect(response.statusCode, url).toBe(404);
        expect(response.json(), url).toMatchObject({ resourceType: 'OperationOutcome' });
      }
      // /api keeps its own error body.
      expect((await get('/api/v1/patients/not-a-uuid/export')).json()).toMatchObject({
        error: { code: 'CARE_ERR_NOT_FOUND' },
      });
      expect((await get('/fhir/R4/PlanDefinition/bone-marrow-harvest', pat.cookie)).json()).toMatchObject({
        resourceType: 'PlanDefinition',
      });
    });

    it('gives a plan as a PlanDefinition', async () => {
      const response = await t.app.inject({ url: '/api/v1/plans/bone-marrow-harvest/fhir?language=es' });
      expect(response.statusCode).toBe(200);
      const definition = response.json<{ resourceType: string; language: string }>();
      expect(definition).toMatchObject({ resourceType: 'PlanDefinition', language: 'es' });
      expect(validateFhir(definition as never)).toEqual([]);
      expect((await t.app.inject({ url: '/api/v1/plans/nope/fhir' })).statusCode).toBe(404);
    });
  });
}
