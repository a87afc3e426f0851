import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeTestStores, DIALECTS } from '@aftercare/store/testing';
import { enrolWithLogin, makeTestApp, setUpAdmin, type TestApp } from '../testing/test-app.ts';
import { createInProcessEventBus, type CareEvent } from '../events/event-bus.ts';
import { escalateOverdueAlerts } from './escalation.ts';

afterEach(async () => {
  await closeTestStores();
});

const MINUTE = 60_000;

for (const dialect of DIALECTS) {
  describe(`escalation of unacknowledged emergency alerts on ${dialect}`, () => {
    let t: TestApp;
    let admin: string;
    beforeEach(async () => {
      t = await makeTestApp(dialect);
      admin = await setUpAdmin(t.app);
    });
    afterEach(async () => {
      await t.app.close();
    });

    const send = async (pat: { patientId: string; cookie: string }, text: string) => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/patients/${pat.patientId}/check-ins`,
        headers: { cookie: pat.cookie },
        payload: { text },
      });
      return response.json<{ alert: { id: string; level: string } | null }>().alert!;
    };

    it('raises an emergency alert again after 10 minutes without acknowledgement, once, on record', async () => {
      const pat = await enrolWithLogin(t.app, admin, 'pat1@example.org');
      const other = await enrolWithLogin(t.app, admin, 'pat2@example.org');
      const emergency = await send(pat, 'Blood is soaking through my bandage');
      const handled = await send(other, 'I have chest pain and trouble breathing');
      const fever = await send(other, 'I have chills and feel weak');
      expect([emergency.level, handled.level, fever.level]).toEqual(['emergency', 'emergency', 'contact-provider']);
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/alerts/${handled.id}/acknowledge`,
        headers: { cookie: admin },
        payload: { note: 'Ambulance called' },
      });

      const bus = createInProcessEventBus();
      const heard: CareEvent[] = [];
      const orgId = (await t.store.getPatient(pat.patientId))!.orgId;
      bus.subscribe(orgId, (event) => heard.push(event));

      t.clock.advance(9 * MINUTE + 59_000);
      expect(await escalateOverdueAlerts(t.store, t.clock, t.config, bus)).toEqual([]);
      t.clock.advance(1000);
      const escalated = await escalateOverdueAlerts(t.store, t.clock, t.config, bus);
      const at = t.clock.now().toISOString();
      expect(escalated.map((a) => [a.id, a.escalatedAt, a.status])).toEqual([[emergency.id, at, 'open']]);
      expect(heard).toEqual([
        {
          type: 'alert.escalated',
          orgId,
          patientId: pat.patientId,
          alertId: emergency.id,
          checkInId: escalated[0]!.checkInId,
          at,
        },
      ]);
      // Once only.
      t.clock.advance(MINUTE);
      expect(await escalateOverdueAlerts(t.store, t.clock, t.config, bus)).toEqual([]);

      const audit = await t.store.listAudit({ patientId: pat.patientId });
      expect(audit.find((e) => e.action === 'alert.escalate')).toMatchObject({
        actorId: null,
        resourceType: 'alert',
        resourceId: emergency.id,
        at,
      });
      // The team sees it on the alert, and the dashboard counts it.
      const alerts = (await t.app.inject({ url: '/api/v1/alerts?status=open', headers: { cookie: admin } })).json<{
        alerts: { id: string; escalatedAt: string | null }[];
      }>().alerts;
      expect(alerts.find((a) => a.id === emergency.id)?.escalatedAt).toBe(at);
      expect(alerts.find((a) => a.id === fever.id)?.escalatedAt).toBeNull();
      const dashboard = (await t.app.inject({ url: '/api/v1/dashboard', headers: { cookie: admin } })).json<{
        rows: { patient: { id: string }; alerts: { escalated: number } }[];
      }>();
      // Unacknowledged before acknowledged: the escalated patient is first.
      expect(dashboard.rows[0]).toMatchObject({ patient: { id: pat.patientId }, alerts: { escalated: 1 } });

      // Acknowledging afterwards keeps both facts: who and when acknowledged, and when it was raised again.
      const ack = await t.app.inject({
        method: 'POST',
        url: `/api/v1/alerts/${emergency.id}/acknowledge`,
        headers: { cookie: admin },
        payload: { note: 'Reached her' },
      });
      expect(ack.json()).toMatchObject({
        alert: { status: 'acknowledged', escalatedAt: at, acknowledgeNote: 'Reached her' },
      });
    });

    it('follows the configured time limit', async () => {
      const pat = await enrolWithLogin(t.app, admin, 'pat1@example.org');
      const emergency = await send(pat, 'Blood is soaking through my bandage');
      t.clock.advance(3 * MINUTE);
      expect(await escalateOverdueAlerts(t.store, t.clock, { alertEscalationMinutes: 5 })).toEqual([]);
      t.clock.advance(2 * MINUTE);
      const escalated = await escalateOverdueAlerts(t.store, t.clock, { alertEscalationMinutes: 5 });
      expect(escalated.map((a) => a.id)).toEqual([emergency.id]);
    });
  });
}
