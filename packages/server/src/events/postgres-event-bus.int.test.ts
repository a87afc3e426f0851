import { afterAll, describe, expect, it } from 'vitest';
import { closeTestStores, createTestDatabase } from '@aftercare/store/testing';
import type { CareEvent } from './event-bus.ts';
import { createPostgresEventBus } from './postgres-event-bus.ts';

const quiet = { warn: () => undefined };

function event(orgId: string, patientId: string): CareEvent {
  return { type: 'alert.created', orgId, patientId, alertId: 'a1', checkInId: 'c1', at: '2026-11-25T12:00:00.000Z' };
}

afterAll(closeTestStores);

describe('live events over PostgreSQL LISTEN/NOTIFY', () => {
  it('reaches listeners of the other process once, and this process at once and once', async () => {
    const target = await createTestDatabase('postgres');
    if (!('url' in target)) {
      throw new Error('expected a PostgreSQL database');
    }
    const a = createPostgresEventBus(target.url, quiet);
    const b = createPostgresEventBus(target.url, quiet);
    try {
      await Promise.all([a.ready, b.ready]);
      const seenByA: CareEvent[] = [];
      const seenByB: CareEvent[] = [];
      const seenByOtherOrg: CareEvent[] = [];
      a.subscribe('org-1', (e) => seenByA.push(e));
      b.subscribe('org-1', (e) => seenByB.push(e));
      b.subscribe('org-2', (e) => seenByOtherOrg.push(e));

      await a.publish(event('org-1', 'p1'));
      expect(seenByA).toHaveLength(1); // delivered locally before NOTIFY
      await expect.poll(() => seenByB.length, { timeout: 5000 }).toBe(1);
      expect(seenByB[0]).toEqual(event('org-1', 'p1'));

      // Own notifications are not delivered twice; other organisations hear nothing.
      await b.publish(event('org-1', 'p2'));
      await expect.poll(() => seenByA.length, { timeout: 5000 }).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(seenByB).toHaveLength(2);
      expect(seenByOtherOrg).toHaveLength(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
