/** Messages between the patient and their care team: list (with the caller's unread count), send, mark read. */
import { z } from 'zod';
import type { Role, User } from '@aftercare/store';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, IdParams, MessageSchema } from '../../http/schemas.ts';
import { recordPatient, signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';
import { isTeam } from '../../http/access.ts';
import { publishSafely } from '../../events/event-bus.ts';

const TEAM_ROLES: Role[] = ['admin', 'clinician'];
const PATIENT_SIDE: Role[] = ['patient', 'caregiver'];

/** Whose messages a reader has to read: the team reads the patient's side, the patient's side reads the team. */
export function otherSideOf(reader: User): Role[] {
  return isTeam(reader) ? PATIENT_SIDE : TEAM_ROLES;
}

export const listMessages: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/patients/:id/messages',
    {
      config: { access: 'patient-record', audit: { action: 'message.list', resource: 'message' } },
      schema: {
        tags: ['messages'],
        summary: 'Messages about this patient, newest first, and how many the caller has not read',
        params: IdParams,
        response: {
          200: z.object({ messages: z.array(MessageSchema), unread: z.number().int() }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const user = signedInUser(request);
      const patient = recordPatient(request);
      const [messages, unread] = await Promise.all([
        deps.store.listMessages(patient.id, { limit: 500 }),
        deps.store.countUnreadMessages(user.id, [patient.id], otherSideOf(user)),
      ]);
      noteAudit(request, { resourceId: null });
      return { messages, unread: unread[0]?.unread ?? 0 };
    },
  );
};

export const sendMessage: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/patients/:id/messages',
    {
      config: { access: 'patient-record', audit: { action: 'message.create', resource: 'message' } },
      schema: {
        tags: ['messages'],
        summary: 'Send a message (not for emergencies)',
        params: IdParams,
        body: z.object({ body: z.string().trim().min(1, 'Write a message.').max(5000) }),
        response: { 201: z.object({ message: MessageSchema }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      const patient = recordPatient(request);
      const at = deps.clock.now().toISOString();
      const message = await deps.store.addMessage({
        patientId: patient.id,
        authorId: user.id,
        body: request.body.body,
        createdAt: at,
      });
      // Writing is reading: what came before one's own reply is not unread any more.
      await deps.store.markRead(user.id, patient.id, 'messages', at);
      noteAudit(request, { resourceId: message.id });
      if (!isTeam(user)) {
        await publishSafely(
          deps.events,
          { type: 'message.created', orgId: patient.orgId, patientId: patient.id, alertId: null, checkInId: null, at },
          request.log,
        );
      }
      return reply.code(201).send({ message });
    },
  );
};

export const markMessagesRead: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/patients/:id/messages/read',
    {
      // Marks only the caller's own reading: a caregiver may do it too.
      config: { access: 'patient-record', caregiverMayWrite: true },
      schema: {
        tags: ['messages'],
        summary: 'Mark the thread read for the caller',
        params: IdParams,
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      await deps.store.markRead(user.id, recordPatient(request).id, 'messages', deps.clock.now().toISOString());
      return reply.code(204).send(null);
    },
  );
};
