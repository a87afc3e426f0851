/** The one place where any error becomes an HTTP response: registry codes, validation, parsing, and the unexpected. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AftercareError, httpStatusOf, isAftercareError, type ErrorCode, type FieldIssue } from '@aftercare/core';
import { errorBody, errorBodyOf } from './error-body.ts';

/** "/medications/0/name" → "medications.0.name"; the root is "(body)" etc. */
function dottedPath(instancePath: string, context: string | undefined): string {
  const path = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  return path === '' ? `(${context ?? 'body'})` : path;
}

function validationIssues(error: FastifyError): FieldIssue[] {
  return (error.validation ?? []).map((issue) => ({
    path: dottedPath(issue.instancePath, error.validationContext),
    message: issue.message ?? 'Not valid.',
  }));
}

function readableMessage(issues: readonly FieldIssue[]): string {
  const shown = issues.slice(0, 3).map((issue) => `${issue.path}: ${issue.message}`);
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return `Please check what you sent. ${shown.join('; ')}${more}.`;
}

/** Fastify's own errors (body parsing, limits) translated into registry codes. */
function fromFastifyError(error: FastifyError): AftercareError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AftercareError('CARE_ERR_PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AftercareError('CARE_ERR_UNSUPPORTED_MEDIA');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AftercareError('CARE_ERR_BAD_INPUT', 'The request body is not valid JSON.');
    default:
      break;
  }
  if (error instanceof SyntaxError) {
    return new AftercareError('CARE_ERR_BAD_INPUT', 'The request body is not valid JSON.');
  }
  const status = error.statusCode;
  if (status === undefined || status < 400 || status >= 500) {
    return undefined;
  }
  const byStatus: Partial<Record<number, ErrorCode>> = {
    401: 'CARE_ERR_UNAUTHENTICATED',
    403: 'CARE_ERR_FORBIDDEN',
    404: 'CARE_ERR_NOT_FOUND',
    409: 'CARE_ERR_CONFLICT',
    413: 'CARE_ERR_PAYLOAD_TOO_LARGE',
    415: 'CARE_ERR_UNSUPPORTED_MEDIA',
    429: 'CARE_ERR_RATE_LIMITED',
  };
  return new AftercareError(byStatus[status] ?? 'CARE_ERR_BAD_INPUT');
}

/**
 * What of an unexpected error goes to the log: its kind, code and where it happened, not its message
 * (driver messages can quote the values of a row, i.e. patient data).
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) {
    return { type: typeof error };
  }
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    code: typeof code === 'string' ? code : undefined,
    at: error.stack
      ?.split('\n')
      .slice(1, 6)
      .map((line) => line.trim()),
  };
}

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (isAftercareError(error)) {
    if (error.code === 'CARE_ERR_INTERNAL' || error.code === 'CARE_ERR_UNAVAILABLE') {
      request.log.error({ error: loggableError(error.cause ?? error), reqId: request.id }, 'request failed');
    }
    return reply.code(httpStatusOf(error.code)).send(errorBodyOf(error));
  }
  if (hasZodFastifySchemaValidationErrors(error) || Array.isArray(error.validation)) {
    const issues = validationIssues(error);
    return reply.code(400).send(errorBody('CARE_ERR_BAD_INPUT', readableMessage(issues), issues));
  }
  if (error instanceof ZodError) {
    // A schema check inside a handler (e.g. a plan-specific one): still the caller's input.
    const issues = error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(body)',
      message: issue.message,
    }));
    return reply.code(400).send(errorBody('CARE_ERR_BAD_INPUT', readableMessage(issues), issues));
  }
  const known = fromFastifyError(error);
  if (known !== undefined) {
    return reply.code(httpStatusOf(known.code)).send(errorBodyOf(known));
  }
  // Anything else is our fault: log it with the request id, tell the caller nothing of its insides.
  request.log.error({ error: loggableError(error), reqId: request.id }, 'unexpected error');
  return reply.code(500).send(errorBody('CARE_ERR_INTERNAL'));
}
