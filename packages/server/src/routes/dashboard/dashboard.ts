/** GET /api/v1/dashboard: the organisation's patients ordered by need, with search, a need filter and paging. */
import { z } from 'zod';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, InstantSchema } from '../../http/schemas.ts';
import { signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';
import { loadDashboard } from '../../services/dashboard.ts';

const NeedSchema = z.enum(['emergency', 'contact-provider', 'quiet', 'ok']);

const DashboardRowSchema = z.object({
  patient: z.object({
    id: z.string(),
    name: z.string(),
    procedureDate: z.string(),
    timeZone: z.string(),
    language: z.string(),
    country: z.string(),
  }),
  planId: z.string().nullable(),
  need: NeedSchema,
  day: z.number().int(),
  lastCheckInAt: InstantSchema.nullable(),
  quietSince: InstantSchema.nullable(),
  alerts: z.object({
    emergency: z.number().int(),
    contactProvider: z.number().int(),
    unacknowledged: z.number().int(),
    escalated: z.number().int(),
  }),
  pain: z.object({ latest: z.number().nullable(), trend: z.array(z.number()) }),
  temperature: z.object({
    latest: z.object({ value: z.number(), unit: z.enum(['C', 'F']) }).nullable(),
    trend: z.array(z.number()).describe('°C, oldest first'),
  }),
  doses: z.object({ taken: z.number().int(), skipped: z.number().int(), adherence: z.number().nullable() }),
  openQuestions: z.number().int(),
  unreadMessages: z.number().int().describe("Messages from the patient's side the caller has not read"),
});

export const dashboard: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/dashboard',
    {
      config: { access: 'team', audit: { action: 'dashboard.read', resource: 'patient' } },
      schema: {
        tags: ['dashboard'],
        summary:
          'Patients by need: open emergency alerts, contact-provider alerts, quiet for longer than the plan allows, then the rest by day of recovery',
        querystring: z.object({
          search: z.string().trim().max(200).optional(),
          need: NeedSchema.optional(),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
          offset: z.coerce.number().int().min(0).optional(),
          closed: z
            .enum(['true', 'false'])
            .optional()
            .describe('true: only patients whose follow-up is closed (left out by default)'),
        }),
        response: {
          200: z.object({
            rows: z.array(DashboardRowSchema),
            counts: z.object({
              emergency: z.number().int(),
              'contact-provider': z.number().int(),
              quiet: z.number().int(),
              ok: z.number().int(),
            }),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      noteAudit(request, { patientId: null, resourceId: null });
      const { search, need, limit, offset, closed } = request.query;
      const user = signedInUser(request);
      return loadDashboard(deps.store, user.orgId, deps.clock.now(), {
        search,
        need,
        limit: limit ?? 200,
        offset,
        closed: closed === 'true',
        readerId: user.id,
      });
    },
  );
};
