/** Server configuration read once from the environment (and CLI flags), then passed to buildApp. */
import { fileURLToPath } from 'node:url';
import { AftercareError } from '@aftercare/core';

export interface Config {
  port: number;
  host: string;
  /** Where the built web app lives (packages/web/dist); missing means "run npm run build". */
  webDistDir: string;
  /** A session ends after this long without a request. */
  sessionIdleMs: number;
  /** A session ends this long after sign-in, however active. */
  sessionAbsoluteMs: number;
  /** Behind a reverse proxy: trust X-Forwarded-* (true, or the proxies' addresses/CIDRs, comma-separated). */
  trustProxy: boolean | string;
  /** Mark cookies Secure: on when the site is served over TLS (directly or via the proxy). */
  secureCookies: boolean;
  /** Largest JSON body accepted, in bytes. */
  bodyLimit: number;
  /** Sign-in attempts per minute per address. */
  loginRateLimit: number;
  logLevel: string;
  /** An emergency alert nobody acknowledges within this many minutes is raised again to the whole team. */
  alertEscalationMinutes: number;
  /** How often `aftercare start` looks for such alerts, in seconds. */
  escalationCheckSeconds: number;
  /** A patient's invite to join expires after this many days. */
  inviteDays: number;
  /** The site's public address (e.g. https://aftercare.example.org) for invite links; empty: the request's own host. */
  publicUrl: string;
  // --- reminders ---
  /** How often the job runner looks for due jobs, in milliseconds. */
  jobPollMs: number;
  /** How long a runner holds a job; a job whose runner died is taken again after this. */
  jobLeaseSeconds: number;
  /** How far ahead reminders are planned, in hours. */
  reminderWindowHours: number;
  /** Every patient's reminders are planned again at least this often, in minutes (changes through the API: at once). */
  reminderReplanMinutes: number;
}

const MINUTE = 60_000;

export const defaultWebDistDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

export const defaultConfig: Config = {
  port: 8080,
  host: '127.0.0.1',
  webDistDir: defaultWebDistDir,
  sessionIdleMs: 30 * MINUTE,
  sessionAbsoluteMs: 12 * 60 * MINUTE,
  trustProxy: false,
  secureCookies: false,
  bodyLimit: 256 * 1024,
  loginRateLimit: 10,
  logLevel: 'info',
  alertEscalationMinutes: 10,
  escalationCheckSeconds: 30,
  inviteDays: 7,
  publicUrl: '',
  // --- reminders ---
  jobPollMs: 2000,
  jobLeaseSeconds: 60,
  reminderWindowHours: 48,
  reminderReplanMinutes: 60,
};

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AftercareError(
      'CARE_ERR_BAD_INPUT',
      `${name} must be a whole number from ${min} to ${max}, not "${raw}".`,
    );
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') {
    return fallback;
  }
  if (['1', 'true', 'yes', 'on'].includes(raw)) {
    return true;
  }
  if (['0', 'false', 'no', 'off'].includes(raw)) {
    return false;
  }
  throw new AftercareError('CARE_ERR_BAD_INPUT', `${name} must be true or false, not "${raw}".`);
}

function trustProxyOf(raw: string | undefined): Config['trustProxy'] {
  if (raw === undefined || raw === '' || raw === 'false') {
    return false;
  }
  if (raw === 'true') {
    return true;
  }
  return raw;
}

/**
 * Reads the configuration from environment variables.
 * @example const config = loadConfig(process.env); // PORT=9000 → config.port === 9000
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const trustProxy = trustProxyOf(env.AFTERCARE_TRUST_PROXY);
  const publicUrl = env.AFTERCARE_PUBLIC_URL ?? '';
  return {
    port: integer(env, 'PORT', defaultConfig.port, 0, 65_535),
    host: env.HOST !== undefined && env.HOST !== '' ? env.HOST : defaultConfig.host,
    webDistDir:
      env.AFTERCARE_WEB_DIST !== undefined && env.AFTERCARE_WEB_DIST !== ''
        ? env.AFTERCARE_WEB_DIST
        : defaultWebDistDir,
    sessionIdleMs:
      integer(env, 'AFTERCARE_SESSION_IDLE_MINUTES', defaultConfig.sessionIdleMs / MINUTE, 1, 7 * 24 * 60) * MINUTE,
    sessionAbsoluteMs:
      integer(env, 'AFTERCARE_SESSION_ABSOLUTE_HOURS', defaultConfig.sessionAbsoluteMs / (60 * MINUTE), 1, 24 * 90) *
      60 *
      MINUTE,
    trustProxy,
    secureCookies: flag(env, 'AFTERCARE_SECURE_COOKIES', publicUrl.startsWith('https://')),
    bodyLimit: integer(env, 'AFTERCARE_BODY_LIMIT', defaultConfig.bodyLimit, 1024, 10 * 1024 * 1024),
    loginRateLimit: integer(env, 'AFTERCARE_LOGIN_RATE_LIMIT', defaultConfig.loginRateLimit, 1, 10_000),
    logLevel: env.LOG_LEVEL !== undefined && env.LOG_LEVEL !== '' ? env.LOG_LEVEL : defaultConfig.logLevel,
    alertEscalationMinutes: integer(
      env,
      'AFTERCARE_ALERT_ESCALATION_MINUTES',
      defaultConfig.alertEscalationMinutes,
      1,
      24 * 60,
    ),
    escalationCheckSeconds: integer(
      env,
      'AFTERCARE_ESCALATION_CHECK_SECONDS',
      defaultConfig.escalationCheckSeconds,
      1,
      3600,
    ),
    inviteDays: integer(env, 'AFTERCARE_INVITE_DAYS', defaultConfig.inviteDays, 1, 90),
    publicUrl: publicUrl.replace(/\/+$/, ''),
    // --- reminders ---
    jobPollMs: integer(env, 'AFTERCARE_JOB_POLL_MS', defaultConfig.jobPollMs, 50, 600_000),
    jobLeaseSeconds: integer(env, 'AFTERCARE_JOB_LEASE_SECONDS', defaultConfig.jobLeaseSeconds, 5, 3600),
    reminderWindowHours: integer(
      env,
      'AFTERCARE_REMINDER_WINDOW_HOURS',
      defaultConfig.reminderWindowHours,
      24,
      24 * 14,
    ),
    reminderReplanMinutes: integer(
      env,
      'AFTERCARE_REMINDER_REPLAN_MINUTES',
      defaultConfig.reminderReplanMinutes,
      1,
      24 * 60,
    ),
  };
}
