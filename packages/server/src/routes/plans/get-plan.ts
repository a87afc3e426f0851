/** GET /api/v1/plans/:planId: a care plan as data (structure, triage rules, texts in every language). */
import { z } from 'zod';
import { AftercareError } from '@aftercare/core';
import { getPlan } from '@aftercare/plans';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors } from '../../http/schemas.ts';

export const getPlanRoute: RouteModule = (app) => {
  app.get(
    '/api/v1/plans/:planId',
    {
      config: { access: 'public' },
      schema: {
        tags: ['plans'],
        summary: 'A care plan',
        params: z.object({ planId: z.string().min(1).max(100) }),
        response: { 200: z.looseObject({ id: z.string(), version: z.string() }), ...commonErrors },
      },
    },
    (request) => {
      const plan = getPlan(request.params.planId);
      if (plan === undefined) {
        throw new AftercareError('CARE_ERR_NOT_FOUND', 'There is no care plan with this id.');
      }
      return plan;
    },
  );
};
