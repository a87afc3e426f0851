import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeTestStores, DIALECTS } from '@aftercare/store/testing';
import { appWithEnrolledPatient, type TestApp } from '../../testing/test-app.ts';

afterEach(async () => {
  await closeTestStores();
});

interface Detail {
  id: string;
  status: string;
  patientName: string;
  checkIn: { payload: { text?: string }; triage: { reasons: { sign: string; evidence: string }[] } };
  acknowledgedByName: string | null;
  acknowledgeNote: string | null;
  resolvedByName: string | null;
}

for (const dialect of DIALECTS) {
  describe(`the alerts panel and the patient record on ${dialect}`, () => {
    let t: TestApp;
    let admin: string;
    let pat: { patientId: string; cookie: string };
    beforeEach(async () => {
      ({ t, admin, pat } = await appWithEnrolledPatient(dialect));
    });
    afterEach(async () => {
      await t.app.close();
    });

    const details = async (query = '') =>
      (await t.app.inject({ url: `/api/v1/alerts/details${query}`, headers: { cookie: admin } })).json<{
        alerts: Detail[];
      }>().alerts;

    it('shows the reasons and the patient’s own words, then who acknowledged (with the note) and resolved', async () => {
      const sent = await t.app.inject({
        method: 'POST',
        url: `/api/v1/patients/${pat.patientId}/check-ins`,
        headers: { cookie: pat.cookie },
        payload: { text: 'Blood is soaking through my bandage' },
      });
      const alertId = sent.json<{ alert: { id: string } }>().alert.id;
      const [open] = await details();
      expect(open).toMatchObject({
        id: alertId,
        status: 'open',
        patientName: 'Pat Example',
        checkIn: { payload: { text: 'Blood is soaking through my bandage' } },
      });
      expect(open?.checkIn.triage.reasons.length).toBeGreaterThan(0);

      await t.app.inject({
        method: 'POST',
        url: `/api/v1/alerts/${alertId}/acknowledge`,
        headers: { cookie: admin },
        payload: { note: 'Told her to call 911' },
      });
      t.clock.advance(60_000);
      await t.app.inject({ method: 'POST', url: `/api/v1/alerts/${alertId}/resolve`, headers: { cookie: admin } });
      expect(await details()).toEqual([]);
      expect(await details('?status=resolved')).toMatchObject([
        { acknowledgedByName: 'Ada Admin', acknowledgeNote: 'Told her to call 911', resolvedByName: 'Ada Admin' },
      ]);
      expect(
        (await t.app.inject({ url: '/api/v1/alerts/details?status=nope', headers: { cookie: admin } })).statusCode,
      ).toBe(400);
      expect((await t.app.inject({ url: '/api/v1/alerts/details', headers: { cookie: pat.cookie } })).statusCode).toBe(
        403,
      );
      const audit = await t.store.listAudit({ patientId: pat.patientId });
      expect(audit.filter((e) => e.resourceId === alertId).map((e) => e.action)).toEqual(
        expect.arrayContaining(['alert.acknowledge', 'alert.resolve']),
      );
    });

    it('gives the team the whole record with the names of the people in it, and nobody else', async () => {
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/patients/${pat.patientId}/messages`,
        headers: { cookie: pat.cookie },
        payload: { body: 'Is it normal to feel tired?' },
      });
      t.clock.advance(60_000);
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/patients/${pat.patientId}/messages`,
        headers: { cookie: admin },
        payload: { body: 'Yes, for a few days.' },
      });
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/patients/${pat.patientId}/check-ins`,
        headers: { cookie: pat.cookie },
        payload: { text: 'I have chills', pain: { score: 4, medicineTaken: true } },
      });
      const response = await t.app.inject({
        url: `/api/v1/patients/${pat.patientId}/record`,
        headers: { cookie: admin },
      });
      expect(response.statusCode).toBe(200);
      const record = response.json<{
        patient: { id: string };
        day: number;
        medications: unknown[];
        checkIns: unknown[];
        messages: { authorId: string; body: string }[];
        alerts: Detail[];
        people: Record<string, { name: string; role: string }>;
      }>();
      expect(record).toMatchObject({ patient: { id: pat.patientId }, day: 6 });
      expect(record.medications.length).toBeGreaterThan(0);
      expect(record.checkIns).toHaveLength(1);
      expect(record.alerts).toMatchObject([{ status: 'open', patientName: 'Pat Example' }]);
      expect(record.messages.map((m) => [record.people[m.authorId]?.role, m.body])).toEqual([
        ['admin', 'Yes, for a few days.'],
        ['patient', 'Is it normal to feel tired?'],
      ]);
      expect(
        (await t.app.inject({ url: `/api/v1/patients/${pat.patientId}/record`, headers: { cookie: pat.cookie } }))
          .statusCode,
      ).toBe(403);
      expect((await t.app.inject({ url: `/api/v1/patients/${pat.patientId}/record` })).statusCode).toBe(401);
      const audit = await t.store.listAudit({ patientId: pat.patientId, limit: 3 });
      expect(audit.map((e) => e.action)).toContain('patient.record.read');
    });
  });
}
