/** Recovery milestones the patient checks off ("I feel fully recovered", back at work…): list, add once, take back. */
import { z } from 'zod';
import { AftercareError, localDateOf } from '@aftercare/core';
import type { MilestoneKind } from '@aftercare/store';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, IdSchema, IdParams, InstantSchema, LocalDateSchema } from '../../http/schemas.ts';
import { recordPatient, signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';

export const MILESTONE_KINDS = [
  'feels-recovered',
  'returned-to-work',
  'back-to-normal-activities',
] as const satisfies readonly MilestoneKind[];

const MilestoneKindSchema = z.enum(MILESTONE_KINDS);

export const MilestoneSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  kind: MilestoneKindSchema,
  reachedOn: z.string(),
  recordedAt: InstantSchema,
  recordedBy: z.string(),
});

export const listMilestones: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/patients/:id/milestones',
    {
      config: { access: 'patient-record', audit: { action: 'milestone.list', resource: 'milestone' } },
      schema: {
        tags: ['milestones'],
        summary: 'The recovery milestones the patient checked off, oldest first',
        params: IdParams,
        response: { 200: z.object({ milestones: z.array(MilestoneSchema) }), ...commonErrors },
      },
    },
    async (request) => {
      noteAudit(request, { resourceId: null });
      return { milestones: await deps.store.listMilestones(recordPatient(request).id) };
    },
  );
};

export const addMilestone: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/patients/:id/milestones',
    {
      config: { access: 'patient-record', audit: { action: 'milestone.create', resource: 'milestone' } },
      schema: {
        tags: ['milestones'],
        summary: 'Check off a milestone (once per kind: again answers 200 with the first)',
        params: IdParams,
        body: z.object({ kind: MilestoneKindSchema, reachedOn: LocalDateSchema.optional() }),
        response: {
          200: z.object({ milestone: MilestoneSchema }),
          201: z.object({ milestone: MilestoneSchema }),
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const patient = recordPatient(request);
      const now = deps.clock.now();
      const today = localDateOf(now, patient.timeZone);
      const reachedOn = request.body.reachedOn ?? today;
      if (reachedOn > today) {
        throw new AftercareError('CARE_ERR_BAD_INPUT', 'This day is still to come: check it off on the day.', [
          { path: 'reachedOn', message: 'Pick today or a day before.' },
        ]);
      }
      if (reachedOn < patient.procedureDate) {
        throw new AftercareError('CARE_ERR_BAD_INPUT', 'This day is before the procedure: pick a later day.', [
          { path: 'reachedOn', message: `Pick ${patient.procedureDate} or later.` },
        ]);
      }
      const { milestone, created } = await deps.store.addMilestone({
        patientId: patient.id,
        kind: request.body.kind,
        reachedOn,
        recordedAt: now.toISOString(),
        recordedBy: signedInUser(request).id,
      });
      noteAudit(request, { resourceId: milestone.id });
      return reply.code(created ? 201 : 200).send({ milestone });
    },
  );
};

export const removeMilestone: RouteModule = (app, deps) => {
  app.delete(
    '/api/v1/patients/:id/milestones/:kind',
    {
      config: { access: 'patient-record', audit: { action: 'milestone.delete', resource: 'milestone' } },
      schema: {
        tags: ['milestones'],
        summary: 'Take a check-off back (done twice, the second does nothing)',
        params: z.object({ id: IdSchema, kind: MilestoneKindSchema }),
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (request, reply) => {
      await deps.store.removeMilestone(recordPatient(request).id, request.params.kind);
      noteAudit(request, { resourceId: null });
      return reply.code(204).send(null);
    },
  );
};
