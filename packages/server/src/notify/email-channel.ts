/** E-mail over SMTP for the care team's alerts: only "a patient needs attention" and a link, never health data. */
import nodemailer from 'nodemailer';
import type { Language, User } from '@aftercare/store';
import type { DeliveryOutcome, Notification, NotificationChannel } from './channel.ts';
import type { DeliveryConfig } from './delivery-config.ts';

const TEXTS: Record<Language, { subject: string; escalated: string; lead: string; open: string; openApp: string }> = {
  en: {
    subject: 'A patient needs attention',
    escalated: 'Still waiting: a patient needs attention',
    lead: 'A patient needs attention in Aftercare.',
    open: 'Open the alert:',
    openApp: 'Open Aftercare to see the alert.',
  },
  es: {
    subject: 'Un paciente necesita atención',
    escalated: 'Sigue sin respuesta: un paciente necesita atención',
    lead: 'Un paciente necesita atención en Aftercare.',
    open: 'Abra la alerta:',
    openApp: 'Abra Aftercare para ver la alerta.',
  },
};

function isCareTeam(user: User): boolean {
  return user.role === 'admin' || user.role === 'clinician';
}

/** The absolute address of the notification's link, or null when the site's address is not configured. */
export function alertUrl(publicUrl: string, link: string): string | null {
  if (publicUrl === '') {
    return null;
  }
  return `${publicUrl}/${link.startsWith('#') ? link : `#${link.replace(/^\/+/, '/')}`}`;
}

/**
 * Makes the e-mail channel over `config.smtpUrl` (which must be set). Patients and caregivers are never e-mailed, and
 * only alerts are: everything else is `skipped`. The message names no patient and carries no health data.
 * @example
 * const mail = createEmailChannel({ ...config, smtpUrl: 'smtp://mail.example.org:587' });
 */
export function createEmailChannel(config: DeliveryConfig): NotificationChannel & { close(): void } {
  if (config.smtpUrl === null) {
    throw new Error('The e-mail channel needs AFTERCARE_SMTP_URL.');
  }
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    name: 'email',
    async deliver(notification: Notification, recipient: User): Promise<DeliveryOutcome> {
      const kind = notification.kind;
      if ((kind !== 'alert' && kind !== 'alert-escalated') || !isCareTeam(recipient) || recipient.disabledAt !== null) {
        return 'skipped';
      }
      const texts = TEXTS[recipient.language];
      const url = alertUrl(config.publicUrl, notification.link);
      const lines = [texts.lead, '', url === null ? texts.openApp : `${texts.open} ${url}`];
      await transport.sendMail({
        from: config.mailFrom,
        to: recipient.email,
        subject: kind === 'alert-escalated' ? texts.escalated : texts.subject,
        text: `${lines.join('\n')}\n`,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      return 'sent';
    },
    close: () => {
      transport.close();
    },
  };
}
