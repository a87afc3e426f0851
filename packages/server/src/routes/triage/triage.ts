/** POST /api/v1/triage: stateless triage of a check-in against a plan (stores nothing; rate limited). */
import { z } from 'zod';
import { AftercareError, CheckInSchema, checkInOfPlan, triage } from '@aftercare/core';
import { getPlan } from '@aftercare/plans';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, TriageResultSchema } from '../../http/schemas.ts';
import { DEFAULT_PLAN_ID } from '../../services/enrol.ts';

export const triageRoute: RouteModule = (app) => {
  app.post(
    '/api/v1/triage',
    {
      config: { access: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['triage'],
        summary: 'Triage a check-in (nothing is stored)',
        querystring: z.object({ plan: z.string().min(1).max(100).optional() }),
        body: CheckInSchema,
        response: { 200: TriageResultSchema, ...commonErrors },
      },
    },
    (request) => {
      const plan = getPlan(request.query.plan ?? DEFAULT_PLAN_ID);
      if (plan === undefined) {
        throw new AftercareError('CARE_ERR_BAD_INPUT', 'There is no care plan with this id.', [
          { path: 'plan', message: 'Unknown care plan.' },
        ]);
      }
      return triage(plan, checkInOfPlan(plan, request.body));
    },
  );
};
