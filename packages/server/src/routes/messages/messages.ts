/** Messages between the patient and their care team: list and send. */
import { z } from 'zod';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, IdParams, MessageSchema } from '../../http/schemas.ts';
import { recordPatient, signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';

export const listMessages: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/patients/:id/messages',
    {
      config: { access: 'patient-record', audit: { action: 'message.list', resource: 'message' } },
      schema: {
        tags: ['messages'],
        summary: 'Messages about this patient, newest first',
        params: IdParams,
        response: { 200: z.object({ messages: z.array(MessageSchema) }), ...commonErrors },
      },
    },
    async (request) => {
      noteAudit(request, { resourceId: null });
      return { messages: await deps.store.listMessages(recordPatient(request).id, { limit: 500 }) };
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
        summary: 'Send a message',
        params: IdParams,
        body: z.object({ body: z.string().trim().min(1, 'Write a message.').max(5000) }),
        response: { 201: z.object({ message: MessageSchema }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const message = await deps.store.addMessage({
        patientId: recordPatient(request).id,
        authorId: signedInUser(request).id,
        body: request.body.body,
        createdAt: deps.clock.now().toISOString(),
      });
      noteAudit(request, { resourceId: message.id });
      return reply.code(201).send({ message });
    },
  );
};
