/** createDeliveryChannels: what is configured is what is returned, and the VAPID keys exist after it. */
import { afterEach, describe, expect, it } from 'vitest';
import { closeTestStores, openTestStore } from '@aftercare/store/testing';
import { createDeliveryChannels } from './channels.ts';
import { defaultDeliveryConfig, loadDeliveryConfig } from './delivery-config.ts';

describe('the delivery channels', () => {
  afterEach(closeTestStores);

  it('has Web Push always and e-mail only with an SMTP server, and makes the VAPID keys once', async () => {
    const store = await openTestStore('sqlite');
    const plain = await createDeliveryChannels(store, defaultDeliveryConfig);
    expect(plain.map((c) => c.name)).toEqual(['web-push']);
    const keys = await store.getServerSetting('vapid-keys');
    expect(keys).toBeDefined();
    const both = await createDeliveryChannels(store, { ...defaultDeliveryConfig, smtpUrl: 'smtp://127.0.0.1:1' });
    expect(both.map((c) => c.name)).toEqual(['web-push', 'email']);
    expect(await store.getServerSetting('vapid-keys')).toBe(keys);
  });

  it('reads its settings from the environment and refuses bad ones with a message', () => {
    const config = loadDeliveryConfig({
      AFTERCARE_SMTP_URL: 'smtp://mail.example.org:587',
      AFTERCARE_MAIL_FROM: 'Clinic <a@example.org>',
      AFTERCARE_VAPID_SUBJECT: 'mailto:ops@example.org',
      AFTERCARE_PUSH_HOSTS: 'fcm.googleapis.com, Push.Services.Mozilla.com',
      AFTERCARE_PUBLIC_URL: 'https://care.example.org/',
    });
    expect(config).toMatchObject({
      smtpUrl: 'smtp://mail.example.org:587',
      mailFrom: 'Clinic <a@example.org>',
      vapidSubject: 'mailto:ops@example.org',
      pushHosts: ['fcm.googleapis.com', 'push.services.mozilla.com'],
      publicUrl: 'https://care.example.org',
      pushAllowLoopback: false,
    });
    expect(loadDeliveryConfig({})).toMatchObject({ smtpUrl: null, vapidSubject: null, pushHosts: [] });
    expect(() => loadDeliveryConfig({ AFTERCARE_VAPID_SUBJECT: 'ops' })).toThrow(/mailto/);
    expect(() => loadDeliveryConfig({ AFTERCARE_SMTP_URL: 'mail.example.org' })).toThrow(/smtp:\/\//);
    expect(() => loadDeliveryConfig({ AFTERCARE_PUSH_TTL_SECONDS: '-1' })).toThrow(/TTL/);
  });
});
