/** An error as a FHIR OperationOutcome: one issue per problem, with its FHIR path as the expression. */
import type * as fhir from '@medplum/fhirtypes';
import type { ErrorCode, FieldIssue } from '../errors.ts';

const ISSUE_CODES: Record<ErrorCode, fhir.OperationOutcomeIssue['code']> = {
  CARE_ERR_BAD_INPUT: 'invalid',
  CARE_ERR_BAD_PLAN: 'invalid',
  CARE_ERR_UNAUTHENTICATED: 'login',
  CARE_ERR_BAD_CREDENTIALS: 'login',
  CARE_ERR_FORBIDDEN: 'forbidden',
  CARE_ERR_CROSS_SITE: 'forbidden',
  CARE_ERR_NOT_FOUND: 'not-found',
  CARE_ERR_CONFLICT: 'conflict',
  CARE_ERR_INVITE_GONE: 'expired',
  CARE_ERR_ALREADY_SET_UP: 'duplicate',
  CARE_ERR_PAYLOAD_TOO_LARGE: 'too-costly',
  CARE_ERR_UNSUPPORTED_MEDIA: 'not-supported',
  CARE_ERR_RATE_LIMITED: 'throttled',
  CARE_ERR_INTERNAL: 'exception',
  CARE_ERR_UNAVAILABLE: 'transient',
};

/**
 * @example
 * operationOutcome('CARE_ERR_NOT_FOUND', 'We could not find that.');
 */
export function operationOutcome(
  code: ErrorCode,
  message: string,
  issues: readonly FieldIssue[] = [],
): fhir.OperationOutcome {
  const issueCode = ISSUE_CODES[code];
  const details = (text: string): fhir.CodeableConcept => ({
    text,
    coding: [{ system: 'https://aftercare.invalid/fhir/CodeSystem/error', code }],
  });
  return {
    resourceType: 'OperationOutcome',
    issue:
      issues.length === 0
        ? [{ severity: 'error', code: issueCode, details: details(message) }]
        : issues.map((issue) => ({
            severity: 'error' as const,
            code: issueCode,
            details: details(issue.message),
            ...(issue.path === '' ? {} : { expression: [issue.path] }),
          })),
  };
}
