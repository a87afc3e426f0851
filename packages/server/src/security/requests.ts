/** Valid requests for the walls: path parameters that point into a patient's record, and a valid body per write route. */
import { randomUUID } from 'node:crypto';
import type { Caller, World, PatientKey } from './fixture.ts';
import { sampleOf, type Operation } from './catalogue.ts';
import { createAccount } from '../services/accounts.ts';
import { SoftAuthenticator } from '../auth/passkeys-soft-authenticator.ts';
import { fakeBrowserKeys } from '../notify/testing/web-push-receiver.ts';
import { ADMIN, enrolWithLogin, PATIENT_INPUT } from '../testing/test-app.ts';

/** A browser's push keys, for the push subscription routes. */
const PUSH_KEYS = fakeBrowserKeys();

/** The origin of inject()'s requests (Host "localhost:80"): where the walls' software passkeys belong. */
const PASSKEY_ORIGIN = 'http://localhost';

/** The password enrolWithLogin gives every patient it makes. */
const PATIENT_PASSWORD = 'patient password one';

/** Path parameters naming something of the target patient (or of the target's organisation). */
export function paramsFor(op: Operation, world: World, target: PatientKey): Record<string, string> {
  const record = world.patients[target];
  const values: Record<string, string> = {};
  for (const name of op.pathParams) {
    switch (name) {
      case 'id':
        values.id = op.path.startsWith('/api/v1/alerts/') ? record.alertId : record.id;
        break;
      case 'medId':
        values.medId = record.medicationId;
        break;
      case 'qid':
        values.qid = record.questionId;
        break;
      case 'appointmentId':
        values.appointmentId = record.appointmentId;
        break;
      case 'userId':
        values.userId = target === 'C' ? world.spareUser.org2 : world.spareUser.org1;
        break;
      case 'planId':
        values.planId = 'bone-marrow-harvest';
        break;
      case 'type':
        values.type = 'Patient';
        break;
      case 'operation':
        values.operation = '_history';
        break;
      case 'version':
        values.version = '1';
        break;
      case 'kind':
        values.kind = 'feels-recovered';
        break;
      default:
        // A parameter added later: most routes hang off a patient, so its id is the likeliest meaning.
        values[name] = record.id;
    }
  }
  return values;
}

/** Path parameters that are not about whose record it is: such routes answer the same for "own" and "other". */
// subscriptionId: a device of the caller's own account (/me/...); any other id changes nothing and answers the same.
// passkeyId: one of the caller's own passkeys (/me/...), made fresh by prepare(); another account's answers 404.
const NEUTRAL_PARAMS = new Set(['planId', 'type', 'operation', 'version', 'subscriptionId', 'passkeyId']);

export function isRecordScoped(op: Operation): boolean {
  return op.pathParams.some((name) => !NEUTRAL_PARAMS.has(name));
}

let serial = 0;

/** Valid bodies for the routes whose schema alone does not give one (unique e-mails, real credentials…). */
const BODIES: Record<string, () => unknown> = {
  'POST /api/v1/setup': () => ({
    organisationName: 'Again',
    name: 'Someone',
    email: 'someone@example.org',
    password: 'a long enough passphrase',
  }),
  'POST /api/v1/auth/login': () => ({ email: ADMIN.email, password: ADMIN.password }),
  'POST /api/v1/triage': () => ({ text: 'I feel fine' }),
  'POST /api/v1/patients': () => ({ ...PATIENT_INPUT, name: `Matrix Newcomer ${String(++serial)}` }),
  'POST /api/v1/patients/{id}/medications': () => ({
    name: 'Paracetamol',
    kind: 'over-the-counter',
    amount: '500 mg',
    timing: { type: 'fixed-times', times: ['08:00'] },
    reason: 'Pain',
    startDate: '2026-11-19',
    endDate: null,
    planItem: null,
  }),
  'PATCH /api/v1/patients/{id}/medications/{medId}': () => ({ amount: `${String(++serial)} mg` }),
  'POST /api/v1/patients/{id}/allergies': () => ({ substance: 'Latex', reaction: 'Rash' }),
  'POST /api/v1/patients/{id}/appointments': () => ({
    withWhom: 'primary-care',
    reason: 'Follow-up',
    startsAt: '2026-12-02T15:00:00.000Z',
  }),
  'POST /api/v1/patients/{id}/questions': () => ({ text: 'Can I shower?' }),
  'PUT /api/v1/patients/{id}/reminder-settings': () => ({
    checkInTime: '18:30',
    visitReminders: { dayBefore: true, hoursBefore: 2 },
    doseRepeat: { everyMinutes: 10, times: 3 },
  }),
  'PATCH /api/v1/patients/{id}/questions/{qid}': () => ({ asked: true }),
  'POST /api/v1/patients/{id}/check-ins': () => ({ text: 'I feel fine today' }),
  'POST /api/v1/patients/{id}/messages': () => ({ body: 'Hello' }),
  'PATCH /api/v1/patients/{id}/preferences': () => ({ temperatureUnit: 'F' }),
  'POST /api/v1/patients/{id}/milestones': () => ({ kind: 'feels-recovered' }),
  'POST /api/v1/alerts/{id}/acknowledge': () => ({ note: 'Called back' }),
  'PATCH /api/v1/patients/{id}/appointments/{appointmentId}': () => ({ location: `Room ${String(++serial)}` }),
  'PATCH /api/v1/patients/{id}/enrolment': () => ({ returnToWork: `After ${String(++serial)} days` }),
  'POST /api/v1/patients/{id}/close': () => ({ reason: 'recovered' }),
  'POST /api/v1/patients/{id}/calendar-feed': () => ({ includeDoses: true }),
  'PATCH /api/v1/organisation': () => ({ phone: '+1 555 010 0100' }),
  'POST /api/v1/me/push-subscriptions': () => ({
    endpoint: `https://fcm.googleapis.com/fcm/send/matrix-${String(++serial)}`,
    keys: { p256dh: PUSH_KEYS.p256dh, auth: PUSH_KEYS.auth },
  }),
  'POST /api/v1/team': () => ({
    name: 'New Member',
    email: `member${String(++serial)}@example.org`,
    password: 'a long enough passphrase',
    role: 'clinician',
  }),
};

/** Bodies that depend on the target's record. */
function bodyForTarget(op: Operation, world: World, target: PatientKey): unknown {
  if (op.key === 'POST /api/v1/patients/{id}/doses') {
    return { medicationId: world.patients[target].medicationId, status: 'taken' };
  }
  return undefined;
}

/** The body to send, and whether it is known to be valid (a sample from the schema alone may not be). */
export function bodyFor(op: Operation, world: World, target: PatientKey): { body: unknown; trusted: boolean } {
  const specific = bodyForTarget(op, world, target);
  if (specific !== undefined) {
    return { body: specific, trusted: true };
  }
  const fixed = BODIES[op.key];
  if (fixed !== undefined) {
    return { body: fixed(), trusted: true };
  }
  return { body: sampleOf(op.body), trusted: op.body === undefined };
}

/** A team member's cookie in the target's organisation, to set things up for a call. */
function teamCookieFor(world: World, target: PatientKey): string {
  const cookie = (target === 'C' ? world.callers.clinician2 : world.callers.admin1).cookie;
  if (cookie === null) {
    throw new Error('fixture: the team member is not signed in');
  }
  return cookie;
}

/**
 * What a call needs made fresh first: an alert not yet acknowledged or resolved, a bundle to import.
 * Returns path parameters and a body that replace the usual ones.
 */
export async function prepare(
  op: Operation,
  world: World,
  target: PatientKey,
  call?: { caller: Caller; expected: unknown },
): Promise<{ params?: Record<string, string>; body?: unknown; cookie?: string }> {
  const { app } = world.t;
  const patientId = world.patients[target].id;
  const cookie = teamCookieFor(world, target);
  switch (op.key) {
    case 'POST /api/v1/me/password':
      // The same password again: the change is real (sessions end, hash renewed) and the caller can still sign in.
      return call === undefined
        ? {}
        : { body: { currentPassword: call.caller.password, newPassword: call.caller.password } };
    case 'DELETE /api/v1/patients/{id}': {
      const body = { password: call?.caller.password ?? 'not the password' };
      if (call?.expected !== 'allowed') {
        return { body };
      }
      // An erasure that should succeed erases a patient made for it, never the world's own.
      const fresh = await enrolWithLogin(app, cookie, `erase${String(++serial)}@example.net`, {
        name: `Erasable ${String(serial)}`,
      });
      return call.caller.role.startsWith('patient')
        ? { params: { id: fresh.patientId }, body: { password: PATIENT_PASSWORD }, cookie: fresh.cookie }
        : { params: { id: fresh.patientId }, body };
    }
    case 'POST /api/v1/alerts/{id}/acknowledge':
    case 'POST /api/v1/alerts/{id}/resolve': {
      const sent = await app.inject({
        method: 'POST',
        url: `/api/v1/patients/${patientId}/check-ins`,
        headers: { cookie },
        payload: { text: 'I cannot breathe' },
      });
      const alert = sent.json<{ alert: { id: string } | null }>().alert;
      if (alert === null) {
        throw new Error(`fixture: no fresh alert: ${sent.body}`);
      }
      return { params: { id: alert.id } };
    }
    case 'POST /api/v1/patients/{id}/close':
      // Closing twice is a conflict: every call closes an open follow-up.
      await app.inject({ method: 'POST', url: `/api/v1/patients/${patientId}/reopen`, headers: { cookie } });
      return {};
    case 'DELETE /api/v1/patients/{id}/allergies/{allergyId}': {
      const made = await app.inject({
        method: 'POST',
        url: `/api/v1/patients/${patientId}/allergies`,
        headers: { cookie },
        payload: { substance: `Latex ${String(++serial)}`, reaction: '' },
      });
      if (made.statusCode !== 201) {
        throw new Error(`could not add an allergy to remove: ${String(made.statusCode)} ${made.body}`);
      }
      return { params: { allergyId: made.json<{ allergy: { id: string } }>().allergy.id } };
    }
    case 'DELETE /api/v1/patients/{id}/caregivers/{caregiverId}': {
      const patient = await world.t.store.getPatient(patientId);
      const carer = await createAccount(
        world.t.store,
        {
          orgId: patient?.orgId ?? '',
          name: 'Removable Carer',
          email: `carer${String(++serial)}@example.net`,
          password: 'a long enough passphrase',
          role: 'caregiver',
          patientId,
        },
        world.t.clock.now(),
      );
      return { params: { caregiverId: carer.id } };
    }
    case 'POST /api/v1/me/notifications/{notificationId}/read': {
      // Allowed: one of the caller's own notifications; otherwise one of someone else's (never to be found).
      const reader = call === undefined ? world.callers.admin1 : call.caller;
      const mine = call === undefined || call.expected === 'allowed';
      const owner = mine && reader.email !== null ? await world.t.store.getUserByEmail(reader.email) : undefined;
      const [made] = await world.t.store.addNotifications([
        {
          id: randomUUID(),
          recipientId: owner?.id ?? world.spareUser.org1,
          patientId: null,
          kind: 'check-in',
          title: 'Time for your check-in',
          body: 'Tell us how you feel today.',
          link: '#/check-in',
          createdAt: world.t.clock.now().toISOString(),
          jobId: null,
        },
      ]);
      return { params: { notificationId: made?.id ?? '' } };
    }
    case 'POST /api/v1/me/passkeys': {
      // A real new passkey of the caller (the admin's when no caller is named), from a software authenticator.
      if (call !== undefined && call.expected !== 'allowed') {
        return {};
      }
      const cookieOfHolder = (call === undefined ? world.callers.admin1 : call.caller).cookie;
      const options = await app.inject({
        method: 'POST',
        url: '/api/v1/me/passkeys/options',
        headers: { cookie: cookieOfHolder ?? '' },
      });
      if (options.statusCode !== 200) {
        return {};
      }
      const { challenge } = options.json<{ options: { challenge: string } }>().options;
      return { body: { response: new SoftAuthenticator(PASSKEY_ORIGIN).register(challenge), label: 'Matrix' } };
    }
    case 'POST /api/v1/auth/passkey': {
      // A passkey of the caller (the admin's when no caller is named, or for the anonymous caller) answering a fresh
      // sign-in challenge: a real sign-in.
      const holder = call === undefined || call.caller.email === null ? world.callers.admin1 : call.caller;
      const owner = await world.t.store.getUserByEmail(holder.email ?? '');
      const device = new SoftAuthenticator(PASSKEY_ORIGIN);
      await world.t.store.addPasskey({
        userId: owner?.id ?? world.spareUser.org1,
        credentialId: Buffer.from(device.credentialId).toString('base64url'),
        publicKey: device.publicKeyCose(),
        counter: 0,
        transports: ['internal'],
        deviceLabel: null,
        createdAt: world.t.clock.now().toISOString(),
      });
      const options = await app.inject({ method: 'POST', url: '/api/v1/auth/passkey/options' });
      const { challenge } = options.json<{ options: { challenge: string } }>().options;
      // Sent without the caller's cookie: a sign-in ends the session it comes with, and later calls still use it.
      return { body: { response: device.authenticate(challenge) }, cookie: '' };
    }
    case 'DELETE /api/v1/me/passkeys/{passkeyId}': {
      // One of the caller's own passkeys (the admin's when no caller is named), made directly in the store.
      const holder = call === undefined ? world.callers.admin1 : call.caller;
      const owner = holder.email === null ? undefined : await world.t.store.getUserByEmail(holder.email);
      const made = await world.t.store.addPasskey({
        userId: owner?.id ?? world.spareUser.org1,
        credentialId: `matrix-passkey-${String(++serial)}`,
        publicKey: 'pQECAyYgASFYIA',
        counter: 0,
        transports: ['internal'],
        deviceLabel: null,
        createdAt: world.t.clock.now().toISOString(),
      });
      return { params: { passkeyId: made.id } };
    }
    case 'POST /api/v1/patients/{id}/import': {
      const exported = await app.inject({ url: `/api/v1/patients/${patientId}/export`, headers: { cookie } });
      return { body: exported.json() };
    }
    default:
      return {};
  }
}
