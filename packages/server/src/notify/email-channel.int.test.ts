/** The e-mail channel against a real SMTP server started here (smtp-server), reading back what arrived. */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '@aftercare/store';
import type { Notification } from './channel.ts';
import { defaultDeliveryConfig, type DeliveryConfig } from './delivery-config.ts';
import { alertUrl, createEmailChannel } from './email-channel.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

function user(overrides: Partial<User> = {}): User {
  return {
    id: 'u-1',
    orgId: 'o-1',
    email: 'nurse.ana@example.org',
    name: 'Ana',
    role: 'clinician',
    passwordHash: 'x',
    language: 'en',
    patientId: null,
    disabledAt: null,
    createdAt: '2026-11-25T15:00:00.000Z',
    ...overrides,
  };
}

const alert: Notification = {
  id: 'n-1',
  recipientId: 'u-1',
  patientId: 'p-1',
  kind: 'alert',
  title: 'Emergency: Renée Núñez',
  body: 'Blood is soaking through the bandage',
  link: '#/alerts/a-1',
  createdAt: '2026-11-25T15:00:00.000Z',
};

/** The message's text with quoted-printable soft breaks and escapes undone. */
function decoded(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_all, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

describe('the e-mail channel', () => {
  let server: SMTPServer;
  let received: Received[];
  let config: DeliveryConfig;
  beforeEach(async () => {
    received = [];
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const envelope = session.envelope;
          received.push({
            from: envelope.mailFrom === false ? '' : envelope.mailFrom.address,
            to: envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    config = {
      ...defaultDeliveryConfig,
      smtpUrl: `smtp://127.0.0.1:${String(port)}`,
      mailFrom: 'Aftercare <alerts@clinic.example.org>',
      publicUrl: 'https://aftercare.example.org',
    };
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => {
      server.close(resolve);
    });
  });

  it('e-mails the care team "a patient needs attention" with a link, and no name or health data', async () => {
    const channel = createEmailChannel(config);
    expect(await channel.deliver(alert, user())).toBe('sent');
    channel.close();
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.from).toBe('alerts@clinic.example.org');
    expect(mail?.to).toEqual(['nurse.ana@example.org']);
    const text = decoded(mail?.raw ?? '');
    expect(text).toMatch(/^Subject: A patient needs attention$/m);
    expect(text).toContain('https://aftercare.example.org/#/alerts/a-1');
    expect(text).not.toMatch(/Ren|Núñez|Blood|bandage|Emergency/i);
  });

  it('writes in the recipient’s language and says when an alert was raised again', async () => {
    const channel = createEmailChannel(config);
    await channel.deliver({ ...alert, kind: 'alert-escalated' }, user({ language: 'es' }));
    channel.close();
    const text = decoded(received[0]?.raw ?? '');
    expect(text).toContain('Un paciente necesita atenci');
    expect(text).toContain('Abra la alerta: https://aftercare.example.org/#/alerts/a-1');
  });

  it('skips other kinds, patients, caregivers and disabled accounts', async () => {
    const channel = createEmailChannel(config);
    expect(await channel.deliver({ ...alert, kind: 'dose' }, user())).toBe('skipped');
    expect(await channel.deliver(alert, user({ role: 'patient', patientId: 'p-1' }))).toBe('skipped');
    expect(await channel.deliver(alert, user({ role: 'caregiver', patientId: 'p-1' }))).toBe('skipped');
    expect(await channel.deliver(alert, user({ disabledAt: '2026-11-25T15:00:00.000Z' }))).toBe('skipped');
    channel.close();
    expect(received).toEqual([]);
  });

  it('fails, to be retried, when the mail server cannot be reached', async () => {
    await new Promise<void>((resolve) => {
      server.close(resolve);
    });
    const channel = createEmailChannel(config);
    await expect(channel.deliver(alert, user())).rejects.toThrow();
    channel.close();
    server = new SMTPServer({ logger: false });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  it('links to the alert only when the site address is known', () => {
    expect(alertUrl('', '#/alerts/a-1')).toBeNull();
    expect(alertUrl('https://a.example', '#/alerts/a-1')).toBe('https://a.example/#/alerts/a-1');
    expect(alertUrl('https://a.example', '/alerts/a-1')).toBe('https://a.example/#/alerts/a-1');
  });
});
