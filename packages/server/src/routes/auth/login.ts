/** POST /api/v1/auth/login: e-mail and password → a new session (limited per address and per account; one message for every failure). */
import { z } from 'zod';
import { AftercareError } from '@aftercare/core';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, MeSchema } from '../../http/schemas.ts';
import { verifyAgainstNothing, verifyPassword } from '../../auth/passwords.ts';
import { startSession } from '../../auth/sessions.ts';
import { accountKey, assertMayTrySignIn, noteFailedSignIn, noteSignIn } from '../../auth/login-throttle.ts';
import { toMe } from '../../services/accounts.ts';
import { noteAudit } from '../../http/audit.ts';

export const login: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/auth/login',
    {
      config: {
        access: 'public',
        audit: { action: 'session.create', resource: 'session' },
        rateLimit: { max: deps.config.loginRateLimit, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in',
        body: z.object({
          email: z.string().trim().min(1, 'Enter your e-mail.').max(254),
          password: z.string().min(1, 'Enter your password.').max(1024),
        }),
        response: { 200: z.object({ user: MeSchema }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const key = accountKey(email);
      await assertMayTrySignIn(deps, reply, key);
      const user = await deps.store.getUserByEmail(email.toLowerCase());
      const ok =
        user === undefined ? await verifyAgainstNothing(password) : await verifyPassword(user.passwordHash, password);
      if (user === undefined || !ok || user.disabledAt !== null) {
        await noteFailedSignIn(deps, key);
        throw new AftercareError('CARE_ERR_BAD_CREDENTIALS');
      }
      await noteSignIn(deps, key);
      await startSession(deps, request, reply, user);
      noteAudit(request, { actorId: user.id, patientId: user.patientId, resourceId: user.id });
      return { user: toMe(user) };
    },
  );
};
