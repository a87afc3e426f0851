import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeTestStores, DIALECTS, kyselyOf } from '@aftercare/store/testing';
import { enrolWithLogin, makeTestApp, setUpAdmin, type TestApp } from '../../testing/test-app.ts';

afterEach(async () => {
  await closeTestStores();
});

interface CheckInReply {
  checkIn: { id: string; disposition: string; idempotencyKey: string | null };
  triage: { disposition: string; reasons: { sign: string }[] };
  alert: { id: string; level: string; status: string } | null;
}

for (const dialect of DIALECTS) {
  describe(`check-ins and alerts on ${dialect}`, () => {
    let t: TestApp;
    let admin: string;
    let pat: { patientId: string; cookie: string };
    beforeEach(async () => {
      t = await makeTestApp(dialect);
      admin = await setUpAdmin(t.app);
      pat = await enrolWithLogin(t.app, admin, 'pat1@example.org');
    });
    afterEach(async () => {
      await t.app.close();
    });

    const send = (cookie: string, payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/patients/${pat.patientId}/check-ins`,
        headers: { cookie },
        payload,
      });

    it('raises an emergency alert for emergency words, and none for a calm check-in', async () => {
      const calm = await send(pat.cookie, {
        text: 'A bit sore, resting today.',
        pain: { score: 3, medicineTaken: true },
      });
      expect(calm.statusCode).toBe(201);
      expect(calm.json<CheckInReply>()).toMatchObject({ triage: { disposition: 'self-care' }, alert: null });

      const urgent = await send(pat.cookie, { text: 'Blood has soaked through my bandage and I feel dizzy' });
      expect(urgent.statusCode).toBe(201);
      const body = urgent.json<CheckInReply>();
      expect(body.triage.disposition).toBe('emergency');
      expect(body.alert).toMatchObject({ level: 'emergency', status: 'open' });

      const alerts = (await t.app.inject({ url: '/api/v1/alerts?status=open', headers: { cookie: admin } })).json<{
        alerts: { id: string }[];
      }>();
      expect(alerts.alerts.map((a) => a.id)).toEqual([body.alert?.id]);
      const list = (await t.app.inject({ url: '/api/v1/patients', headers: { cookie: admin } })).json<{
        patients: { openAlerts: { emergency: number } }[];
      }>();
      expect(list.patients[0]?.openAlerts.emergency).toBe(1);

      const ack = await t.app.inject({
        method: 'POST',
        url: `/api/v1/alerts/${body.alert?.id ?? ''}/acknowledge`,
        headers: { cookie: admin },
        payload: { note: 'Called, sent to ER.' },
      });
      expect(ack.json()).toMatchObject({ alert: { status: 'acknowledged', acknowledgeNote: 'Called, sent to ER.' } });
      const resolved = await t.app.inject({
        method: 'POST',
        url: `/api/v1/alerts/${body.alert?.id ?? ''}/resolve`,
        headers: { cookie: admin },
      });
      expect(resolved.json()).toMatchObject({ alert: { status: 'resolved' } });
      const audit = await t.store.listAudit({ patientId: pat.patientId });
      expect(audit.map((e) => e.action)).toEqual(
        expect.arrayContaining(['check-in.create', 'alert.acknowledge', 'alert.resolve']),
      );
      // A patient cannot touch alerts.
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: `/api/v1/alerts/${body.alert?.id ?? ''}/resolve`,
            headers: { cookie: pat.cookie },
          })
        ).statusCode,
      ).toBe(403);
    });

    it('answers a replayed idempotency key with what was stored, once', async () => {
      const payload = { text: 'I have a fever', temperature: { value: 38.6, unit: 'C' }, idempotencyKey: 'evening-1' };
      const first = await send(pat.cookie, payload);
      expect(first.statusCode).toBe(201);
      const again = await send(pat.cookie, payload);
      expect(again.statusCode).toBe(200);
      expect(again.json<CheckInReply>().checkIn.id).toBe(first.json<CheckInReply>().checkIn.id);
      expect(again.json<CheckInReply>().alert?.id).toBe(first.json<CheckInReply>().alert?.id);
      const checkIns = (
        await t.app.inject({ url: `/api/v1/patients/${pat.patientId}/check-ins`, headers: { cookie: admin } })
      ).json<{ checkIns: unknown[] }>();
      expect(checkIns.checkIns).toHaveLength(1);
      expect((await t.store.listAlerts({ patientId: pat.patientId })).length).toBe(1);
    });

    it('audits each call once, with the stored check-in, the first time and on a replay', async () => {
      const payload = { text: 'Blood has soaked through my bandage', idempotencyKey: 'night-1' };
      const first = await send(pat.cookie, payload);
      expect(first.statusCode).toBe(201);
      const again = await send(pat.cookie, payload);
      expect(again.statusCode).toBe(200);
      const id = first.json<CheckInReply>().checkIn.id;
      const audit = (await t.store.listAudit({ patientId: pat.patientId })).filter(
        (e) => e.action === 'check-in.create',
      );
      expect(audit.map((e) => [e.resourceType, e.resourceId, e.actorId !== null])).toEqual([
        ['check-in', id, true],
        ['check-in', id, true],
      ]);
    });

    it('keeps neither the check-in nor its alert when its audit event cannot be written (one commit)', async () => {
      // The audit event is written in the check-in's own commit: take its table away for this one request.
      const db = kyselyOf(t.store);
      await db.schema.alterTable('audit_events').renameTo('audit_events_away').execute();
      const failing = await send(pat.cookie, { text: 'Blood has soaked through my bandage' });
      await db.schema.alterTable('audit_events_away').renameTo('audit_events').execute();
      expect(failing.statusCode).toBe(500);
      expect(await t.store.listCheckIns(pat.patientId)).toEqual([]);
      expect(await t.store.listAlerts({ patientId: pat.patientId })).toEqual([]);
      const audit = await t.store.listAudit({ patientId: pat.patientId });
      expect(audit.filter((e) => e.action === 'check-in.create')).toEqual([]);
    });

    it('lets the team check in on the patient’s behalf, and refuses bad check-ins with a 400', async () => {
      const byTeam = await send(admin, { signs: ['nausea-vomiting'] });
      expect(byTeam.statusCode).toBe(201);
      expect(byTeam.json<CheckInReply>().triage.disposition).toBe('contact-provider');
      for (const bad of [{ signs: ['no-such-sign'] }, { pain: { score: 42 } }, { temperature: 'hot' }, { text: 7 }]) {
        const response = await send(pat.cookie, bad);
        expect(response.statusCode, JSON.stringify(bad)).toBe(400);
        expect(response.json()).toMatchObject({ error: { code: 'CARE_ERR_BAD_INPUT' } });
      }
    });

    it('triages without storing anything on the public endpoint', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/triage',
        payload: { text: 'chest pain and I cannot breathe' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ disposition: 'emergency' });
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/triage?plan=nope', payload: {} })).statusCode).toBe(
        400,
      );
      expect(await t.store.listCheckIns(pat.patientId)).toEqual([]);
    });
  });
}
