/** POST /api/v1/auth/logout: ends the session and clears the cookie. */
import { z } from 'zod';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors } from '../../http/schemas.ts';
import { endSession } from '../../auth/sessions.ts';

export const logout: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null(), ...commonErrors } },
    },
    async (request, reply) => {
      await endSession(deps, request, reply);
      return reply.code(204).send(null);
    },
  );
};
