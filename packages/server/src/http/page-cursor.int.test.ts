/** The dose log and the inbox page with the same cursor as check-ins: rows of one instant at a page edge are kept. */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeTestStores, DIALECTS } from '@aftercare/store/testing';
import { appWithEnrolledPatient, type TestApp } from '../testing/test-app.ts';

afterEach(async () => {
  await closeTestStores();
});

const AT = '2026-11-25T14:00:00.000Z';
const COUNT = 11;

for (const dialect of DIALECTS) {
  describe(`dose and inbox pages on ${dialect}`, () => {
    let t: TestApp;
    let pat: { patientId: string; cookie: string };
    beforeEach(async () => {
      ({ t, pat } = await appWithEnrolledPatient(dialect));
    });
    afterEach(async () => {
      await t.app.close();
    });

    /** Every row of a listing, 3 a page, following nextCursor. */
    async function pageThrough(url: string, key: string, cookie: string): Promise<{ id: string }[]> {
      const rows: { id: string }[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const from: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
        const response = await t.app.inject({ url: `${url}?limit=3${from}`, headers: { cookie } });
        expect(response.statusCode).toBe(200);
        const page = response.json<Record<string, unknown>>();
        rows.push(...(page[key] as { id: string }[]));
        cursor = page.nextCursor as string | null;
        if (cursor === null) {
          return rows;
        }
      }
      throw new Error('paging did not end');
    }

    async function patientUserId(): Promise<string> {
      const patient = await t.store.getPatient(pat.patientId);
      const users = await t.store.listUsers(patient?.orgId ?? '');
      const user = users.find((u) => u.patientId === pat.patientId);
      if (user === undefined) {
        throw new Error('no patient account');
      }
      return user.id;
    }

    it('lists every dose once when they share one instant', async () => {
      const by = await patientUserId();
      const medicine = await t.store.addMedication(
        pat.patientId,
        {
          name: 'Acetaminophen',
          kind: 'over-the-counter',
          amount: '500 mg',
          timing: { type: 'as-needed', minIntervalHours: 6, maxPerDay: 4 },
          reason: 'pain',
          startDate: '2026-11-19',
          endDate: null,
          planItem: null,
        },
        by,
        AT,
      );
      const stored = [];
      for (let i = 0; i < COUNT; i++) {
        stored.push(
          await t.store.recordDose({
            patientId: pat.patientId,
            medicationId: medicine.id,
            medicationVersion: 1,
            scheduledFor: null,
            status: 'taken',
            at: AT,
            idempotencyKey: null,
            recordedBy: by,
          }),
        );
      }
      const paged = await pageThrough(`/api/v1/patients/${pat.patientId}/doses`, 'doses', pat.cookie);
      expect(paged.map((d) => d.id)).toEqual(
        stored
          .map((d) => d.id)
          .sort()
          .reverse(),
      );
    });

    it('lists every notification once when they share one instant', async () => {
      const recipientId = await patientUserId();
      const stored = await t.store.addNotifications(
        Array.from({ length: COUNT }, (_, i) => ({
          id: randomUUID(),
          recipientId,
          patientId: pat.patientId,
          kind: 'dose',
          title: `Dose ${String(i)}`,
          body: 'Time for a dose',
          link: '#/medicines',
          createdAt: AT,
          jobId: null,
        })),
      );
      const paged = await pageThrough('/api/v1/me/notifications', 'notifications', pat.cookie);
      expect(paged.map((n) => n.id)).toEqual(
        stored
          .map((n) => n.id)
          .sort()
          .reverse(),
      );
    });
  });
}
