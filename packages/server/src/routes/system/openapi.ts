/** GET /api/openapi.json: the OpenAPI 3.1 document of every route, generated from the routes' Zod schemas. */
import { z } from 'zod';
import type { RouteModule } from '../../http/types.ts';

export const openapi: RouteModule = (app) => {
  app.get(
    '/api/openapi.json',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'This API described in OpenAPI 3.1',
        response: { 200: z.looseObject({ openapi: z.string() }) },
      },
    },
    () => app.swagger() as unknown as { openapi: string },
  );
};
