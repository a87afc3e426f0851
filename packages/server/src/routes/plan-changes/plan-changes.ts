/** The patient's "plan changes" feed: what the care team changed, when and by whom; and marking it seen. */
import { z } from 'zod';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, IdParams, InstantSchema, RoleSchema } from '../../http/schemas.ts';
import { recordPatient, signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';

/** How many changes the feed shows (newest first). */
const FEED_LENGTH = 100;

export const PlanChangeSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  at: InstantSchema,
  kind: z.enum([
    'medicine-added',
    'medicine-changed',
    'medicine-stopped',
    'allergy-added',
    'allergy-removed',
    'visit-added',
    'visit-changed',
    'visit-cancelled',
    'return-to-work-changed',
    'follow-up-closed',
    'follow-up-reopened',
  ]),
  subjectId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  by: z.object({ id: z.string(), name: z.string(), role: RoleSchema }),
  unseen: z.boolean().describe('Made after the caller last marked the feed seen'),
});

export const listPlanChanges: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/patients/:id/plan-changes',
    {
      config: { access: 'patient-record', audit: { action: 'plan-change.list', resource: 'plan-change' } },
      schema: {
        tags: ['plan-changes'],
        summary: "What the care team changed in the patient's plan, newest first, and how many the caller has not seen",
        params: IdParams,
        response: {
          200: z.object({ changes: z.array(PlanChangeSchema), unseen: z.number().int() }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const user = signedInUser(request);
      const patient = recordPatient(request);
      const [changes, seenAt] = await Promise.all([
        deps.store.listPlanChanges(patient.id, { limit: FEED_LENGTH }),
        deps.store.getReadMark(user.id, patient.id, 'plan-changes'),
      ]);
      const people = new Map(
        (await deps.store.getUsers(changes.map((c) => c.changedBy)))
          .filter((person) => person.orgId === patient.orgId)
          .map((person) => [person.id, person]),
      );
      const rows = changes.map((change) => {
        const person = people.get(change.changedBy);
        return {
          ...change,
          by: { id: change.changedBy, name: person?.name ?? '', role: person?.role ?? 'clinician' },
          unseen: change.changedBy !== user.id && (seenAt === undefined || change.at > seenAt),
        };
      });
      noteAudit(request, { resourceId: null });
      return { changes: rows, unseen: rows.filter((row) => row.unseen).length };
    },
  );
};

export const markPlanChangesSeen: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/patients/:id/plan-changes/seen',
    {
      // Marks only the caller's own reading: a caregiver may do it too.
      config: { access: 'patient-record', caregiverMayWrite: true },
      schema: {
        tags: ['plan-changes'],
        summary: 'Mark every plan change seen by the caller ("Got it")',
        params: IdParams,
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      await deps.store.markRead(user.id, recordPatient(request).id, 'plan-changes', deps.clock.now().toISOString());
      return reply.code(204).send(null);
    },
  );
};
