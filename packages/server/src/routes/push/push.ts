/** Web Push for this account's devices: the server's public key, and turning phone notifications on or off. */
import { z } from 'zod';
import type { PushSubscription } from '@aftercare/store';
import type { RouteModule } from '../../http/types.ts';
import { signedInUser } from '../../http/caller.ts';
import { commonErrors, IdSchema, InstantSchema } from '../../http/schemas.ts';
import { isRegistrableEndpoint } from '../../notify/push-endpoint.ts';
import { ensureVapidKeys } from '../../notify/vapid-keys.ts';

/** A base64url string that decodes to exactly `bytes` bytes (and, for a public key, an uncompressed point). */
function base64urlKey(bytes: number, what: string) {
  return z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `The ${what} must be base64url text.`)
    .refine((text) => {
      const decoded = Buffer.from(text, 'base64url');
      return decoded.length === bytes && (bytes !== 65 || decoded[0] === 4);
    }, `The ${what} is not the right length: send the subscription exactly as the browser gives it.`);
}

/** PushSubscription.toJSON() as the browser gives it, plus an optional name for the device. */
export const PushSubscriptionBodySchema = z.object({
  endpoint: z
    .string()
    .max(2000)
    .refine(isRegistrableEndpoint, 'The endpoint must be the https address the browser gave for this subscription.'),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({ p256dh: base64urlKey(65, 'p256dh key'), auth: base64urlKey(16, 'auth secret') }),
  deviceLabel: z.string().trim().max(100, 'Use at most 100 characters for the device name.').nullable().optional(),
});

export const PushDeviceSchema = z.object({
  id: z.string(),
  endpoint: z.string(),
  deviceLabel: z.string().nullable(),
  createdAt: InstantSchema,
});

function toDevice(subscription: PushSubscription): z.infer<typeof PushDeviceSchema> {
  return {
    id: subscription.id,
    endpoint: subscription.endpoint,
    deviceLabel: subscription.deviceLabel,
    createdAt: subscription.createdAt,
  };
}

export const pushPublicKeyRoute: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/push/public-key',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['push'],
        summary: "The server's VAPID public key (base64url), for PushManager.subscribe's applicationServerKey",
        response: { 200: z.object({ publicKey: z.string() }), ...commonErrors },
      },
    },
    async () => {
      const { publicKey } = await ensureVapidKeys(deps.store, deps.clock.now());
      return { publicKey };
    },
  );
};

export const listPushSubscriptionsRoute: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/me/push-subscriptions',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['push'],
        summary: 'The devices where this account turned phone notifications on',
        response: { 200: z.object({ subscriptions: z.array(PushDeviceSchema) }), ...commonErrors },
      },
    },
    async (request) => {
      const user = signedInUser(request);
      return { subscriptions: (await deps.store.listPushSubscriptions(user.id)).map(toDevice) };
    },
  );
};

export const savePushSubscriptionRoute: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/me/push-subscriptions',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['push'],
        summary: 'Turn phone notifications on for this device (saving again updates it; a device moves with sign-in)',
        body: PushSubscriptionBodySchema,
        response: { 201: z.object({ subscription: PushDeviceSchema }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      const body = request.body;
      const label = body.deviceLabel ?? null;
      const saved = await deps.store.savePushSubscription(
        {
          userId: user.id,
          endpoint: body.endpoint,
          p256dh: body.keys.p256dh,
          auth: body.keys.auth,
          deviceLabel: label === '' ? null : label,
        },
        deps.clock.now().toISOString(),
      );
      return reply.code(201).send({ subscription: toDevice(saved) });
    },
  );
};

export const deletePushSubscriptionRoute: RouteModule = (app, deps) => {
  app.delete(
    '/api/v1/me/push-subscriptions/:subscriptionId',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['push'],
        summary: "Turn phone notifications off for one of this account's devices (already off: also 204)",
        params: z.object({ subscriptionId: IdSchema }),
        response: { 204: z.null().describe('Turned off'), ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      // Only this account's own devices; another account's id changes nothing and reveals nothing.
      await deps.store.deletePushSubscription(request.params.subscriptionId, user.id);
      return reply.code(204).send(null);
    },
  );
};

export const pushRoutes = [
  pushPublicKeyRoute,
  listPushSubscriptionsRoute,
  savePushSubscriptionRoute,
  deletePushSubscriptionRoute,
] as const;
