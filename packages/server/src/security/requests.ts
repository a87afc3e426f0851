/** Valid requests for the walls: path parameters that point into a patient's record, and a valid body per write route. */
import type { World, PatientKey } from './fixture.ts';
import { sampleOf, type Operation } from './catalogue.ts';
import { ADMIN, PATIENT_INPUT } from '../testing/test-app.ts';

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
      default:
        // A parameter added later: most routes hang off a patient, so its id is the likeliest meaning.
        values[name] = record.id;
    }
  }
  return values;
}

/** Path parameters that are not about whose record it is: such routes answer the same for "own" and "other". */
const NEUTRAL_PARAMS = new Set(['planId', 'type', 'operation', 'version']);

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
  'PATCH /api/v1/patients/{id}/questions/{qid}': () => ({ asked: true }),
  'POST /api/v1/patients/{id}/check-ins': () => ({ text: 'I feel fine today' }),
  'POST /api/v1/patients/{id}/messages': () => ({ body: 'Hello' }),
  'POST /api/v1/alerts/{id}/acknowledge': () => ({ note: 'Called back' }),
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
): Promise<{ params?: Record<string, string>; body?: unknown }> {
  const { app } = world.t;
  const patientId = world.patients[target].id;
  const cookie = teamCookieFor(world, target);
  switch (op.key) {
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
    case 'POST /api/v1/patients/{id}/import': {
      const exported = await app.inject({ url: `/api/v1/patients/${patientId}/export`, headers: { cookie } });
      return { body: exported.json() };
    }
    default:
      return {};
  }
}
