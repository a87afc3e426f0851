/** Check-ins: the patient says how they are; triage decides; a non-self-care answer raises an alert for the team. */
import { z } from 'zod';
import { CheckInSchema, checkInOfPlan, triage } from '@aftercare/core';
import type { RouteModule } from '../../http/types.ts';
import { AlertSchema, CheckInRecordSchema, commonErrors, IdParams, TriageResultSchema } from '../../http/schemas.ts';
import { recordPatient, signedInUser } from '../../http/caller.ts';
import { noteAudit, writeWithAuditEvent } from '../../http/audit.ts';
import { DEFAULT_PLAN_ID, planOrBadInput } from '../../services/enrol.ts';
import { publishSafely } from '../../events/event-bus.ts';
import { BeforeQuery, CursorQuery, NextCursorSchema, pageOf, readPage } from '../../http/page-cursor.ts';
import type { Page } from '@aftercare/store';

/** A CheckIn (language, text, signs, temperature, pain) plus an optional idempotencyKey for safe retries. */
export const CheckInBodySchema = CheckInSchema.extend({ idempotencyKey: z.string().min(1).max(200).optional() });

export const recordCheckIn: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/patients/:id/check-ins',
    {
      config: { access: 'patient-record', audit: { action: 'check-in.create', resource: 'check-in' } },
      schema: {
        tags: ['check-ins'],
        summary: 'Send a check-in; it is triaged and may raise an alert',
        params: IdParams,
        body: CheckInBodySchema,
        response: {
          200: z.object({ checkIn: CheckInRecordSchema, triage: TriageResultSchema, alert: AlertSchema.nullable() }),
          201: z.object({ checkIn: CheckInRecordSchema, triage: TriageResultSchema, alert: AlertSchema.nullable() }),
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const patient = recordPatient(request);
      const { idempotencyKey, ...payload } = request.body;
      // The plan of the latest enrolment rides on the patient row the access check read: no extra round trip.
      const plan = planOrBadInput(patient.planId ?? DEFAULT_PLAN_ID);
      const checkIn = checkInOfPlan(plan, payload);
      const result = triage(plan, checkIn);
      const record = {
        patientId: patient.id,
        submittedAt: deps.clock.now().toISOString(),
        payload: checkIn,
        triage: result,
        disposition: result.disposition,
        idempotencyKey: idempotencyKey ?? null,
        recordedBy: signedInUser(request).id,
      };
      // The check-in, its alert and its audit event in one commit (a second commit cost SQLite ~40% of its throughput),
      // written in one go by the store (one statement on PostgreSQL); the audit event names the stored check-in.
      const stored = await writeWithAuditEvent(request, deps, (event) => deps.store.recordCheckIn(record, event));
      const answer = {
        checkIn: stored.checkIn,
        triage: stored.checkIn.triage as z.infer<typeof TriageResultSchema>,
        alert: stored.alert,
      };
      if (stored.replayed) {
        // A retried submission (offline queue, flaky network): the stored answer, and no second round of events.
        return reply.code(200).send(answer);
      }
      // Live events for the care team's open dashboards: ids only.
      const event = {
        orgId: patient.orgId,
        patientId: patient.id,
        checkInId: stored.checkIn.id,
        at: stored.checkIn.submittedAt,
      };
      await publishSafely(deps.events, { ...event, type: 'check-in.created', alertId: null }, request.log);
      if (stored.alert !== null) {
        await publishSafely(deps.events, { ...event, type: 'alert.created', alertId: stored.alert.id }, request.log);
        request.log.info(
          { patientId: patient.id, alertId: stored.alert.id, level: stored.alert.level },
          'alert raised',
        );
      }
      return reply.code(201).send(answer);
    },
  );
};

export const listCheckIns: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/patients/:id/check-ins',
    {
      config: { access: 'patient-record', audit: { action: 'check-in.list', resource: 'check-in' } },
      schema: {
        tags: ['check-ins'],
        summary: "The patient's check-ins, newest first (then by id), a page at a time",
        params: IdParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(1000).optional(),
          cursor: CursorQuery,
          before: BeforeQuery,
        }),
        response: {
          200: z.object({ checkIns: z.array(CheckInRecordSchema), nextCursor: NextCursorSchema }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      noteAudit(request, { resourceId: null });
      const patientId = recordPatient(request).id;
      const limit = request.query.limit ?? 200;
      const list = (page: Page) => deps.store.listCheckIns(patientId, page);
      const { rows, nextCursor } = await readPage(list, pageOf(request.query, limit), (row) => row.submittedAt);
      return { checkIns: rows, nextCursor };
    },
  );
};
