import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeTestStores, DIALECTS } from '@aftercare/store/testing';
import { enrolWithLogin, login, makeTestApp, setUpAdmin, type TestApp } from '../../testing/test-app.ts';
import { hashPassword } from '../../auth/passwords.ts';

afterEach(async () => {
  await closeTestStores();
});

const HOUR = 3_600_000;

interface Row {
  patient: { id: string; name: string };
  need: string;
  day: number;
  lastCheckInAt: string | null;
  quietSince: string | null;
  alerts: { emergency: number; contactProvider: number; unacknowledged: number; escalated: number };
  pain: { latest: number | null; trend: number[] };
  temperature: { latest: { value: number; unit: string } | null; trend: number[] };
  doses: { taken: number; skipped: number; adherence: number | null };
  openQuestions: number;
}
interface Dashboard {
  rows: Row[];
  counts: Record<string, number>;
}

for (const dialect of DIALECTS) {
  describe(`dashboard on ${dialect}`, () => {
    let t: TestApp;
    let admin: string;
    beforeEach(async () => {
      // The story spans days: sessions must outlive it.
      t = await makeTestApp(dialect, { sessionIdleMs: 1000 * HOUR, sessionAbsoluteMs: 1000 * HOUR });
      admin = await setUpAdmin(t.app);
    });
    afterEach(async () => {
      await t.app.close();
    });

    const checkIn = async (patient: { patientId: string; cookie: string }, payload: Record<string, unknown>) => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/patients/${patient.patientId}/check-ins`,
        headers: { cookie: patient.cookie },
        payload,
      });
      expect(response.statusCode, response.body).toBe(201);
    };
    const read = async (query = '', cookie = admin) => {
      const response = await t.app.inject({ url: `/api/v1/dashboard${query}`, headers: { cookie } });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<Dashboard>();
    };

    /** Five patients: an emergency, a fever (contact), one gone quiet, and two doing well on day 2 and day 6. */
    async function ward() {
      const enrol = (email: string, name: string, procedureDate: string) =>
        enrolWithLogin(t.app, admin, email, { name, procedureDate, timeZone: 'UTC' });
      const well6 = await enrol('d@example.org', 'Dana Six', '2026-11-19');
      const well2 = await enrol('e@example.org', 'Eli Two', '2026-11-23');
      const quiet = await enrol('c@example.org', 'Cam Quiet', '2026-11-22');
      const contact = await enrol('b@example.org', 'Bea Fever', '2026-11-15');
      const emergency = await enrol('a@example.org', 'Abe Bleeding', '2026-11-10');
      t.clock.advance(20 * HOUR);
      await checkIn(well2, { text: 'Sore.', pain: { score: 5, medicineTaken: true } });
      t.clock.advance(10 * HOUR);
      for (const score of [4, 3]) {
        t.clock.advance(60_000);
        await checkIn(well2, { pain: { score, medicineTaken: false }, temperature: { value: 98.6, unit: 'F' } });
      }
      await checkIn(well6, { text: 'Fine.', pain: { score: 1, medicineTaken: false } });
      await checkIn(contact, { text: 'I have chills.', temperature: { value: 38.6, unit: 'C' } });
      await checkIn(emergency, { text: 'Blood is soaking through my bandage.' });
      // 40 hours after enrolment: Cam never checked in (window 24 h + grace 12 h).
      t.clock.advance(10 * HOUR);
      return { well6, well2, quiet, contact, emergency };
    }

    it('orders patients by need: emergency, contact, quiet, then by day of recovery', async () => {
      const w = await ward();
      const { rows, counts } = await read();
      expect(rows.map((r) => [r.patient.name, r.need, r.day])).toEqual([
        ['Abe Bleeding', 'emergency', 17],
        ['Bea Fever', 'contact-provider', 12],
        ['Cam Quiet', 'quiet', 5],
        ['Eli Two', 'ok', 4],
        ['Dana Six', 'ok', 8],
      ]);
      expect(counts).toEqual({ emergency: 1, 'contact-provider': 1, quiet: 1, ok: 2 });
      const [abe, bea, cam, eli] = rows;
      expect(abe?.alerts).toEqual({ emergency: 1, contactProvider: 0, unacknowledged: 1, escalated: 0 });
      expect(bea?.temperature).toEqual({ latest: { value: 38.6, unit: 'C' }, trend: [38.6] });
      expect(cam).toMatchObject({ lastCheckInAt: null, quietSince: '2026-11-25T15:00:00.000Z' });
      expect(eli).toMatchObject({
        pain: { latest: 3, trend: [5, 4, 3] },
        temperature: { latest: { value: 98.6, unit: 'F' }, trend: [37, 37] },
        lastCheckInAt: '2026-11-26T21:02:00.000Z',
        quietSince: null,
        openQuestions: 0,
      });

      // Acknowledged is still unresolved: Abe stays first until someone resolves the alert.
      const alerts = (await t.app.inject({ url: '/api/v1/alerts?status=open', headers: { cookie: admin } })).json<{
        alerts: { id: string; patientId: string }[];
      }>().alerts;
      const abeAlert = alerts.find((a) => a.patientId === w.emergency.patientId)!;
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/alerts/${abeAlert.id}/acknowledge`,
        headers: { cookie: admin },
        payload: { note: 'Called 911 with him' },
      });
      expect((await read()).rows[0]).toMatchObject({ need: 'emergency', alerts: { unacknowledged: 0 } });
      await t.app.inject({ method: 'POST', url: `/api/v1/alerts/${abeAlert.id}/resolve`, headers: { cookie: admin } });
      expect((await read()).rows.map((r) => r.patient.name)).toEqual([
        'Bea Fever',
        'Cam Quiet',
        'Eli Two',
        'Dana Six',
        'Abe Bleeding',
      ]);
    });

    it('counts doses of the last 7 days and open questions', async () => {
      const w = await ward();
      const base = `/api/v1/patients/${w.well6.patientId}`;
      const { medications } = (await t.app.inject({ url: `${base}/medications`, headers: { cookie: admin } })).json<{
        medications: { id: string }[];
      }>();
      const medicationId = medications[0]!.id;
      for (const status of ['taken', 'taken', 'taken', 'skipped']) {
        const dose = await t.app.inject({
          method: 'POST',
          url: `${base}/doses`,
          headers: { cookie: w.well6.cookie },
          payload: { medicationId, status },
        });
        expect(dose.statusCode, dose.body).toBe(201);
      }
      for (const text of ['Can I shower?', 'When can I run?']) {
        await t.app.inject({
          method: 'POST',
          url: `${base}/questions`,
          headers: { cookie: w.well6.cookie },
          payload: { text },
        });
      }
      const dana = (await read('?need=ok')).rows.find((r) => r.patient.id === w.well6.patientId);
      expect(dana).toMatchObject({ doses: { taken: 3, skipped: 1, adherence: 0.75 }, openQuestions: 2 });
      // A week later the doses have aged out.
      t.clock.advance(8 * 24 * HOUR);
      const later = (await read('?search=dana')).rows[0];
      expect(later).toMatchObject({ need: 'quiet', doses: { taken: 0, skipped: 0, adherence: null } });
    });

    it('searches by name in any case, filters by need, and pages', async () => {
      await ward();
      const names = async (query: string) => (await read(query)).rows.map((r) => r.patient.name);
      expect(await names('?search=EL')).toEqual(['Eli Two']);
      expect(await names('?search=a')).toEqual(['Abe Bleeding', 'Bea Fever', 'Cam Quiet', 'Dana Six']);
      expect(await names('?need=quiet')).toEqual(['Cam Quiet']);
      expect(await names('?need=ok&search=i')).toEqual(['Eli Two', 'Dana Six']);
      expect(await names('?limit=2&offset=1')).toEqual(['Bea Fever', 'Cam Quiet']);
      expect((await read('?search=nobody')).counts).toEqual({ emergency: 0, 'contact-provider': 0, quiet: 0, ok: 0 });
      // Three letters or more are counted through the trigram search: each match under its own need.
      const none = { emergency: 0, 'contact-provider': 0, quiet: 0, ok: 0 };
      expect((await read('?search=BLEED')).counts).toEqual({ ...none, emergency: 1 });
      expect((await read('?search=fever')).counts).toEqual({ ...none, 'contact-provider': 1 });
      expect((await read('?search=cam quiet')).counts).toEqual({ ...none, quiet: 1 });
      expect((await read('?search=two')).counts).toEqual({ ...none, ok: 1 });
      const bad = await t.app.inject({ url: '/api/v1/dashboard?need=panic', headers: { cookie: admin } });
      expect(bad.statusCode).toBe(400);
    });

    it('is for the team of the organisation only, and audited', async () => {
      const w = await ward();
      expect((await t.app.inject({ url: '/api/v1/dashboard' })).statusCode).toBe(401);
      expect((await t.app.inject({ url: '/api/v1/dashboard', headers: { cookie: w.well2.cookie } })).statusCode).toBe(
        403,
      );
      const org = await t.store.createOrganisation('Other Centre', t.clock.now().toISOString());
      await t.store.createUser(
        {
          orgId: org.id,
          email: 'eve@example.org',
          name: 'Eve',
          role: 'clinician',
          passwordHash: await hashPassword('other clinician password'),
          language: 'en',
          patientId: null,
        },
        t.clock.now().toISOString(),
      );
      const eve = await login(t.app, 'eve@example.org', 'other clinician password');
      expect(await read('', eve)).toEqual({
        rows: [],
        counts: { emergency: 0, 'contact-provider': 0, quiet: 0, ok: 0 },
      });
      const audit = await t.store.listAudit({ limit: 5 });
      expect(audit.map((e) => e.action)).toContain('dashboard.read');
    });
  });
}
