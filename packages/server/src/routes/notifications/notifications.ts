/** The signed-in person's inbox: list (with the unread count), mark one read, mark all read. Own notifications only. */
import { z } from 'zod';
import { AftercareError } from '@aftercare/core';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, IdSchema, InstantSchema } from '../../http/schemas.ts';
import { signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';
import { BeforeQuery, CursorQuery, NextCursorSchema, pageOf, readPage } from '../../http/page-cursor.ts';
import type { Page } from '@aftercare/store';

export const NotificationSchema = z.object({
  id: z.string(),
  recipientId: z.string(),
  patientId: z.string().nullable(),
  kind: z.enum(['dose', 'visit', 'check-in', 'caregiver-dose-unanswered', 'alert', 'alert-escalated']),
  title: z.string(),
  body: z.string(),
  link: z.string(),
  createdAt: InstantSchema,
  readAt: InstantSchema.nullable(),
});

const KINDS = NotificationSchema.shape.kind.options;

export const listNotifications: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/me/notifications',
    {
      config: { access: 'signed-in', audit: { action: 'notification.list', resource: 'notification' } },
      schema: {
        tags: ['notifications'],
        summary: "The signed-in person's notifications, newest first, and how many are unread",
        querystring: z.object({
          limit: z.coerce
            .number({ message: 'Give a whole number from 1 to 500.' })
            .int('Give a whole number from 1 to 500.')
            .min(1, 'Give a whole number from 1 to 500.')
            .max(500, 'Give a whole number from 1 to 500.')
            .optional(),
          cursor: CursorQuery,
          before: BeforeQuery,
        }),
        response: {
          200: z.object({
            notifications: z.array(NotificationSchema),
            unread: z.number().int(),
            nextCursor: NextCursorSchema,
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const user = signedInUser(request);
      noteAudit(request, { patientId: user.patientId, resourceId: null });
      const limit = request.query.limit ?? 50;
      const list = (page: Page) => deps.store.listNotifications(user.id, page);
      // The cursor comes from the stored rows: a kind this version does not show still moves the page on.
      const { rows: stored, nextCursor } = await readPage(list, pageOf(request.query, limit), (row) => row.createdAt);
      const notifications = stored.flatMap((n) => {
        const kind = KINDS.find((k) => k === n.kind);
        return kind === undefined
          ? []
          : [
              {
                id: n.id,
                recipientId: n.recipientId,
                patientId: n.patientId,
                kind,
                title: n.title,
                body: n.body,
                link: n.link,
                createdAt: n.createdAt,
                readAt: n.readAt,
              },
            ];
      });
      return {
        notifications,
        unread: await deps.store.countUnreadNotifications(user.id),
        nextCursor,
      };
    },
  );
};

export const markNotificationRead: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/me/notifications/:notificationId/read',
    {
      config: { access: 'signed-in', audit: { action: 'notification.read', resource: 'notification' } },
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of your notifications read',
        params: z.object({ notificationId: IdSchema }),
        response: { 204: z.null().describe('Marked read'), ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      const id = request.params.notificationId;
      const notification = await deps.store.getNotification(id);
      // Someone else's notification is "not found": never say it exists.
      if (notification === undefined || notification.recipientId !== user.id) {
        throw new AftercareError('CARE_ERR_NOT_FOUND', 'We could not find that notification.');
      }
      await deps.store.markNotificationRead(id, user.id, deps.clock.now().toISOString());
      noteAudit(request, { patientId: notification.patientId, resourceId: id });
      return reply.code(204).send(null);
    },
  );
};

export const markAllNotificationsRead: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/me/notifications/read-all',
    {
      config: { access: 'signed-in', audit: { action: 'notification.read-all', resource: 'notification' } },
      schema: {
        tags: ['notifications'],
        summary: 'Mark all your notifications read',
        response: { 204: z.null().describe('All marked read'), ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      await deps.store.markAllNotificationsRead(user.id, deps.clock.now().toISOString());
      noteAudit(request, { patientId: user.patientId, resourceId: null });
      return reply.code(204).send(null);
    },
  );
};
