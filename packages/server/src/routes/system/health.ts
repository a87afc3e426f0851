/** GET /healthz (the process is up) and GET /readyz (the database answers). */
import { z } from 'zod';
import { AftercareError } from '@aftercare/core';
import type { RouteModule } from '../../http/types.ts';
import { ErrorSchema } from '../../http/schemas.ts';
import { loggableError } from '../../http/error-handler.ts';

export const health: RouteModule = (app, deps) => {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'The process is up',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'The database is reachable and migrated',
        response: { 200: z.object({ status: z.literal('ready') }), 503: ErrorSchema },
      },
    },
    async (request) => {
      try {
        await deps.store.ping();
      } catch (error) {
        request.log.warn({ error: loggableError(error) }, 'database not ready');
        throw new AftercareError('CARE_ERR_UNAVAILABLE');
      }
      return { status: 'ready' as const };
    },
  );
};
