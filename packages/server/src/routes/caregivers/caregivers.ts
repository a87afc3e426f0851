/** A patient's caregiver: invite one (link, code, QR code), see who it is, and remove them. Caregivers only read. */
import { z } from 'zod';
import { AftercareError } from '@aftercare/core';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, IdSchema, IdParams, InstantSchema } from '../../http/schemas.ts';
import { recordPatient, signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';
import { inviteAnswer, issueInvite } from '../../services/invites.ts';
import { InviteAnswerSchema, siteOrigin } from '../invites/invites.ts';

const CaregiverSchema = z.object({ id: z.string(), name: z.string(), email: z.string(), createdAt: InstantSchema });

export const createCaregiverInvite: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/patients/:id/caregiver-invites',
    {
      config: { access: 'patient-record', audit: { action: 'caregiver-invite.create', resource: 'invite' } },
      schema: {
        tags: ['caregivers'],
        summary:
          'Invite a caregiver who can see the plan and check-ins but change nothing (older caregiver invites stop working)',
        params: IdParams,
        response: { 201: z.object({ invite: InviteAnswerSchema }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      const patient = recordPatient(request);
      const now = deps.clock.now();
      const issued = await deps.store.transaction((tx) =>
        issueInvite(tx, patient.id, user.id, now, deps.config.inviteDays, 'caregiver'),
      );
      noteAudit(request, { resourceId: issued.invite.id });
      return reply.code(201).send({ invite: await inviteAnswer(issued, siteOrigin(deps, request)) });
    },
  );
};

export const listCaregivers: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/patients/:id/caregivers',
    {
      config: { access: 'patient-record', audit: { action: 'caregiver.list', resource: 'user' } },
      schema: {
        tags: ['caregivers'],
        summary: "The patient's caregivers",
        params: IdParams,
        response: { 200: z.object({ caregivers: z.array(CaregiverSchema) }), ...commonErrors },
      },
    },
    async (request) => {
      const caregivers = await deps.store.listCaregivers(recordPatient(request).id);
      noteAudit(request, { resourceId: null });
      return {
        caregivers: caregivers.map((c) => ({ id: c.id, name: c.name, email: c.email, createdAt: c.createdAt })),
      };
    },
  );
};

export const removeCaregiver: RouteModule = (app, deps) => {
  app.delete(
    '/api/v1/patients/:id/caregivers/:caregiverId',
    {
      config: { access: 'patient-record', audit: { action: 'caregiver.remove', resource: 'user' } },
      schema: {
        tags: ['caregivers'],
        summary: 'Remove a caregiver: their account stops working at once',
        params: z.object({ id: IdSchema, caregiverId: IdSchema }),
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const patient = recordPatient(request);
      const caregivers = await deps.store.listCaregivers(patient.id);
      const caregiver = caregivers.find((c) => c.id === request.params.caregiverId);
      if (caregiver === undefined) {
        throw new AftercareError('CARE_ERR_NOT_FOUND', 'We could not find that caregiver.');
      }
      await deps.store.transaction(async (tx) => {
        await tx.setUserDisabled(caregiver.id, deps.clock.now().toISOString());
        await tx.deleteSessionsOfUser(caregiver.id);
      });
      noteAudit(request, { resourceId: caregiver.id });
      return reply.code(204).send(null);
    },
  );
};
