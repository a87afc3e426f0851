/** Role checks for every route, by construction: a route must declare its access or it is refused. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AftercareError } from '@aftercare/core';
import type { Patient, User } from '@aftercare/store';
import { resolveSession } from '../auth/sessions.ts';
import { ACCESS_LEVELS, type Access, type AuditSpec, type ServerDeps } from './types.ts';
import { isId } from './ids.ts';

export interface RegisteredRoute {
  method: string;
  url: string;
  access: Access;
  /** A write a caregiver may make (it changes only their own read marks); other writes on a record refuse them. */
  caregiverMayWrite: boolean;
  /** The audit event a successful call appends, when the route declares one. */
  audit?: AuditSpec;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Lets a caregiver call this patient-record write (only for writes that touch the caller's own marks). */
    caregiverMayWrite?: boolean;
  }
}

/** Caregivers see the patient's record but change nothing in it. */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isTeam(user: User): boolean {
  return user.role === 'admin' || user.role === 'clinician';
}

/** Refuses (throws at registration) any route without a valid `config.access`; records the others. */
export function requireAccessDeclarations(app: FastifyInstance, registered: RegisteredRoute[]): void {
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (access === undefined || !ACCESS_LEVELS.includes(access)) {
      throw new Error(
        `Route ${String(route.method)} ${route.url} must declare config.access (one of ${ACCESS_LEVELS.join(', ')}).`,
      );
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const audit = route.config?.audit;
      registered.push({
        method,
        url: route.url,
        access,
        caregiverMayWrite: route.config?.caregiverMayWrite === true,
        ...(audit === undefined ? {} : { audit }),
      });
    }
  });
}

function requireTeam(user: User): void {
  if (!isTeam(user)) {
    throw new AftercareError('CARE_ERR_FORBIDDEN', 'Only the care team can do this.');
  }
}

function signedIn(request: FastifyRequest): User {
  if (request.user === null) {
    throw new AftercareError('CARE_ERR_UNAUTHENTICATED');
  }
  return request.user;
}

/** Whether this account may see this patient: the team of the patient's organisation, or the patient themself. */
export function maySeePatient(user: User, patient: Patient): boolean {
  return isTeam(user) ? patient.orgId === user.orgId : user.patientId === patient.id && user.orgId === patient.orgId;
}

/** Loads the patient of `:id` and checks the caller may see it; anything else is "not found" (never reveal existence). */
async function checkPatientRecord(deps: ServerDeps, request: FastifyRequest, user: User): Promise<void> {
  const id = (request.params as Record<string, string | undefined>).id;
  const patient = id !== undefined && isId(id) ? await deps.store.getPatient(id) : undefined;
  if (patient === undefined || !maySeePatient(user, patient)) {
    throw new AftercareError('CARE_ERR_NOT_FOUND', 'We could not find that patient.');
  }
  request.patient = patient;
}

/** The onRequest check: runs before the body is read, so a caller without rights learns nothing from validation. */
export function enforceAccess(app: FastifyInstance, deps: ServerDeps): void {
  app.addHook('onRequest', async (request) => {
    if (request.is404) {
      return;
    }
    const access = request.routeOptions.config.access;
    if (access === undefined) {
      // Unreachable thanks to requireAccessDeclarations; fail closed anyway.
      throw new AftercareError('CARE_ERR_FORBIDDEN');
    }
    if (access === 'public') {
      return;
    }
    request.user = await resolveSession(deps, request);
    const user = signedIn(request);
    switch (access) {
      case 'signed-in':
        return;
      case 'team':
        requireTeam(user);
        return;
      case 'admin':
        if (user.role !== 'admin') {
          throw new AftercareError('CARE_ERR_FORBIDDEN', 'Only an administrator can do this.');
        }
        return;
      case 'patient-record':
        await checkPatientRecord(deps, request, user);
        if (
          user.role === 'caregiver' &&
          !READ_METHODS.has(request.method) &&
          request.routeOptions.config.caregiverMayWrite !== true
        ) {
          throw new AftercareError('CARE_ERR_FORBIDDEN', 'A caregiver can see the plan but cannot change it.');
        }
        return;
      case 'team-record':
        requireTeam(user);
        await checkPatientRecord(deps, request, user);
        return;
      case 'record-owner':
        // Existence is checked first, so a caller outside the record learns nothing (404) before being refused.
        await checkPatientRecord(deps, request, user);
        if (user.role !== 'admin' && user.role !== 'patient') {
          throw new AftercareError('CARE_ERR_FORBIDDEN', 'Only the patient or an administrator can do this.');
        }
        return;
    }
  });
}
