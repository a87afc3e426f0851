import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeTestStores, DIALECTS } from '@aftercare/store/testing';
import { appWithEnrolledPatient, type TestApp } from '../../testing/test-app.ts';

afterEach(async () => {
  await closeTestStores();
});

interface MilestoneReply {
  milestone: { id: string; kind: string; reachedOn: string; recordedAt: string; recordedBy: string };
}

for (const dialect of DIALECTS) {
  describe(`recovery milestones on ${dialect}`, () => {
    let t: TestApp;
    let admin: string;
    let pat: { patientId: string; cookie: string };
    beforeEach(async () => {
      ({ t, admin, pat } = await appWithEnrolledPatient(dialect));
    });
    afterEach(async () => {
      await t.app.close();
    });

    const url = () => `/api/v1/patients/${pat.patientId}/milestones`;
    const post = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: url(), headers: { cookie: pat.cookie }, payload });

    it('checks off "I feel fully recovered" once, on today in the patient’s zone, and lists it', async () => {
      // 15:00 UTC on 25 November is 09:00 in Chicago: still the 25th there.
      const first = await post({ kind: 'feels-recovered' });
      expect(first.statusCode).toBe(201);
      const made = first.json<MilestoneReply>().milestone;
      expect(made).toMatchObject({
        kind: 'feels-recovered',
        reachedOn: '2026-11-25',
        recordedAt: '2026-11-25T15:00:00.000Z',
      });

      const again = await post({ kind: 'feels-recovered', reachedOn: '2026-11-24' });
      expect(again.statusCode).toBe(200);
      expect(again.json<MilestoneReply>().milestone).toEqual(made);

      expect((await post({ kind: 'returned-to-work', reachedOn: '2026-11-21' })).statusCode).toBe(201);
      const list = await t.app.inject({ url: url(), headers: { cookie: admin } });
      expect(list.statusCode).toBe(200);
      expect(list.json<{ milestones: { kind: string }[] }>().milestones.map((m) => m.kind)).toEqual([
        'returned-to-work',
        'feels-recovered',
      ]);
      const actions = (await t.store.listAudit({ patientId: pat.patientId })).map((e) => e.action);
      expect(actions.filter((a) => a === 'milestone.create')).toHaveLength(3);
    });

    it('refuses a day still to come, a day before the procedure, and an unknown kind', async () => {
      const future = await post({ kind: 'returned-to-work', reachedOn: '2026-11-26' });
      expect(future.statusCode).toBe(400);
      expect(future.json<{ error: { message: string } }>().error.message).toMatch(/still to come/);
      expect((await post({ kind: 'returned-to-work', reachedOn: '2026-11-18' })).statusCode).toBe(400);
      expect((await post({ kind: 'won-the-lottery' })).statusCode).toBe(400);
      expect(await t.store.listMilestones(pat.patientId)).toEqual([]);
    });

    it('takes a check-off back, and a second time does nothing', async () => {
      await post({ kind: 'back-to-normal-activities' });
      for (let i = 0; i < 2; i++) {
        const removed = await t.app.inject({
          method: 'DELETE',
          url: `${url()}/back-to-normal-activities`,
          headers: { cookie: pat.cookie },
        });
        expect(removed.statusCode).toBe(204);
      }
      expect(await t.store.listMilestones(pat.patientId)).toEqual([]);
    });
  });
}
