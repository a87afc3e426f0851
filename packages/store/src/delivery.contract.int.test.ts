/** The Store contract for delivery: push subscriptions per device and write-once server settings, on both dialects. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewUser, Store } from './store.ts';
import { closeTestStores, DIALECTS, openTestStore } from './testing/index.ts';

const AT = '2026-11-25T15:00:00.000Z';
const LATER = '2026-11-25T16:00:00.000Z';

async function twoUsers(store: Store) {
  const org = await store.createOrganisation('Northside Hematology', AT);
  const base: NewUser = {
    orgId: org.id,
    email: 'ana@example.org',
    name: 'Ana',
    role: 'clinician',
    passwordHash: '$argon2id$fake',
    language: 'en',
    patientId: null,
  };
  const ana = await store.createUser(base, AT);
  const ben = await store.createUser({ ...base, email: 'ben@example.org', name: 'Ben' }, AT);
  return { ana, ben };
}

const device = (userId: string, n: number) => ({
  userId,
  endpoint: `https://push.example.net/send/${String(n)}`,
  p256dh: `key-${String(n)}`,
  auth: `auth-${String(n)}`,
  deviceLabel: n === 1 ? 'My phone' : null,
});

for (const dialect of DIALECTS) {
  describe(`delivery store on ${dialect}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(closeTestStores);

    it('keeps one subscription per device and lists an account’s devices oldest first', async () => {
      const { ana, ben } = await twoUsers(store);
      const phone = await store.savePushSubscription(device(ana.id, 1), AT);
      const laptop = await store.savePushSubscription(device(ana.id, 2), LATER);
      await store.savePushSubscription(device(ben.id, 3), AT);
      expect(phone).toEqual({ ...device(ana.id, 1), id: expect.any(String) as unknown, createdAt: AT });
      expect((await store.listPushSubscriptions(ana.id)).map((s) => s.id)).toEqual([phone.id, laptop.id]);
      expect(await store.listPushSubscriptions(ben.id)).toHaveLength(1);
    });

    it('moves a device to the account that saves it again, with its new keys and the same id', async () => {
      const { ana, ben } = await twoUsers(store);
      const first = await store.savePushSubscription(device(ana.id, 1), AT);
      const moved = await store.savePushSubscription({ ...device(ben.id, 1), p256dh: 'new-key' }, LATER);
      expect(moved).toMatchObject({ id: first.id, userId: ben.id, p256dh: 'new-key', createdAt: LATER });
      expect(await store.listPushSubscriptions(ana.id)).toEqual([]);
      expect(await store.listPushSubscriptions(ben.id)).toEqual([moved]);
    });

    it('deletes a subscription only for its own account when one is named', async () => {
      const { ana, ben } = await twoUsers(store);
      const phone = await store.savePushSubscription(device(ana.id, 1), AT);
      expect(await store.deletePushSubscription(phone.id, ben.id)).toBe(false);
      expect(await store.listPushSubscriptions(ana.id)).toHaveLength(1);
      expect(await store.deletePushSubscription(phone.id, ana.id)).toBe(true);
      expect(await store.deletePushSubscription(phone.id)).toBe(false);
      const again = await store.savePushSubscription(device(ana.id, 2), AT);
      expect(await store.deletePushSubscription(again.id)).toBe(true);
      expect(await store.listPushSubscriptions(ana.id)).toEqual([]);
    });

    it('names the earliest enabled administrator', async () => {
      expect(await store.firstAdminEmail()).toBeUndefined();
      const { ana } = await twoUsers(store);
      await store.createUser({ ...ana, email: 'root@example.org', role: 'admin' }, LATER);
      const first = await store.createUser({ ...ana, email: 'boss@example.org', role: 'admin' }, AT);
      expect(await store.firstAdminEmail()).toBe('boss@example.org');
      await store.setUserDisabled(first.id, LATER);
      expect(await store.firstAdminEmail()).toBe('root@example.org');
    });

    it('keeps the first value of a server setting, even when several write at once', async () => {
      expect(await store.getServerSetting('vapid')).toBeUndefined();
      const kept = await Promise.all(['a', 'b', 'c'].map((value) => store.putServerSettingOnce('vapid', value, AT)));
      expect(new Set(kept).size).toBe(1);
      expect(await store.getServerSetting('vapid')).toBe(kept[0]);
      expect(await store.putServerSettingOnce('vapid', 'later', LATER)).toBe(kept[0]);
    });
  });
}
