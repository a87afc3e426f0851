/** The care team of the organisation (administrators only): list and add members. */
import { z } from 'zod';
import type { RouteModule } from '../../http/types.ts';
import {
  commonErrors,
  EmailSchema,
  LanguageSchema,
  NameSchema,
  PasswordSchema,
  UserSummarySchema,
} from '../../http/schemas.ts';
import { signedInUser } from '../../http/caller.ts';
import { createAccount, toMe } from '../../services/accounts.ts';

export const listTeam: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/team',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['team'],
        summary: 'Accounts of my organisation',
        response: { 200: z.object({ users: z.array(UserSummarySchema) }), ...commonErrors },
      },
    },
    async (request) => {
      const users = await deps.store.listUsers(signedInUser(request).orgId);
      return {
        users: users.map((user) => ({ ...toMe(user), disabledAt: user.disabledAt, createdAt: user.createdAt })),
      };
    },
  );
};

export const addTeamMember: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/team',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['team'],
        summary: 'Add an administrator or clinician',
        body: z.object({
          name: NameSchema,
          email: EmailSchema,
          password: PasswordSchema,
          role: z.enum(['admin', 'clinician']),
          language: LanguageSchema.optional(),
        }),
        response: { 201: z.object({ user: UserSummarySchema }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const admin = signedInUser(request);
      const user = await createAccount(deps.store, { ...request.body, orgId: admin.orgId }, deps.clock.now());
      request.log.info({ userId: user.id, by: admin.id }, 'team member added');
      return reply.code(201).send({ user: { ...toMe(user), disabledAt: user.disabledAt, createdAt: user.createdAt } });
    },
  );
};
