/** What the server adds to Fastify's types: each route's access and audit declarations, and the caller on a request. */
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Patient, Store, User } from '@aftercare/store';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { EventBus } from '../events/event-bus.ts';

/**
 * Who may call a route.
 * - public: anyone; - signed-in: any account; - team: admin or clinician; - admin: admin only;
 * - patient-record: the team of the patient's organisation, or the patient (or caregiver) whose record it is (`:id`).
 * - team-record: the team of the patient's organisation only.
 * - record-owner: the patient themself, or an administrator of the patient's organisation (downloading or erasing
 *   the whole record).
 */
export type Access = 'public' | 'signed-in' | 'team' | 'admin' | 'patient-record' | 'team-record' | 'record-owner';

export const ACCESS_LEVELS: readonly Access[] = [
  'public',
  'signed-in',
  'team',
  'admin',
  'patient-record',
  'team-record',
  'record-owner',
];

/** Declares that a successful call reads or writes patient data: the audit hook appends one event for it. */
export interface AuditSpec {
  /** e.g. "patient.read", "check-in.create". */
  action: string;
  /** e.g. "patient", "check-in". */
  resource: string;
}

/** What a handler may tell the audit hook when the route alone does not say it. */
export interface AuditNote {
  patientId?: string | null;
  resourceId?: string | null;
  actorId?: string | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    audit?: AuditSpec;
  }
  interface FastifyRequest {
    /** The signed-in account, once the access hook has run (null on public routes without a session). */
    user: User | null;
    /** SHA-256 of the session cookie, when the session is valid. */
    sessionHash: string | null;
    /** The patient of a patient-record route, loaded and checked by the access hook. */
    patient: Patient | null;
    auditNote: AuditNote | null;
  }
}

export interface ServerDeps {
  store: Store;
  clock: Clock;
  config: Config;
  /** The care team's live events (alerts, check-ins): ids only. */
  events: EventBus;
}

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** One endpoint (or a small group of them): registers its routes on the app. */
export type RouteModule = (app: App, deps: ServerDeps) => void;
