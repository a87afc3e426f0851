/** GET /api/v1/plans/:planId/fhir: a care plan as a FHIR R4 PlanDefinition (?language=en|es). */
import { z } from 'zod';
import { AftercareError, planToPlanDefinition } from '@aftercare/core';
import { getPlan } from '@aftercare/plans';
import type { RouteModule } from '../../http/types.ts';
import { LanguageSchema } from '../../http/schemas.ts';
import { FHIR_JSON } from './fhir-json.ts';

export const planDefinitionRoute: RouteModule = (app) => {
  app.get(
    '/api/v1/plans/:planId/fhir',
    {
      config: { access: 'public' },
      schema: {
        tags: ['plans', 'fhir'],
        summary: 'A care plan as a FHIR R4 PlanDefinition (application/fhir+json)',
        params: z.object({ planId: z.string().min(1).max(100) }),
        querystring: z.object({ language: LanguageSchema.default('en') }),
      },
    },
    (request, reply) => {
      const plan = getPlan(request.params.planId);
      if (plan === undefined) {
        throw new AftercareError('CARE_ERR_NOT_FOUND', 'There is no care plan with this id.');
      }
      return reply.type(FHIR_JSON).send(JSON.stringify(planToPlanDefinition(plan, request.query.language)));
    },
  );
};
