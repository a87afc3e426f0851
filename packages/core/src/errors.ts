/** One error type for the whole product: errors are data, with a code from one registry mapped to an HTTP status. */

export const ERROR_REGISTRY = {
  CARE_ERR_BAD_INPUT: { status: 400, message: 'Some of what was sent is not valid.' },
  CARE_ERR_BAD_PLAN: { status: 400, message: 'The care plan is not valid.' },
  CARE_ERR_UNAUTHENTICATED: { status: 401, message: 'Please sign in first.' },
  CARE_ERR_BAD_CREDENTIALS: { status: 401, message: 'That e-mail and password do not match an account.' },
  CARE_ERR_FORBIDDEN: { status: 403, message: 'You are not allowed to do this.' },
  CARE_ERR_CROSS_SITE: {
    status: 403,
    message:
      'This request came from another website, so it was refused. Open Aftercare at its own address and try again.',
  },
  CARE_ERR_NOT_FOUND: { status: 404, message: 'We could not find that.' },
  CARE_ERR_CONFLICT: { status: 409, message: 'This conflicts with something already stored.' },
  CARE_ERR_ALREADY_SET_UP: { status: 409, message: 'Aftercare is already set up: sign in instead.' },
  CARE_ERR_INVITE_GONE: {
    status: 410,
    message: 'This invite has expired or was already used. Ask your care team for a new one.',
  },
  CARE_ERR_PAYLOAD_TOO_LARGE: { status: 413, message: 'What was sent is too large.' },
  CARE_ERR_UNSUPPORTED_MEDIA: { status: 415, message: 'Send JSON (Content-Type: application/json).' },
  CARE_ERR_RATE_LIMITED: { status: 429, message: 'Too many requests: wait a moment and try again.' },
  CARE_ERR_INTERNAL: { status: 500, message: 'Something went wrong on our side. Nothing you sent was lost.' },
  CARE_ERR_UNAVAILABLE: { status: 503, message: 'The service is not ready yet: try again in a moment.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_REGISTRY;

/** A problem with one field of the input, named by its path (for FHIR, a FHIRPath-like path). */
export interface FieldIssue {
  path: string;
  message: string;
}

export class AftercareError extends Error {
  readonly code: ErrorCode;
  readonly issues: readonly FieldIssue[];

  constructor(code: ErrorCode, message?: string, issues: readonly FieldIssue[] = []) {
    super(message ?? ERROR_REGISTRY[code].message);
    this.name = 'AftercareError';
    this.code = code;
    this.issues = issues;
  }

  get status(): number {
    return ERROR_REGISTRY[this.code].status;
  }
}

/** The HTTP status for an error code: the one place where codes meet HTTP. */
export function httpStatusOf(code: ErrorCode): number {
  return ERROR_REGISTRY[code].status;
}

export function isAftercareError(value: unknown): value is AftercareError {
  return value instanceof AftercareError;
}
