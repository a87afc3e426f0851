/** Turns a failed request into what a form shows: a message at the top and messages next to the fields they concern. */
import { ApiError, NETWORK_ERROR, UNKNOWN_ERROR } from '../api/errors.ts';
import type { MessageKey } from '../i18n/index.ts';

export interface FormErrors {
  top: string | null;
  fields: Record<string, string>;
}

export const NO_ERRORS: FormErrors = { top: null, fields: {} };

type Translate = (key: MessageKey) => string;

const MESSAGES_BY_CODE: Record<string, MessageKey> = {
  [NETWORK_ERROR]: 'errors.network',
  [UNKNOWN_ERROR]: 'errors.unknown',
  CARE_ERR_BAD_CREDENTIALS: 'errors.badCredentials',
  CARE_ERR_ALREADY_SET_UP: 'errors.alreadySetUp',
  CARE_ERR_RATE_LIMITED: 'errors.rateLimited',
  CARE_ERR_UNAVAILABLE: 'errors.unavailable',
  CARE_ERR_UNAUTHENTICATED: 'errors.signInAgain',
};

/** The sentence for an error: ours (in the user's language) for the codes we know, else the server's own words. */
export function describeError(t: Translate, error: unknown): string {
  if (!(error instanceof ApiError)) {
    return t('errors.unknown');
  }
  const key = MESSAGES_BY_CODE[error.code];
  return key ? t(key) : error.message;
}

/**
 * Splits an error between the form's fields and its top message. `fieldOf` maps an issue path of the request
 * ("account.email") to the form field that shows it ("loginEmail"); issues no field shows go to the top.
 */
export function formErrorsFrom(
  t: Translate,
  error: unknown,
  fieldOf: (path: string) => string | undefined = (path) => path,
): FormErrors {
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  if (error instanceof ApiError) {
    for (const issue of error.issues) {
      const field = fieldOf(issue.path);
      if (field !== undefined && fields[field] === undefined) {
        fields[field] = issue.message;
      } else if (field === undefined) {
        unplaced.push(issue.message);
      }
    }
  }
  const hasFieldErrors = Object.keys(fields).length > 0;
  const lead = hasFieldErrors ? t('errors.formHasProblems') : describeError(t, error);
  return { top: [lead, ...unplaced].join(' '), fields };
}

/** Client-side checks before sending: required fields and the password rule, in the user's language. */
export function checkRequired(
  t: Translate,
  values: Record<string, string>,
  required: readonly string[],
  passwordFields: readonly string[] = [],
): FormErrors {
  const fields: Record<string, string> = {};
  for (const name of required) {
    if ((values[name] ?? '').trim() === '') {
      fields[name] = t('errors.fieldRequired');
    }
  }
  for (const name of passwordFields) {
    if (fields[name] === undefined && (values[name] ?? '').length < 12) {
      fields[name] = t('errors.passwordTooShort');
    }
  }
  return Object.keys(fields).length > 0 ? { top: t('errors.formHasProblems'), fields } : NO_ERRORS;
}
