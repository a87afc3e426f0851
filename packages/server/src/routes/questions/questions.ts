/** The patient's questions for their visits: list, add, and mark asked / answered. */
import { z } from 'zod';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, IdSchema, IdParams, QuestionSchema } from '../../http/schemas.ts';
import { recordPatient } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';
import { ownedBy } from '../../http/owned.ts';

const QuestionText = z.string().trim().min(1, 'Write your question.').max(2000);

export const listQuestions: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/patients/:id/questions',
    {
      config: { access: 'patient-record', audit: { action: 'question.list', resource: 'question' } },
      schema: {
        tags: ['questions'],
        summary: "The patient's questions",
        params: IdParams,
        response: { 200: z.object({ questions: z.array(QuestionSchema) }), ...commonErrors },
      },
    },
    async (request) => {
      noteAudit(request, { resourceId: null });
      return { questions: await deps.store.listQuestions(recordPatient(request).id) };
    },
  );
};

export const addQuestion: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/patients/:id/questions',
    {
      config: { access: 'patient-record', audit: { action: 'question.create', resource: 'question' } },
      schema: {
        tags: ['questions'],
        summary: 'Add a question',
        params: IdParams,
        body: z.object({ text: QuestionText, appointmentId: IdSchema.nullish() }),
        response: { 201: z.object({ question: QuestionSchema }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const patient = recordPatient(request);
      const appointmentId = request.body.appointmentId ?? null;
      if (appointmentId !== null) {
        await ownedBy(patient.id, appointmentId, (id) => deps.store.getAppointment(id), 'visit');
      }
      const question = await deps.store.addQuestion({
        patientId: patient.id,
        appointmentId,
        text: request.body.text,
        createdAt: deps.clock.now().toISOString(),
      });
      noteAudit(request, { resourceId: question.id });
      return reply.code(201).send({ question });
    },
  );
};

export const updateQuestion: RouteModule = (app, deps) => {
  app.patch(
    '/api/v1/patients/:id/questions/:qid',
    {
      config: { access: 'patient-record', audit: { action: 'question.update', resource: 'question' } },
      schema: {
        tags: ['questions'],
        summary: 'Mark a question asked, write its answer, or change it',
        params: z.object({ id: IdSchema, qid: IdSchema }),
        body: z.object({
          asked: z.boolean().optional(),
          answer: z.string().trim().max(5000).nullish(),
          text: QuestionText.optional(),
        }),
        response: { 200: z.object({ question: QuestionSchema }), ...commonErrors },
      },
    },
    async (request) => {
      const patient = recordPatient(request);
      const existing = await ownedBy(patient.id, request.params.qid, (id) => deps.store.getQuestion(id), 'question');
      const { asked, answer, text } = request.body;
      const changes: Parameters<typeof deps.store.updateQuestion>[1] = {};
      if (asked !== undefined) {
        changes.askedAt = asked ? (existing.askedAt ?? deps.clock.now().toISOString()) : null;
      }
      if (answer !== undefined) {
        changes.answer = answer === null || answer === '' ? null : answer;
      }
      if (text !== undefined) {
        changes.text = text;
      }
      return { question: await deps.store.updateQuestion(existing.id, changes) };
    },
  );
};
