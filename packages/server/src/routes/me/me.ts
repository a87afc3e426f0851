/** GET /api/v1/me: the signed-in account. */
import { z } from 'zod';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, MeSchema } from '../../http/schemas.ts';
import { toMe } from '../../services/accounts.ts';
import { AftercareError } from '@aftercare/core';

export const me: RouteModule = (app) => {
  app.get(
    '/api/v1/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in account',
        response: { 200: z.object({ user: MeSchema }), ...commonErrors },
      },
    },
    (request) => {
      if (request.user === null) {
        throw new AftercareError('CARE_ERR_UNAUTHENTICATED');
      }
      return { user: toMe(request.user) };
    },
  );
};
