import { afterEach, describe, expect, it } from 'vitest';
import { closeTestStores } from '@aftercare/store/testing';
import { enrolWithLogin, makeTestApp, setUpAdmin } from '../testing/test-app.ts';
import { createInProcessEventBus, type CareEvent } from '../events/event-bus.ts';
import { startEscalationChecks } from './escalation.ts';

afterEach(async () => {
  await closeTestStores();
});

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('the escalation timer of aftercare start', () => {
  it('checks at once and then on its interval, and stops cleanly', async () => {
    const t = await makeTestApp('sqlite');
    try {
      const admin = await setUpAdmin(t.app);
      const pat = await enrolWithLogin(t.app, admin, 'pat1@example.org');
      const sent = await t.app.inject({
        method: 'POST',
        url: `/api/v1/patients/${pat.patientId}/check-ins`,
        headers: { cookie: pat.cookie },
        payload: { text: 'Blood is soaking through my bandage' },
      });
      const alertId = sent.json<{ alert: { id: string } }>().alert.id;
      const events = createInProcessEventBus();
      const heard: CareEvent[] = [];
      events.subscribe((await t.store.getPatient(pat.patientId))!.orgId, (event) => heard.push(event));

      const stop = startEscalationChecks(
        { store: t.store, clock: t.clock, config: { ...t.config, escalationCheckSeconds: 1 }, events },
        silent,
      );
      try {
        // The first check (at once) finds nothing due yet; ten minutes later the next check escalates.
        await new Promise((r) => setTimeout(r, 100));
        expect((await t.store.getAlert(alertId))?.escalatedAt).toBeNull();
        t.clock.advance(10 * 60_000);
        await expect.poll(() => heard.map((e) => e.type), { timeout: 3000 }).toEqual(['alert.escalated']);
        expect((await t.store.getAlert(alertId))?.escalatedAt).toBe(t.clock.now().toISOString());
      } finally {
        await stop();
      }
    } finally {
      await t.app.close();
    }
  });
});
