/** First-run setup: GET tells whether it is needed; POST creates the organisation and its first administrator. */
import { z } from 'zod';
import { AftercareError } from '@aftercare/core';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, EmailSchema, MeSchema, NameSchema, PasswordSchema } from '../../http/schemas.ts';
import { createAccount, toMe } from '../../services/accounts.ts';
import { startSession } from '../../auth/sessions.ts';

export const setup: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['setup'],
        summary: 'Whether first-run setup is still needed',
        response: { 200: z.object({ needsSetup: z.boolean() }) },
      },
    },
    async () => ({ needsSetup: (await deps.store.countUsers()) === 0 }),
  );

  app.post(
    '/api/v1/setup',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['setup'],
        summary: 'Create the care team organisation and its first administrator (only while there is no user)',
        body: z.object({
          organisationName: NameSchema,
          name: NameSchema,
          email: EmailSchema,
          password: PasswordSchema,
        }),
        response: { 201: z.object({ user: MeSchema }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const now = deps.clock.now();
      const body = request.body;
      // Re-check inside the transaction so two racing first visitors cannot both become the first admin.
      const user = await deps.store.transaction(async (tx) => {
        if ((await tx.countUsers()) > 0) {
          throw new AftercareError('CARE_ERR_ALREADY_SET_UP');
        }
        const org = await tx.createOrganisation(body.organisationName, now.toISOString());
        return createAccount(
          tx,
          { orgId: org.id, name: body.name, email: body.email, password: body.password, role: 'admin' },
          now,
        );
      });
      await startSession(deps, request, reply, user);
      request.log.info({ userId: user.id, orgId: user.orgId }, 'first administrator created');
      return reply.code(201).send({ user: toMe(user) });
    },
  );
};
