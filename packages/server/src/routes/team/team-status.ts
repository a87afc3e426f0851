/** An administrator disables or enables an account of the organisation; disabling ends its sessions at once. */
import { z } from 'zod';
import { AftercareError } from '@aftercare/core';
import type { User } from '@aftercare/store';
import type { FastifyRequest } from 'fastify';
import type { RouteModule, ServerDeps } from '../../http/types.ts';
import { commonErrors, IdSchema, UserSummarySchema } from '../../http/schemas.ts';
import { signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';
import { isId } from '../../http/ids.ts';
import { toMe } from '../../services/accounts.ts';

/** The account, when it belongs to the admin's organisation and is not the admin's own; otherwise 404 or 409. */
async function otherAccountOfMyOrg(deps: ServerDeps, request: FastifyRequest, userId: string): Promise<User> {
  const admin = signedInUser(request);
  const user = isId(userId) ? await deps.store.getUser(userId) : undefined;
  if (user?.orgId !== admin.orgId) {
    throw new AftercareError('CARE_ERR_NOT_FOUND', 'We could not find that account.');
  }
  if (user.id === admin.id) {
    throw new AftercareError(
      'CARE_ERR_CONFLICT',
      'You cannot disable or enable your own account: ask another administrator.',
    );
  }
  noteAudit(request, { patientId: user.patientId, resourceId: user.id });
  return user;
}

function summary(user: User) {
  return { ...toMe(user), disabledAt: user.disabledAt, createdAt: user.createdAt };
}

const schema = (summaryText: string) => ({
  tags: ['team'],
  summary: summaryText,
  params: z.object({ userId: IdSchema }),
  response: { 200: z.object({ user: UserSummarySchema }), ...commonErrors },
});

export const disableAccount: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/team/:userId/disable',
    {
      config: { access: 'admin', audit: { action: 'user.disable', resource: 'user' } },
      schema: schema('Disable an account: it cannot sign in, and its sessions end now'),
    },
    async (request) => {
      const user = await otherAccountOfMyOrg(deps, request, request.params.userId);
      const at = user.disabledAt ?? deps.clock.now().toISOString();
      // Both or neither: a disabled account with a live session would still be signed in.
      await deps.store.transaction(async (tx) => {
        await tx.setUserDisabled(user.id, at);
        await tx.deleteSessionsOfUser(user.id);
      });
      request.log.info({ userId: user.id, by: signedInUser(request).id }, 'account disabled');
      return { user: summary({ ...user, disabledAt: at }) };
    },
  );
};

export const enableAccount: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/team/:userId/enable',
    {
      config: { access: 'admin', audit: { action: 'user.enable', resource: 'user' } },
      schema: schema('Enable a disabled account again (it signs in with its password)'),
    },
    async (request) => {
      const user = await otherAccountOfMyOrg(deps, request, request.params.userId);
      await deps.store.setUserDisabled(user.id, null);
      request.log.info({ userId: user.id, by: signedInUser(request).id }, 'account enabled');
      return { user: summary({ ...user, disabledAt: null }) };
    },
  );
};
