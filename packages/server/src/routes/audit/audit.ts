/** GET /api/v1/audit (administrators: the organisation's trail, filtered, paged) and GET …/patients/:id/access-log. */
import { z } from 'zod';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, IdParams, IdSchema } from '../../http/schemas.ts';
import { recordPatient, signedInUser } from '../../http/caller.ts';
import { AccessLogEntrySchema, accessLogEntries, AdminAuditEntrySchema, adminEntries } from './audit-views.ts';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const QueryInstant = z
  .string()
  .max(40)
  .refine((value) => ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)), {
    message: 'Use a time like 2026-11-25T12:00:00Z.',
  });
const Limit = z.coerce.number().int('Use a whole number.').min(1).max(500).optional();
const Cursor = z.string().max(80).optional();

export const searchAuditRoute: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/audit',
    {
      config: { access: 'admin', audit: { action: 'audit.read', resource: 'audit' } },
      schema: {
        tags: ['audit'],
        summary: "The organisation's audit trail, newest first (administrators)",
        querystring: z.object({
          actorId: IdSchema.optional(),
          patientId: IdSchema.optional(),
          action: z.string().min(1).max(80).optional(),
          from: QueryInstant.optional(),
          to: QueryInstant.optional(),
          limit: Limit,
          before: Cursor,
        }),
        response: {
          200: z.object({ entries: z.array(AdminAuditEntrySchema), nextBefore: z.string().nullable() }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const admin = signedInUser(request);
      const { actorId, patientId, action, from, to, limit, before } = request.query;
      const page = await deps.store.searchAudit({
        orgId: admin.orgId,
        ...(actorId === undefined ? {} : { actorId }),
        ...(patientId === undefined ? {} : { patientId }),
        ...(action === undefined ? {} : { action }),
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        ...(limit === undefined ? {} : { limit }),
        ...(before === undefined ? {} : { before }),
      });
      return { entries: await adminEntries(deps.store, page.entries, admin.orgId), nextBefore: page.nextBefore };
    },
  );
};

export const accessLogRoute: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/patients/:id/access-log',
    {
      config: { access: 'patient-record', audit: { action: 'patient.access-log.read', resource: 'audit' } },
      schema: {
        tags: ['audit'],
        summary: 'Who looked at or changed this record, when and what (the patient, their caregiver, their team)',
        params: IdParams,
        querystring: z.object({ limit: Limit, before: Cursor }),
        response: {
          200: z.object({ entries: z.array(AccessLogEntrySchema), nextBefore: z.string().nullable() }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const patient = recordPatient(request);
      const { limit, before } = request.query;
      const page = await deps.store.searchAudit({
        patientId: patient.id,
        ...(limit === undefined ? {} : { limit }),
        ...(before === undefined ? {} : { before }),
      });
      return {
        entries: await accessLogEntries(deps.store, page.entries, patient, signedInUser(request)),
        nextBefore: page.nextBefore,
      };
    },
  );
};
