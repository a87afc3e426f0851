/** Errors from the API as data: parse any response body into a code, a message and field issues the screens can show. */

export interface FieldIssue {
  path: string;
  message: string;
}

/** Code for when no answer came back at all (offline, server down). */
export const NETWORK_ERROR = 'NETWORK';
/** Code for an answer that was not the API's error shape (a proxy page, a crash). */
export const UNKNOWN_ERROR = 'UNKNOWN';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: readonly FieldIssue[];

  constructor(status: number, code: string, message: string, issues: readonly FieldIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }

  /** The message for one field, by its path in the request body ("email", "account.password"). */
  issueFor(path: string): string | undefined {
    return this.issues.find((issue) => issue.path === path)?.message;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseIssues(value: unknown): FieldIssue[] {
  if (!Array.isArray(value)) {
    return [];
  }
  const issues: FieldIssue[] = [];
  for (const item of value) {
    if (!isRecord(item) || typeof item.message !== 'string') {
      continue;
    }
    // Paths may come as "a.b" or as ["a", "b"] (Zod style): normalise to dots.
    const rawPath = item.path;
    const path = Array.isArray(rawPath) ? rawPath.map(String).join('.') : typeof rawPath === 'string' ? rawPath : '';
    issues.push({ path, message: item.message });
  }
  return issues;
}

/** Turns a failed response (status and body text) into an ApiError; never throws, whatever the body is. */
export function parseApiError(status: number, bodyText: string): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = undefined;
  }
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string') {
    const message = typeof error.message === 'string' && error.message.trim() !== '' ? error.message : error.code;
    return new ApiError(status, error.code, message, parseIssues(error.issues));
  }
  return new ApiError(status, UNKNOWN_ERROR, `The server answered with status ${status}.`);
}
