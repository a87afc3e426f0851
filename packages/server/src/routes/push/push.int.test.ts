/** The push routes: the public key, saving and removing a device, and a push that reaches the device it saved. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeTestStores, DIALECTS } from '@aftercare/store/testing';
import { defaultDeliveryConfig } from '../../notify/delivery-config.ts';
import { createWebPushChannel } from '../../notify/web-push-channel.ts';
import { fakeBrowserKeys, startPushReceiver, type PushReceiver } from '../../notify/testing/web-push-receiver.ts';
import { enrolWithLogin, makeTestApp, setUpAdmin, type TestApp } from '../../testing/test-app.ts';

for (const dialect of DIALECTS) {
  describe(`push routes on ${dialect}`, () => {
    let t: TestApp;
    let admin: string;
    let patient: string;
    let receiver: PushReceiver;
    beforeEach(async () => {
      t = await makeTestApp(dialect);
      admin = await setUpAdmin(t.app);
      patient = (await enrolWithLogin(t.app, admin, 'pat@example.org')).cookie;
      receiver = await startPushReceiver();
    });
    afterEach(async () => {
      await receiver.close();
      await t.app.close();
      await closeTestStores();
    });

    const call = (cookie: string | null, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: cookie === null ? {} : { cookie }, ...(payload ? { payload } : {}) });

    it('gives every signed-in account the same public key, and no one else', async () => {
      const first = await call(patient, 'GET', '/api/v1/push/public-key');
      expect(first.statusCode).toBe(200);
      const { publicKey } = first.json<{ publicKey: string }>();
      expect(Buffer.from(publicKey, 'base64url')).toHaveLength(65);
      expect((await call(admin, 'GET', '/api/v1/push/public-key')).json()).toEqual({ publicKey });
      expect((await call(null, 'GET', '/api/v1/push/public-key')).statusCode).toBe(401);
    });

    it('saves a device, lists it, delivers to it, and turns it off', async () => {
      const keys = fakeBrowserKeys();
      const saved = await call(patient, 'POST', '/api/v1/me/push-subscriptions', {
        endpoint: receiver.endpoint('phone'),
        expirationTime: null,
        keys: { p256dh: keys.p256dh, auth: keys.auth },
        deviceLabel: '  My phone ',
      });
      expect(saved.statusCode).toBe(201);
      const device = saved.json<{ subscription: { id: string; deviceLabel: string } }>().subscription;
      expect(device.deviceLabel).toBe('My phone');
      // Saving the same browser again updates it, not a second device.
      const again = await call(patient, 'POST', '/api/v1/me/push-subscriptions', {
        endpoint: receiver.endpoint('phone'),
        keys: { p256dh: keys.p256dh, auth: keys.auth },
      });
      expect(again.json<{ subscription: { id: string } }>().subscription.id).toBe(device.id);
      const listed = await call(patient, 'GET', '/api/v1/me/push-subscriptions');
      expect(listed.json<{ subscriptions: unknown[] }>().subscriptions).toHaveLength(1);
      expect((await call(admin, 'GET', '/api/v1/me/push-subscriptions')).json()).toEqual({ subscriptions: [] });

      const me = (await call(patient, 'GET', '/api/v1/me')).json<{ user: { id: string } }>().user;
      const user = await t.store.getUser(me.id);
      if (user === undefined) {
        throw new Error('no user');
      }
      const channel = createWebPushChannel(t.store, {
        ...defaultDeliveryConfig,
        pushAllowLoopback: true,
        clock: t.clock,
      });
      const outcome = await channel.deliver(
        {
          id: 'n-1',
          recipientId: user.id,
          patientId: user.patientId,
          kind: 'check-in',
          title: 'How are you today?',
          body: 'Tap to check in.',
          link: '#/check-in',
          createdAt: t.clock.now().toISOString(),
        },
        user,
      );
      expect(outcome).toBe('sent');
      const publicKey = (await call(patient, 'GET', '/api/v1/push/public-key')).json<{ publicKey: string }>().publicKey;
      expect(receiver.received[0]).toMatchObject({ vapidKey: publicKey, signatureValid: true });
      expect(JSON.parse(keys.decrypt(receiver.received[0]?.body ?? Buffer.alloc(0)))).toMatchObject({
        title: 'How are you today?',
        link: '#/check-in',
      });

      // Someone else's delete changes nothing; the owner's removes it; again is still 204.
      expect((await call(admin, 'DELETE', `/api/v1/me/push-subscriptions/${device.id}`)).statusCode).toBe(204);
      expect(await t.store.listPushSubscriptions(user.id)).toHaveLength(1);
      expect((await call(patient, 'DELETE', `/api/v1/me/push-subscriptions/${device.id}`)).statusCode).toBe(204);
      expect((await call(patient, 'DELETE', `/api/v1/me/push-subscriptions/${device.id}`)).statusCode).toBe(204);
      expect(await t.store.listPushSubscriptions(user.id)).toEqual([]);
    });

    it('refuses what no browser would send, with a message', async () => {
      const keys = fakeBrowserKeys();
      const good = {
        endpoint: 'https://fcm.googleapis.com/fcm/send/abc',
        keys: { p256dh: keys.p256dh, auth: keys.auth },
      };
      const bad = [
        { ...good, endpoint: 'http://push.example.net/a' },
        { ...good, endpoint: 'file:///etc/passwd' },
        { ...good, keys: { ...good.keys, p256dh: 'AAAA' } },
        { ...good, keys: { ...good.keys, auth: keys.p256dh } },
        { ...good, deviceLabel: 'x'.repeat(101) },
        { endpoint: good.endpoint },
      ];
      for (const payload of bad) {
        const response = await call(patient, 'POST', '/api/v1/me/push-subscriptions', payload);
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
        expect(response.json<{ error: { message: string } }>().error.message).not.toBe('');
      }
      expect((await call(null, 'POST', '/api/v1/me/push-subscriptions', good)).statusCode).toBe(401);
      expect((await call(patient, 'POST', '/api/v1/me/push-subscriptions', good)).statusCode).toBe(201);
    });
  });
}
