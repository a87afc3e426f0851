/** Patient invites: the team makes one (link, code, QR code); the patient opens it and makes their login (public, rate limited). */
import { z } from 'zod';
import { AftercareError } from '@aftercare/core';
import type { FastifyRequest } from 'fastify';
import type { RouteModule, ServerDeps } from '../../http/types.ts';
import {
  commonErrors,
  CountrySchema,
  EmailSchema,
  ErrorSchema,
  IdParams,
  InstantSchema,
  LanguageSchema,
  MeSchema,
  PasswordSchema,
  TimeZoneSchema,
} from '../../http/schemas.ts';
import { recordPatient, signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';
import { startSession } from '../../auth/sessions.ts';
import { toMe } from '../../services/accounts.ts';
import { acceptInvite, firstName, inviteAnswer, issueInvite, usableInvite } from '../../services/invites.ts';

export const InviteAnswerSchema = z.object({
  url: z.string(),
  code: z.string(),
  expiresAt: InstantSchema,
  qrSvg: z.string().describe('The link as a QR code (SVG)'),
});

/** A link token (43 characters) or a typed code ("ABCD-EFGH"). */
const SecretSchema = z.string().trim().min(1, 'Enter the code from your care team.').max(100);

const gone = { 410: ErrorSchema };

/** Where invite links point: the configured public address, else the address this request came to. */
export function siteOrigin(deps: ServerDeps, request: FastifyRequest): string {
  return deps.config.publicUrl !== '' ? deps.config.publicUrl : `${request.protocol}://${request.host}`;
}

export const createInviteRoute: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/patients/:id/invites',
    {
      config: { access: 'team-record', audit: { action: 'invite.create', resource: 'invite' } },
      schema: {
        tags: ['invites'],
        summary: 'Make a new invite for the patient to join (older ones stop working)',
        params: IdParams,
        response: { 201: z.object({ invite: InviteAnswerSchema }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      const patient = recordPatient(request);
      const now = deps.clock.now();
      const issued = await deps.store.transaction((tx) =>
        issueInvite(tx, patient.id, user.id, now, deps.config.inviteDays),
      );
      noteAudit(request, { patientId: patient.id, resourceId: issued.invite.id });
      return reply.code(201).send({ invite: await inviteAnswer(issued, siteOrigin(deps, request)) });
    },
  );
};

export const getInviteRoute: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/invites/:token',
    {
      config: {
        access: 'public',
        audit: { action: 'invite.read', resource: 'invite' },
        rateLimit: { max: deps.config.loginRateLimit * 3, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['invites'],
        summary: 'What the join screen shows for an invite link token or code',
        params: z.object({ token: SecretSchema }),
        response: {
          200: z.object({
            patientFirstName: z.string(),
            language: LanguageSchema,
            timeZone: z.string(),
            country: z.string(),
            expiresAt: InstantSchema,
            role: z.enum(['patient', 'caregiver']).describe('Who joins with it: the patient, or their caregiver'),
          }),
          ...commonErrors,
          ...gone,
        },
      },
    },
    async (request) => {
      const invite = await usableInvite(deps.store, request.params.token, deps.clock.now());
      const patient = await deps.store.getPatient(invite.patientId);
      if (patient === undefined) {
        throw new AftercareError('CARE_ERR_NOT_FOUND', 'We could not find this invite.');
      }
      noteAudit(request, { patientId: patient.id, resourceId: invite.id });
      return {
        patientFirstName: firstName(patient.name),
        language: patient.language,
        timeZone: patient.timeZone,
        country: patient.country,
        expiresAt: invite.expiresAt,
        role: invite.role,
      };
    },
  );
};

export const AcceptInviteBodySchema = z
  .object({
    token: SecretSchema.optional(),
    code: SecretSchema.optional(),
    email: EmailSchema,
    password: PasswordSchema,
    language: LanguageSchema,
    timeZone: TimeZoneSchema,
    country: CountrySchema,
    name: z.string().trim().max(200).optional().describe("A caregiver's name (caregiver invites only)"),
  })
  .refine((body) => body.token !== undefined || body.code !== undefined, {
    message: 'Enter the code from your care team.',
    path: ['code'],
  });

export const acceptInviteRoute: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/invites/accept',
    {
      config: {
        access: 'public',
        audit: { action: 'invite.accept', resource: 'invite' },
        rateLimit: { max: deps.config.loginRateLimit, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['invites'],
        summary: "Use an invite: make the patient's login, save their language, time zone and country, and sign in",
        body: AcceptInviteBodySchema,
        response: { 201: z.object({ user: MeSchema }), ...commonErrors, ...gone },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const now = deps.clock.now();
      const { user, patient, invite } = await deps.store.transaction((tx) =>
        acceptInvite(
          tx,
          {
            secret: body.token ?? body.code ?? '',
            email: body.email,
            password: body.password,
            language: body.language,
            timeZone: body.timeZone,
            country: body.country,
            name: body.name,
          },
          now,
        ),
      );
      await startSession(deps, request, reply, user);
      noteAudit(request, { actorId: user.id, patientId: patient.id, resourceId: invite.id });
      return reply.code(201).send({ user: toMe(user) });
    },
  );
};
