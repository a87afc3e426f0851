/** The Web Push channel against a local receiver that checks the VAPID signature and decrypts like a browser. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, User } from '@aftercare/store';
import { closeTestStores, openTestStore } from '@aftercare/store/testing';
import { FakeClock } from '../clock.ts';
import type { Notification } from './channel.ts';
import { defaultDeliveryConfig, type DeliveryConfig } from './delivery-config.ts';
import { ensureVapidKeys } from './vapid-keys.ts';
import { createWebPushChannel, type PushPayload } from './web-push-channel.ts';
import { fakeBrowserKeys, startPushReceiver, type PushReceiver } from './testing/web-push-receiver.ts';

const clock = new FakeClock('2026-11-25T15:00:00.000Z');
const config: DeliveryConfig = { ...defaultDeliveryConfig, pushAllowLoopback: true, clock };

function notification(user: User, kind: Notification['kind'] = 'dose'): Notification {
  return {
    id: 'n-1',
    recipientId: user.id,
    patientId: user.patientId,
    kind,
    title: 'Time for your medicine',
    body: 'Tomás: antibiotic, 1 pill ✓',
    link: '#/medicines',
    createdAt: clock.now().toISOString(),
  };
}

describe('the Web Push channel', () => {
  let store: Store;
  let receiver: PushReceiver;
  let user: User;
  beforeEach(async () => {
    store = await openTestStore('sqlite');
    receiver = await startPushReceiver();
    const org = await store.createOrganisation('Clinic', clock.now().toISOString());
    await store.createUser(
      {
        orgId: org.id,
        email: 'boss@example.org',
        name: 'Boss',
        role: 'admin',
        passwordHash: 'x',
        language: 'en',
        patientId: null,
      },
      clock.now().toISOString(),
    );
    user = await store.createUser(
      {
        orgId: org.id,
        email: 'pat@example.org',
        name: 'Pat',
        role: 'clinician',
        passwordHash: 'x',
        language: 'en',
        patientId: null,
      },
      clock.now().toISOString(),
    );
  });
  afterEach(async () => {
    await receiver.close();
    await closeTestStores();
  });

  async function subscribe(name: string) {
    const keys = fakeBrowserKeys();
    const subscription = await store.savePushSubscription(
      { userId: user.id, endpoint: receiver.endpoint(name), p256dh: keys.p256dh, auth: keys.auth, deviceLabel: null },
      clock.now().toISOString(),
    );
    return { keys, subscription };
  }

  it('skips an account without devices, and a disabled account', async () => {
    expect(await createWebPushChannel(store, config).deliver(notification(user), user)).toBe('skipped');
    await subscribe('phone');
    const disabled = { ...user, disabledAt: clock.now().toISOString() };
    expect(await createWebPushChannel(store, config).deliver(notification(user), disabled)).toBe('skipped');
    expect(receiver.received).toEqual([]);
  });

  it('sends a VAPID-signed, aes128gcm-encrypted payload each device can read', async () => {
    const phone = await subscribe('phone');
    const laptop = await subscribe('laptop');
    const channel = createWebPushChannel(store, config);
    expect(await channel.deliver(notification(user), user)).toBe('sent');

    const { publicKey } = await ensureVapidKeys(store, clock.now());
    expect(receiver.received.map((r) => r.path).sort()).toEqual(['/push/laptop', '/push/phone']);
    const first = receiver.received.find((r) => r.path === '/push/phone');
    const second = receiver.received.find((r) => r.path === '/push/laptop');
    for (const request of [first, second]) {
      expect(request).toMatchObject({
        contentEncoding: 'aes128gcm',
        urgency: 'normal',
        ttl: String(config.pushTtlSeconds),
        vapidKey: publicKey,
        signatureValid: true,
      });
      expect(request?.claims.aud).toBe(new URL(receiver.endpoint('x')).origin);
      expect(request?.claims.sub).toBe('mailto:boss@example.org');
      expect(request?.claims.exp).toBeGreaterThan(Date.now() / 1000);
    }
    const expected: PushPayload = {
      id: 'n-1',
      kind: 'dose',
      title: 'Time for your medicine',
      body: 'Tomás: antibiotic, 1 pill ✓',
      link: '#/medicines',
    };
    expect(JSON.parse(phone.keys.decrypt(first?.body ?? Buffer.alloc(0)))).toEqual(expected);
    expect(JSON.parse(laptop.keys.decrypt(second?.body ?? Buffer.alloc(0)))).toEqual(expected);
    // The other device's keys cannot read it.
    expect(() => laptop.keys.decrypt(first?.body ?? Buffer.alloc(0))).toThrow();
  });

  it('sends alerts with high urgency and a day to live, signed with the same kept key', async () => {
    await subscribe('phone');
    await createWebPushChannel(store, config).deliver(notification(user, 'alert-escalated'), user);
    await createWebPushChannel(store, config).deliver(notification(user, 'alert'), user);
    expect(receiver.received.map((r) => [r.urgency, r.ttl])).toEqual([
      ['high', '86400'],
      ['high', '86400'],
    ]);
    expect(new Set(receiver.received.map((r) => r.vapidKey)).size).toBe(1);
  });

  it('removes a device the push service says is gone (404 or 410) and keeps the others', async () => {
    await subscribe('gone');
    await subscribe('missing');
    const kept = await subscribe('kept');
    receiver.answer('gone', 410);
    receiver.answer('missing', 404);
    expect(await createWebPushChannel(store, config).deliver(notification(user), user)).toBe('sent');
    expect((await store.listPushSubscriptions(user.id)).map((s) => s.id)).toEqual([kept.subscription.id]);
  });

  it('fails, to be retried, when no device got it for a passing reason; keeps the device', async () => {
    await subscribe('busy');
    receiver.answer('busy', 503);
    await expect(createWebPushChannel(store, config).deliver(notification(user), user)).rejects.toThrow(
      /Web Push failed/,
    );
    expect(await store.listPushSubscriptions(user.id)).toHaveLength(1);
  });

  it('says skipped when the only device was gone', async () => {
    await subscribe('gone');
    receiver.answer('gone', 410);
    expect(await createWebPushChannel(store, config).deliver(notification(user), user)).toBe('skipped');
  });

  it('never sends to a loopback address unless allowed, and drops such a subscription', async () => {
    await subscribe('inside');
    const strict = createWebPushChannel(store, { ...config, pushAllowLoopback: false });
    expect(await strict.deliver(notification(user), user)).toBe('skipped');
    expect(receiver.received).toEqual([]);
    expect(await store.listPushSubscriptions(user.id)).toEqual([]);
  });

  it('uses the configured VAPID subject', async () => {
    await subscribe('phone');
    await createWebPushChannel(store, { ...config, vapidSubject: 'https://aftercare.example.org' }).deliver(
      notification(user),
      user,
    );
    expect(receiver.received[0]?.claims.sub).toBe('https://aftercare.example.org');
  });
});
