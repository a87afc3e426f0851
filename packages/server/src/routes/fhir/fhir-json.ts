/** FHIR's JSON media type, and OperationOutcome bodies for errors under /fhir (the /api error body stays as it is). */
import type { FastifyInstance } from 'fastify';
import { operationOutcome, type ErrorCode, type FieldIssue } from '@aftercare/core';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** The FHIR base URL of this server as the caller reached it. */
export function fhirBase(request: { protocol: string; host: string }): string {
  return `${request.protocol}://${request.host}/fhir/R4`;
}

/** Accepts bodies sent as application/fhir+json, parsed like JSON (for the routes of this scope only). */
export function acceptFhirJson(scope: FastifyInstance): void {
  const parseJson = scope.getDefaultJsonParser('error', 'remove');
  scope.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, (request, body, done) => {
    void parseJson(request, typeof body === 'string' ? body : body.toString('utf8'), done);
  });
}

interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: FieldIssue[] };
}

function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/**
 * Rewrites the server's error bodies into OperationOutcomes for the routes of this scope: the one error handler stays
 * the single place that decides status and code; this only changes the shape of the body.
 */
export function operationOutcomeErrors(scope: FastifyInstance): void {
  scope.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode < 400 || typeof payload !== 'string') {
      return payload;
    }
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      return payload;
    }
    if (!isErrorBody(body)) {
      return payload;
    }
    void reply.header('content-type', FHIR_JSON);
    return JSON.stringify(operationOutcome(body.error.code, body.error.message, body.error.issues ?? []));
  });
}
