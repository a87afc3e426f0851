/** How notifications leave the server (Web Push, e-mail), read once from the environment and passed to the channels. */
import { AftercareError } from '@aftercare/core';
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';

export interface DeliveryConfig {
  /** VAPID contact (mailto: or https:); null: the first administrator's e-mail, else mailto:admin@localhost. */
  vapidSubject: string | null;
  /** How long a push service keeps a reminder for a phone that is off; alerts are kept a day. */
  pushTtlSeconds: number;
  /** Push hosts allowed (exact or a parent domain); empty: any public https host. */
  pushHosts: string[];
  /** Send to http:// and https:// loopback endpoints: for tests with a local push receiver only. */
  pushAllowLoopback: boolean;
  /** smtp:// or smtps:// URL of the mail server; null: no e-mail channel. */
  smtpUrl: string | null;
  mailFrom: string;
  /** The site's public address, for the link in e-mails; empty: the e-mail says to open Aftercare. */
  publicUrl: string;
  clock: Clock;
}

export const defaultDeliveryConfig: DeliveryConfig = {
  vapidSubject: null,
  pushTtlSeconds: 4 * 60 * 60,
  pushHosts: [],
  pushAllowLoopback: false,
  smtpUrl: null,
  mailFrom: 'Aftercare <aftercare@localhost>',
  publicUrl: '',
  clock: systemClock,
};

function text(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? null : value;
}

/**
 * Reads the delivery settings: AFTERCARE_VAPID_SUBJECT, AFTERCARE_PUSH_TTL_SECONDS, AFTERCARE_PUSH_HOSTS,
 * AFTERCARE_SMTP_URL, AFTERCARE_MAIL_FROM, AFTERCARE_PUBLIC_URL.
 * @example const channels = await createDeliveryChannels(store, loadDeliveryConfig(process.env));
 */
export function loadDeliveryConfig(env: NodeJS.ProcessEnv = process.env, clock: Clock = systemClock): DeliveryConfig {
  const subject = text(env, 'AFTERCARE_VAPID_SUBJECT');
  if (subject !== null && !/^(mailto:\S+@\S+|https:\/\/\S+)$/.test(subject)) {
    throw new AftercareError(
      'CARE_ERR_BAD_INPUT',
      `AFTERCARE_VAPID_SUBJECT must be a mailto: address or an https: address, not "${subject}".`,
    );
  }
  const smtpUrl = text(env, 'AFTERCARE_SMTP_URL');
  if (smtpUrl !== null && !/^smtps?:\/\//.test(smtpUrl)) {
    throw new AftercareError('CARE_ERR_BAD_INPUT', 'AFTERCARE_SMTP_URL must start with smtp:// or smtps://.');
  }
  const ttlRaw = text(env, 'AFTERCARE_PUSH_TTL_SECONDS');
  const ttl = ttlRaw === null ? defaultDeliveryConfig.pushTtlSeconds : Number(ttlRaw);
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > 28 * 24 * 3600) {
    throw new AftercareError(
      'CARE_ERR_BAD_INPUT',
      `AFTERCARE_PUSH_TTL_SECONDS must be a whole number of seconds up to 28 days, not "${String(ttlRaw)}".`,
    );
  }
  return {
    vapidSubject: subject,
    pushTtlSeconds: ttl,
    pushHosts: (text(env, 'AFTERCARE_PUSH_HOSTS') ?? '')
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter((host) => host !== ''),
    pushAllowLoopback: false,
    smtpUrl,
    mailFrom: text(env, 'AFTERCARE_MAIL_FROM') ?? defaultDeliveryConfig.mailFrom,
    publicUrl: (text(env, 'AFTERCARE_PUBLIC_URL') ?? '').replace(/\/+$/, ''),
    clock,
  };
}
