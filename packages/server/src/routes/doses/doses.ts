/** The patient's dose log: record a dose taken or skipped (idempotent with a key), list doses. */
import { z } from 'zod';
import { AftercareError } from '@aftercare/core';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, DoseSchema, IdSchema, IdParams } from '../../http/schemas.ts';
import { recordPatient, signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';
import { ownedBy } from '../../http/owned.ts';
import { BeforeQuery, CursorQuery, NextCursorSchema, pageOf, readPage } from '../../http/page-cursor.ts';
import type { Page } from '@aftercare/store';

const Instant = z.iso.datetime({ offset: true, message: 'Use a date and time like 2026-11-25T08:00:00Z.' });

export const recordDose: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/patients/:id/doses',
    {
      config: { access: 'patient-record', audit: { action: 'dose.create', resource: 'dose' } },
      schema: {
        tags: ['doses'],
        summary: 'Record a dose taken or skipped',
        params: IdParams,
        body: z.object({
          medicationId: IdSchema,
          medicationVersion: z.number().int().positive().optional(),
          scheduledFor: Instant.nullish(),
          status: z.enum(['taken', 'skipped']),
          at: Instant.optional(),
          idempotencyKey: z.string().min(1).max(200).optional(),
        }),
        response: { 201: z.object({ dose: DoseSchema }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const patient = recordPatient(request);
      const body = request.body;
      const history = await ownedBy(
        patient.id,
        body.medicationId,
        async (id) => {
          const versions = await deps.store.medicationHistory(id);
          const last = versions.at(-1);
          return last === undefined ? undefined : { patientId: last.patientId, versions };
        },
        'medicine',
      );
      const version = body.medicationVersion ?? history.versions.at(-1)?.version ?? 1;
      if (!history.versions.some((v) => v.version === version)) {
        throw new AftercareError('CARE_ERR_BAD_INPUT', 'This medicine has no such version.', [
          { path: 'medicationVersion', message: 'No such version of this medicine.' },
        ]);
      }
      const dose = await deps.store.recordDose({
        patientId: patient.id,
        medicationId: body.medicationId,
        medicationVersion: version,
        scheduledFor:
          body.scheduledFor === undefined || body.scheduledFor === null
            ? null
            : new Date(body.scheduledFor).toISOString(),
        status: body.status,
        at: body.at === undefined ? deps.clock.now().toISOString() : new Date(body.at).toISOString(),
        idempotencyKey: body.idempotencyKey ?? null,
        recordedBy: signedInUser(request).id,
      });
      noteAudit(request, { resourceId: dose.id });
      return reply.code(201).send({ dose });
    },
  );
};

export const listDoses: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/patients/:id/doses',
    {
      config: { access: 'patient-record', audit: { action: 'dose.list', resource: 'dose' } },
      schema: {
        tags: ['doses'],
        summary: "The patient's dose log, newest first (then by id), a page at a time",
        params: IdParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(1000).optional(),
          cursor: CursorQuery,
          before: BeforeQuery,
        }),
        response: { 200: z.object({ doses: z.array(DoseSchema), nextCursor: NextCursorSchema }), ...commonErrors },
      },
    },
    async (request) => {
      const patient = recordPatient(request);
      noteAudit(request, { resourceId: null });
      const limit = request.query.limit ?? 500;
      const list = (page: Page) => deps.store.listDoses(patient.id, page);
      const { rows, nextCursor } = await readPage(list, pageOf(request.query, limit), (row) => row.at);
      return { doses: rows, nextCursor };
    },
  );
};
