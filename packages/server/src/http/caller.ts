/** The caller and the patient of a request, as the access hook left them (a missing one is a wiring bug, never a leak). */
import type { FastifyRequest } from 'fastify';
import { AftercareError } from '@aftercare/core';
import type { Patient, User } from '@aftercare/store';

export function signedInUser(request: FastifyRequest): User {
  if (request.user === null) {
    throw new AftercareError('CARE_ERR_UNAUTHENTICATED');
  }
  return request.user;
}

export function recordPatient(request: FastifyRequest): Patient {
  if (request.patient === null) {
    throw new AftercareError('CARE_ERR_NOT_FOUND', 'We could not find that patient.');
  }
  return request.patient;
}
