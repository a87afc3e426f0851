/** POST /api/v1/me/password (change it, ending the other sessions) and POST /api/v1/auth/sign-out-everywhere. */
import { z } from 'zod';
import { AftercareError } from '@aftercare/core';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, PasswordSchema } from '../../http/schemas.ts';
import { signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';
import { assertPasswordAllowed, hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { accountKey, assertMayTrySignIn, noteFailedSignIn, noteSignIn } from '../../auth/login-throttle.ts';
import { endSession } from '../../auth/sessions.ts';

export const changePassword: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/me/password',
    {
      config: { access: 'signed-in', audit: { action: 'account.password.change', resource: 'account' } },
      schema: {
        tags: ['account'],
        summary: 'Change your password (your other sessions end; this one stays)',
        body: z.object({
          currentPassword: PasswordSchema,
          newPassword: PasswordSchema,
        }),
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      const { currentPassword, newPassword } = request.body;
      // Guessing the current password here counts like guessing it at sign-in.
      const key = accountKey(user.email);
      await assertMayTrySignIn(deps, reply, key);
      if (!(await verifyPassword(user.passwordHash, currentPassword))) {
        await noteFailedSignIn(deps, key);
        const message = 'Your current password is not right.';
        throw new AftercareError('CARE_ERR_BAD_INPUT', message, [{ path: 'currentPassword', message }]);
      }
      await noteSignIn(deps, key);
      assertPasswordAllowed(newPassword, [user.email, user.email.split('@')[0] ?? '', user.name], 'newPassword');
      await deps.store.setUserPassword(user.id, await hashPassword(newPassword));
      if (request.sessionHash !== null) {
        await deps.store.deleteOtherSessions(user.id, request.sessionHash);
      }
      noteAudit(request, { resourceId: user.id, patientId: null });
      return reply.code(204).send(null);
    },
  );
};

export const signOutEverywhere: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/auth/sign-out-everywhere',
    {
      config: { access: 'signed-in', audit: { action: 'session.end-all', resource: 'session' } },
      schema: {
        tags: ['auth'],
        summary: 'End every session of your account, on every device (this one too)',
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      await deps.store.deleteSessionsOfUser(user.id);
      noteAudit(request, { actorId: user.id, resourceId: user.id, patientId: null });
      await endSession(deps, request, reply);
      return reply.code(204).send(null);
    },
  );
};
