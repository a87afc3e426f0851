/** Test helpers: an app over a real store with a fake clock, and signed-in callers. */
import type { LightMyRequestResponse } from 'fastify';
import type { Store } from '@aftercare/store';
import { openTestStore, type TestDialect } from '@aftercare/store/testing';
import { buildApp } from '../app.ts';
import { FakeClock } from '../clock.ts';
import { defaultConfig, type Config } from '../config.ts';
import type { App } from '../http/types.ts';

export interface TestApp {
  app: App;
  store: Store;
  clock: FakeClock;
  config: Config;
}

export async function makeTestApp(dialect: TestDialect, overrides: Partial<Config> = {}): Promise<TestApp> {
  const store = await openTestStore(dialect);
  const clock = new FakeClock('2026-11-25T15:00:00.000Z');
  const config: Config = {
    ...defaultConfig,
    webDistDir: '/nonexistent/aftercare-web-dist',
    loginRateLimit: 1000,
    ...overrides,
  };
  const app = await buildApp({ store, clock, config, logger: false });
  await app.ready();
  return { app, store, clock, config };
}

/** The session cookie ("aftercare_session=…") a response set, for the next request. */
export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'aftercare_session');
  if (cookie === undefined) {
    throw new Error(`No session cookie in response ${response.statusCode}: ${response.body}`);
  }
  return `aftercare_session=${cookie.value}`;
}

export const ADMIN = {
  organisationName: 'Test Donor Centre',
  name: 'Ada Admin',
  email: 'ada@example.org',
  password: 'correct horse battery',
};

/** Runs first-run setup; returns the admin's cookie. */
export async function setUpAdmin(app: App): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: ADMIN });
  if (response.statusCode !== 201) {
    throw new Error(`setup failed: ${response.statusCode} ${response.body}`);
  }
  return sessionCookie(response);
}

export async function login(app: App, email: string, password: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (response.statusCode !== 200) {
    throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  }
  return sessionCookie(response);
}

/** A clinician on the admin's team, for tests that need a second, non-admin reader. */
export const NURSE = {
  name: 'Cleo Nurse',
  email: 'cleo@example.org',
  password: 'a long enough passphrase',
  role: 'clinician',
} as const;

/** Adds NURSE to the team through the API (sign her in with `login` when the test needs her). */
export async function addNurse(app: App, adminCookie: string): Promise<void> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/team',
    headers: { cookie: adminCookie },
    payload: NURSE,
  });
  if (response.statusCode !== 201) {
    throw new Error(`adding the nurse failed: ${response.statusCode} ${response.body}`);
  }
}

export const PATIENT_INPUT = {
  name: 'Pat Example',
  procedureDate: '2026-11-19',
  harvestSite: 'hip',
  marrowUse: 'donor',
  language: 'en',
  timeZone: 'America/Chicago',
  country: 'US',
} as const;

/** Enrols a patient with a login; returns the patient id and the patient's cookie. */
export async function enrolWithLogin(
  app: App,
  teamCookie: string,
  email: string,
  extra: Record<string, unknown> = {},
): Promise<{ patientId: string; cookie: string }> {
  const password = 'patient password one';
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/patients',
    headers: { cookie: teamCookie },
    payload: { ...PATIENT_INPUT, ...extra, account: { email, password } },
  });
  if (response.statusCode !== 201) {
    throw new Error(`enrol failed: ${response.statusCode} ${response.body}`);
  }
  const patientId = response.json<{ patient: { id: string } }>().patient.id;
  return { patientId, cookie: await login(app, email, password) };
}

/** The scaffold most route tests start from: a fresh app, its admin's cookie, and one enrolled patient who can sign in. */
export async function appWithEnrolledPatient(
  dialect: TestDialect,
): Promise<{ t: TestApp; admin: string; pat: { patientId: string; cookie: string } }> {
  const t = await makeTestApp(dialect);
  const admin = await setUpAdmin(t.app);
  return { t, admin, pat: await enrolWithLogin(t.app, admin, 'pat1@example.org') };
}
