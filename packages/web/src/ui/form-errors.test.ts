import { describe, expect, it } from 'vitest';
import { ApiError, parseApiError } from '../api/errors.ts';
import { checkRequired, describeError, formErrorsFrom } from './form-errors.ts';

const t = (key: string): string => `<${key}>`;

describe('formErrorsFrom', () => {
  it('puts issues next to their fields and a general line at the top', () => {
    const error = parseApiError(
      400,
      JSON.stringify({
        error: {
          code: 'CARE_ERR_BAD_INPUT',
          message: 'Some of what was sent is not valid.',
          issues: [
            { path: 'account.email', message: 'That e-mail already has an account.' },
            { path: 'planId', message: 'Unknown plan.' },
          ],
        },
      }),
    );
    const errors = formErrorsFrom(t, error, (path) => (path === 'account.email' ? 'loginEmail' : undefined));
    expect(errors.fields).toEqual({ loginEmail: 'That e-mail already has an account.' });
    expect(errors.top).toBe('<errors.formHasProblems> Unknown plan.');
  });

  it('uses our own words for known codes and the server words otherwise', () => {
    expect(formErrorsFrom(t, new ApiError(401, 'CARE_ERR_BAD_CREDENTIALS', 'x')).top).toBe('<errors.badCredentials>');
    expect(formErrorsFrom(t, new ApiError(409, 'CARE_ERR_CONFLICT', 'Already enrolled.')).top).toBe(
      'Already enrolled.',
    );
    expect(describeError(t, new TypeError('boom'))).toBe('<errors.unknown>');
  });
});

describe('checkRequired', () => {
  it('flags empty fields and short passwords, and nothing when all is well', () => {
    const errors = checkRequired(t, { name: ' ', password: 'short' }, ['name', 'password'], ['password']);
    expect(errors.fields).toEqual({ name: '<errors.fieldRequired>', password: '<errors.passwordTooShort>' });
    expect(checkRequired(t, { name: 'Ana', password: 'long enough pass' }, ['name'], ['password']).top).toBeNull();
  });
});
