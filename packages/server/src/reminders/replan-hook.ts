/**
 * Plans a patient's reminders again as soon as something they depend on changes through the API: medicines,
 * visits, preferences (the time zone), reminder settings, a closed or reopened follow-up. The runner's periodic
 * planning catches every other change (an import, a direct edit) within `reminderReplanMinutes`.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../http/types.ts';
import { planPatient } from './planner.ts';

/** The routes whose successful writes change what is reminded, by their route pattern. */
const CHANGES_REMINDERS =
  /^\/api\/v1\/patients\/:id\/(medications|appointments|preferences|reminder-settings|close|reopen|enrolment|import)(\/|$)/;

export function replanOnChanges(app: FastifyInstance, deps: ServerDeps): void {
  // onSend is awaited before the answer leaves: the new plan is in place when the caller hears "done".
  app.addHook('onSend', async (request, reply, payload) => {
    const patient = request.patient;
    if (
      patient === null ||
      request.method === 'GET' ||
      reply.statusCode >= 400 ||
      !CHANGES_REMINDERS.test(request.routeOptions.url ?? '')
    ) {
      return payload;
    }
    try {
      await planPatient(deps, patient.id);
    } catch (error) {
      // The change itself is stored; the runner plans this patient again later.
      request.log.warn(
        { patientId: patient.id, error: error instanceof Error ? error.name : 'unknown' },
        'planning reminders after a change failed',
      );
    }
    return payload;
  });
}
