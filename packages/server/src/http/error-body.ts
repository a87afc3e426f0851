/** The JSON body of every error response, built from an AftercareError. */
import { ERROR_REGISTRY, type AftercareError, type ErrorCode, type FieldIssue } from '@aftercare/core';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: FieldIssue[] };
}

export function errorBody(code: ErrorCode, message?: string, issues: readonly FieldIssue[] = []): ErrorBody {
  const body: ErrorBody = { error: { code, message: message ?? ERROR_REGISTRY[code].message } };
  if (issues.length > 0) {
    body.error.issues = [...issues];
  }
  return body;
}

export function errorBodyOf(error: AftercareError): ErrorBody {
  return errorBody(error.code, error.message, error.issues);
}
