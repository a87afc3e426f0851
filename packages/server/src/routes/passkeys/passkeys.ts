/** Passkeys: adding, listing and removing this account's passkeys, and signing in with one (no e-mail, no password). */
import { z } from 'zod';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { AftercareError } from '@aftercare/core';
import type { Passkey } from '@aftercare/store';
import type { RouteModule } from '../../http/types.ts';
import { signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';
import { commonErrors, IdSchema, InstantSchema, MeSchema } from '../../http/schemas.ts';
import {
  authenticationOptions,
  registrationOptions,
  verifyAuthentication,
  verifyRegistration,
} from '../../auth/passkeys.ts';
import { startSession } from '../../auth/sessions.ts';
import { toMe } from '../../services/accounts.ts';

const base64url = (what: string, max: number) =>
  z
    .string()
    .min(1, `The ${what} is missing.`)
    .max(max, `The ${what} is too long.`)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `The ${what} must be base64url text.`);

const credentialFields = {
  id: base64url('credential id', 1024),
  rawId: base64url('credential id', 1024),
  type: z.literal('public-key', 'The credential type must be "public-key".'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).optional(),
};

/** RegistrationResponseJSON as @simplewebauthn/browser's startRegistration() gives it. */
const RegistrationBodySchema = z.object({
  ...credentialFields,
  response: z.object({
    clientDataJSON: base64url('client data', 8192),
    attestationObject: base64url('attestation', 65_536),
    authenticatorData: base64url('authenticator data', 65_536).optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url('public key', 8192).optional(),
  }),
});

/** AuthenticationResponseJSON as startAuthentication() gives it. */
const AuthenticationBodySchema = z.object({
  ...credentialFields,
  response: z.object({
    clientDataJSON: base64url('client data', 8192),
    authenticatorData: base64url('authenticator data', 65_536),
    signature: base64url('signature', 8192),
    userHandle: base64url('user handle', 1024).optional(),
  }),
});

const OptionsSchema = z.object({ options: z.record(z.string(), z.unknown()) });

export const PasskeySchema = z.object({
  id: IdSchema,
  deviceLabel: z.string().nullable(),
  createdAt: InstantSchema,
  lastUsedAt: InstantSchema.nullable(),
});

function toView(passkey: Passkey): z.infer<typeof PasskeySchema> {
  return {
    id: passkey.id,
    deviceLabel: passkey.deviceLabel,
    createdAt: passkey.createdAt,
    lastUsedAt: passkey.lastUsedAt,
  };
}

export const passkeyRegistrationOptionsRoute: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/me/passkeys/options',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['passkeys'],
        summary: 'Options for adding a passkey to this account (for navigator.credentials.create)',
        response: { 200: OptionsSchema, ...commonErrors },
      },
    },
    async (request) => {
      const user = signedInUser(request);
      return { options: { ...(await registrationOptions(deps, request, user)) } };
    },
  );
};

export const addPasskeyRoute: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/me/passkeys',
    {
      config: { access: 'signed-in', audit: { action: 'passkey.create', resource: 'passkey' } },
      schema: {
        tags: ['passkeys'],
        summary: 'Add a passkey: the answer of navigator.credentials.create to the options, and a name for it',
        body: z.object({
          response: RegistrationBodySchema,
          label: z.string().trim().max(100, 'Use at most 100 characters for the name.').nullable().optional(),
        }),
        response: { 201: z.object({ passkey: PasskeySchema }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      const label = request.body.label ?? null;
      const response = request.body.response as RegistrationResponseJSON;
      const made = await verifyRegistration(deps, request, user, response, label === '' ? null : label);
      const saved = await deps.store.addPasskey(made);
      noteAudit(request, { patientId: null, resourceId: saved.id });
      return reply.code(201).send({ passkey: toView(saved) });
    },
  );
};

export const listPasskeysRoute: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/me/passkeys',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['passkeys'],
        summary: "This account's passkeys, oldest first",
        response: { 200: z.object({ passkeys: z.array(PasskeySchema) }), ...commonErrors },
      },
    },
    async (request) => {
      const user = signedInUser(request);
      return { passkeys: (await deps.store.listPasskeys(user.id)).map(toView) };
    },
  );
};

export const removePasskeyRoute: RouteModule = (app, deps) => {
  app.delete(
    '/api/v1/me/passkeys/:passkeyId',
    {
      config: { access: 'signed-in', audit: { action: 'passkey.delete', resource: 'passkey' } },
      schema: {
        tags: ['passkeys'],
        summary: 'Remove one of this account’s passkeys (it can no longer sign in)',
        params: z.object({ passkeyId: z.string().max(100) }),
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      const { passkeyId } = request.params;
      if (!(await deps.store.deletePasskey(passkeyId, user.id))) {
        throw new AftercareError('CARE_ERR_NOT_FOUND', 'We could not find that passkey.');
      }
      noteAudit(request, { patientId: null, resourceId: passkeyId });
      return reply.code(204).send(null);
    },
  );
};

export const passkeySignInOptionsRoute: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/auth/passkey/options',
    {
      config: { access: 'public', rateLimit: { max: deps.config.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Options for signing in with a passkey (for navigator.credentials.get; no e-mail needed)',
        response: { 200: OptionsSchema, ...commonErrors },
      },
    },
    async (request) => ({ options: { ...(await authenticationOptions(deps, request)) } }),
  );
};

export const passkeySignInRoute: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/auth/passkey',
    {
      config: {
        access: 'public',
        audit: { action: 'session.create', resource: 'passkey' },
        rateLimit: { max: deps.config.loginRateLimit, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a passkey: the answer of navigator.credentials.get to the options',
        body: z.object({ response: AuthenticationBodySchema }),
        response: { 200: z.object({ user: MeSchema }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const passkey = await verifyAuthentication(deps, request, request.body.response as AuthenticationResponseJSON);
      const user = await deps.store.getUser(passkey.userId);
      if (user === undefined) {
        throw new AftercareError('CARE_ERR_BAD_INPUT', 'That passkey did not work here. Sign in with your password.');
      }
      if (user.disabledAt !== null) {
        throw new AftercareError('CARE_ERR_FORBIDDEN', 'This account is turned off. Please ask your care team.');
      }
      await startSession(deps, request, reply, user);
      noteAudit(request, { actorId: user.id, patientId: user.patientId, resourceId: passkey.id });
      return { user: toMe(user) };
    },
  );
};

export const passkeyRoutes = [
  passkeyRegistrationOptionsRoute,
  addPasskeyRoute,
  listPasskeysRoute,
  removePasskeyRoute,
  passkeySignInOptionsRoute,
  passkeySignInRoute,
] as const;
