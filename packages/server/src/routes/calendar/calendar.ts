/**
 * Calendars: one visit as a calendar file, and the patient's private feed (a secret URL a phone's calendar subscribes
 * to; making a new one or turning it off revokes the old URL).
 */
import { z } from 'zod';
import { AftercareError } from '@aftercare/core';
import type { FastifyReply } from 'fastify';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, IdParams, IdSchema, InstantSchema } from '../../http/schemas.ts';
import { recordPatient, signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';
import { feedCalendar, visitCalendar } from '../../calendar/patient-calendar.ts';
import { feedPath, hashFeedSecret, newFeedSecret, secretOfFeedFile } from '../../calendar/feed-secret.ts';
import { siteOrigin } from '../invites/invites.ts';

const CALENDAR_TYPE = 'text/calendar; charset=utf-8';

/**
 * Per address. A 256-bit secret cannot be guessed, so this only stops floods; it is generous because calendar
 * services (Google, Apple) fetch every subscriber's feed from a few shared addresses.
 */
const FEED_READS_PER_MINUTE = 600;

const FeedStateSchema = z.object({ includeDoses: z.boolean(), createdAt: InstantSchema });

function sendCalendar(reply: FastifyReply, text: string, fileName: string): FastifyReply {
  return reply
    .type(CALENDAR_TYPE)
    .header('cache-control', 'private, no-store')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .send(text);
}

export const visitCalendarRoute: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/patients/:id/appointments/:appointmentId/calendar.ics',
    {
      config: { access: 'patient-record', audit: { action: 'appointment.calendar', resource: 'appointment' } },
      schema: {
        tags: ['calendar'],
        summary: 'One visit as a calendar file (text/calendar), in the patient’s language, with its open questions',
        params: IdParams.extend({ appointmentId: IdSchema }),
        produces: ['text/calendar'],
      },
    },
    async (request, reply) => {
      const patient = recordPatient(request);
      const appointment = await deps.store.getAppointment(request.params.appointmentId);
      if (appointment === undefined || appointment.patientId !== patient.id) {
        throw new AftercareError('CARE_ERR_NOT_FOUND', 'We could not find that visit.');
      }
      noteAudit(request, { resourceId: appointment.id });
      const day = appointment.startsAt.slice(0, 10);
      return sendCalendar(
        reply,
        await visitCalendar(deps.store, patient, appointment, deps.clock.now()),
        `visit-${day}.ics`,
      );
    },
  );
};

export const getCalendarFeedRoute: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/patients/:id/calendar-feed',
    {
      config: { access: 'patient-record', audit: { action: 'calendar-feed.status', resource: 'calendar-feed' } },
      schema: {
        tags: ['calendar'],
        summary: 'Whether the patient has a live calendar feed (its URL is shown only once, when made)',
        params: IdParams,
        response: { 200: z.object({ feed: FeedStateSchema.nullable() }), ...commonErrors },
      },
    },
    async (request) => {
      const feed = await deps.store.getLiveCalendarFeed(recordPatient(request).id);
      noteAudit(request, { resourceId: feed?.id ?? null });
      return { feed: feed === undefined ? null : { includeDoses: feed.includeDoses, createdAt: feed.createdAt } };
    },
  );
};

export const createCalendarFeedRoute: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/patients/:id/calendar-feed',
    {
      config: { access: 'patient-record', audit: { action: 'calendar-feed.create', resource: 'calendar-feed' } },
      schema: {
        tags: ['calendar'],
        summary: 'Make a private calendar feed URL (any older one stops working)',
        params: IdParams,
        body: z.strictObject({ includeDoses: z.boolean().optional() }).optional(),
        response: {
          201: FeedStateSchema.extend({
            url: z.string().describe('https://…/calendar/<secret>.ics: keep it private'),
            webcalUrl: z.string().describe('The same feed as a webcal:// link, which phones open in their calendar'),
          }),
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const patient = recordPatient(request);
      const secret = newFeedSecret();
      const feed = await deps.store.replaceCalendarFeed({
        patientId: patient.id,
        secretHash: hashFeedSecret(secret),
        includeDoses: request.body?.includeDoses ?? false,
        createdBy: signedInUser(request).id,
        createdAt: deps.clock.now().toISOString(),
      });
      noteAudit(request, { resourceId: feed.id });
      const url = `${siteOrigin(deps, request)}${feedPath(secret)}`;
      return reply.code(201).send({
        url,
        webcalUrl: url.replace(/^https?:\/\//, 'webcal://'),
        includeDoses: feed.includeDoses,
        createdAt: feed.createdAt,
      });
    },
  );
};

export const revokeCalendarFeedRoute: RouteModule = (app, deps) => {
  app.delete(
    '/api/v1/patients/:id/calendar-feed',
    {
      config: { access: 'patient-record', audit: { action: 'calendar-feed.revoke', resource: 'calendar-feed' } },
      schema: {
        tags: ['calendar'],
        summary: 'Turn the calendar feed off: its URL answers 404 from now on',
        params: IdParams,
        response: { 200: z.object({ revoked: z.boolean() }), ...commonErrors },
      },
    },
    async (request) => {
      const patient = recordPatient(request);
      noteAudit(request, { resourceId: null });
      return { revoked: await deps.store.revokeCalendarFeed(patient.id, deps.clock.now().toISOString()) };
    },
  );
};

export const readCalendarFeedRoute: RouteModule = (app, deps) => {
  app.get(
    '/calendar/:file',
    {
      config: {
        access: 'public',
        audit: { action: 'calendar-feed.read', resource: 'calendar-feed' },
        rateLimit: { max: FEED_READS_PER_MINUTE, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['calendar'],
        summary: 'A private calendar feed (text/calendar): the secret URL is the only key, so it is never logged',
        params: z.object({ file: z.string().max(200) }),
        produces: ['text/calendar'],
      },
    },
    async (request, reply) => {
      const secret = secretOfFeedFile(request.params.file);
      const feed = secret === null ? undefined : await deps.store.findLiveCalendarFeed(hashFeedSecret(secret));
      const patient = feed === undefined ? undefined : await deps.store.getPatient(feed.patientId);
      if (feed === undefined || patient === undefined) {
        throw new AftercareError('CARE_ERR_NOT_FOUND', 'This calendar link does not work any more.');
      }
      noteAudit(request, { actorId: null, patientId: patient.id, resourceId: feed.id });
      const text = await feedCalendar(deps.store, patient, { includeDoses: feed.includeDoses }, deps.clock.now());
      return reply
        .type(CALENDAR_TYPE)
        .header('cache-control', 'private, no-store')
        .header('content-disposition', 'inline; filename="aftercare.ics"')
        .send(text);
    },
  );
};
