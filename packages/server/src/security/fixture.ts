/** The security walls' world: two organisations, their staff, three patients with logins and a record each. */
import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { TestDialect } from '@aftercare/store/testing';
import { createAccount } from '../services/accounts.ts';
import { ensureVapidKeys } from '../notify/vapid-keys.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { accountKey } from '../auth/login-throttle.ts';
import { hashSessionId, SESSION_COOKIE } from '../auth/sessions.ts';
import { enrolWithLogin, login, makeTestApp, setUpAdmin, ADMIN, type TestApp } from '../testing/test-app.ts';

export type PatientKey = 'A' | 'B' | 'C';
export type RoleName = 'anonymous' | 'patientA' | 'patientB' | 'caregiverA' | 'clinician1' | 'admin1' | 'clinician2';

/** Everything a patient's record holds that the walls point at, and the values that identify the patient. */
export interface PatientRecord {
  id: string;
  userId: string;
  alertId: string;
  questionId: string;
  messageId: string;
  appointmentId: string;
  medicationId: string;
  /** Name, e-mails and ids: none may appear in a body meant for someone who may not see this patient. */
  identifying: string[];
}

export interface Caller {
  role: RoleName;
  email: string | null;
  password: string;
  cookie: string | null;
  /** The patient whose record is "own" for this caller, and one it must not see (same organisation when possible). */
  own: PatientKey;
  other: PatientKey;
  /** Patients this caller may see: their identifying values may appear in its answers. */
  sees: PatientKey[];
  team: boolean;
  admin: boolean;
}

export interface World {
  t: TestApp;
  patients: Record<PatientKey, PatientRecord>;
  callers: Record<RoleName, Caller>;
  /** A team member of each organisation that admin routes may disable and enable. */
  spareUser: { org1: string; org2: string };
  /** Signs the caller in again when a call (e.g. logout) ended its session. */
  refresh(caller: Caller): Promise<void>;
}

const PASSWORD = 'a long enough passphrase';
const PATIENT_PASSWORD = 'patient password one';

const PATIENTS: Record<PatientKey, { name: string; email: string; loginEmail: string }> = {
  A: { name: 'Alma Quistorp', email: 'alma.home@example.net', loginEmail: 'alma@example.net' },
  B: { name: 'Bruno Vexler', email: 'bruno.home@example.net', loginEmail: 'bruno@example.net' },
  C: { name: 'Corinna Zandt', email: 'corinna.home@example.net', loginEmail: 'corinna@example.net' },
};

/** The response, when the set-up call succeeded. */
function created(response: LightMyRequestResponse, what: string): LightMyRequestResponse {
  if (response.statusCode >= 300) {
    throw new Error(`fixture: ${what} failed: ${String(response.statusCode)} ${response.body}`);
  }
  return response;
}

async function fillRecord(t: TestApp, key: PatientKey, patientId: string, cookie: string): Promise<PatientRecord> {
  const base = `/api/v1/patients/${patientId}`;
  const post = (url: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url: `${base}${url}`, headers: { cookie }, payload: payload as object });
  const checkIn = created(await post('/check-ins', { text: 'Blood is soaking through my bandage' }), 'check-in').json<{
    alert: { id: string } | null;
  }>();
  if (checkIn.alert === null) {
    throw new Error('fixture: the check-in raised no alert');
  }
  const question = created(await post('/questions', { text: 'When can I run?' }), 'q').json<{
    question: { id: string };
  }>();
  const message = created(await post('/messages', { body: 'Feeling tired' }), 'msg').json<{
    message: { id: string };
  }>();
  const appointment = created(
    await post('/appointments', { withWhom: 'hematologist', reason: 'Check-up', startsAt: '2026-12-01T15:00:00.000Z' }),
    'appointment',
  ).json<{ appointment: { id: string } }>();
  const medication = created(
    await post('/medications', {
      name: 'Ibuprofen',
      kind: 'over-the-counter',
      amount: '200 mg',
      timing: { type: 'as-needed', minIntervalHours: 6, maxPerDay: 4 },
      reason: 'Pain',
      startDate: '2026-11-19',
      endDate: null,
      planItem: null,
    }),
    'medication',
  ).json<{ medication: { id: string } }>();
  const me = created(await t.app.inject({ url: '/api/v1/me', headers: { cookie } }), 'me').json<{
    user: { id: string };
  }>();
  const facts = PATIENTS[key];
  return {
    id: patientId,
    userId: me.user.id,
    alertId: checkIn.alert.id,
    questionId: question.question.id,
    messageId: message.message.id,
    appointmentId: appointment.appointment.id,
    medicationId: medication.medication.id,
    identifying: [facts.name, facts.email, facts.loginEmail, patientId, me.user.id],
  };
}

/** A new session for the user, made the way a sign-in makes one; returns its cookie. */
async function openSession(t: TestApp, userId: string): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  const now = t.clock.now();
  await t.store.createSession({
    idHash: hashSessionId(id),
    userId,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + t.config.sessionAbsoluteMs).toISOString(),
  });
  return `${SESSION_COOKIE}=${id}`;
}

export async function buildWorld(dialect: TestDialect): Promise<World> {
  // The walls test answers, not the per-address sign-in limit (its own tests do): a long fuzz run signs in thousands
  // of times, and the fixture must still get its callers back in.
  const t = await makeTestApp(dialect, { loginRateLimit: 1_000_000 });
  const admin1 = await setUpAdmin(t.app);
  const addMember = async (cookie: string, name: string, email: string, role: 'admin' | 'clinician') =>
    created(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/team',
        headers: { cookie },
        payload: { name, email, password: PASSWORD, role },
      }),
      `team member ${email}`,
    ).json<{ user: { id: string } }>().user.id;
  await addMember(admin1, 'Cleo Clinician', 'cleo@example.org', 'clinician');
  const spare1 = await addMember(admin1, 'Sam Spare', 'sam@example.org', 'clinician');

  const now = t.clock.now();
  // `aftercare start` makes the VAPID keys on first start (createDeliveryChannels): a GET never has to.
  await ensureVapidKeys(t.store, now);
  const org2 = await t.store.createOrganisation('Other Donor Centre', now.toISOString());
  await createAccount(
    t.store,
    { orgId: org2.id, name: 'Olga Admin', email: 'olga@example.com', password: PASSWORD, role: 'admin' },
    now,
  );
  const admin2 = await login(t.app, 'olga@example.com', PASSWORD);
  await addMember(admin2, 'Carl Clinician', 'carl@example.com', 'clinician');
  const spare2 = await addMember(admin2, 'Sid Spare', 'sid@example.com', 'clinician');

  const enrol = (team: string, key: PatientKey) =>
    enrolWithLogin(t.app, team, PATIENTS[key].loginEmail, { name: PATIENTS[key].name, email: PATIENTS[key].email });
  const a = await enrol(admin1, 'A');
  const b = await enrol(admin1, 'B');
  const c = await enrol(admin2, 'C');
  await createAccount(
    t.store,
    {
      orgId: (await t.store.getPatient(a.patientId))?.orgId ?? '',
      name: 'Gail Giver',
      email: 'gail@example.net',
      password: PASSWORD,
      role: 'caregiver',
      patientId: a.patientId,
    },
    now,
  );
  const patients = {
    A: await fillRecord(t, 'A', a.patientId, a.cookie),
    B: await fillRecord(t, 'B', b.patientId, b.cookie),
    C: await fillRecord(t, 'C', c.patientId, c.cookie),
  };

  const caller = (
    role: RoleName,
    email: string | null,
    password: string,
    own: PatientKey,
    other: PatientKey,
    sees: PatientKey[],
  ): Caller => ({
    role,
    email,
    password,
    cookie: null,
    own,
    other,
    sees,
    team: role.startsWith('clinician') || role.startsWith('admin'),
    admin: role.startsWith('admin'),
  });
  const callers: Record<RoleName, Caller> = {
    anonymous: caller('anonymous', null, '', 'A', 'B', []),
    patientA: caller('patientA', PATIENTS.A.loginEmail, PATIENT_PASSWORD, 'A', 'B', ['A']),
    patientB: caller('patientB', PATIENTS.B.loginEmail, PATIENT_PASSWORD, 'B', 'A', ['B']),
    caregiverA: caller('caregiverA', 'gail@example.net', PASSWORD, 'A', 'B', ['A']),
    clinician1: caller('clinician1', 'cleo@example.org', PASSWORD, 'A', 'C', ['A', 'B']),
    admin1: caller('admin1', ADMIN.email, ADMIN.password, 'A', 'C', ['A', 'B']),
    clinician2: caller('clinician2', 'carl@example.com', PASSWORD, 'C', 'A', ['C']),
  };
  // The password hash each account was last checked against: argon2 (slow on purpose) runs again only when a wall
  // changed the password, not at every sign-in again after a fuzzed sign-out (thousands in the long fuzz run).
  const checkedHash = new Map<string, string>();
  const refresh = async (who: Caller): Promise<void> => {
    if (who.email === null) {
      return;
    }
    const alive =
      who.cookie !== null &&
      (await t.app.inject({ url: '/api/v1/me', headers: { cookie: who.cookie } })).statusCode === 200;
    if (!alive) {
      // A wall may have changed the password or run into the sign-in throttle: the fixture's sign-in is not under test,
      // so the caller gets a session straight from the store, as a sign-in would make it.
      const user = await t.store.getUserByEmail(who.email);
      if (user === undefined || user.disabledAt !== null) {
        throw new Error(`fixture: ${who.email} can no longer sign in`);
      }
      if (checkedHash.get(user.id) !== user.passwordHash) {
        let hash = user.passwordHash;
        if (!(await verifyPassword(hash, who.password))) {
          hash = await hashPassword(who.password);
          await t.store.setUserPassword(user.id, hash);
        }
        checkedHash.set(user.id, hash);
      }
      await t.store.clearLoginFailures(accountKey(who.email));
      who.cookie = await openSession(t, user.id);
    }
  };
  for (const who of Object.values(callers)) {
    await refresh(who);
  }
  return { t, patients, callers, spareUser: { org1: spare1, org2: spare2 }, refresh };
}
