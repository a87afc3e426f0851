import { describe, expect, it } from 'vitest';
import { parseApiError, UNKNOWN_ERROR } from './errors.ts';

describe('parseApiError', () => {
  it('reads the code, message and field issues of the API error shape', () => {
    const error = parseApiError(
      400,
      JSON.stringify({
        error: {
          code: 'CARE_ERR_BAD_INPUT',
          message: 'Some of what was sent is not valid.',
          issues: [{ path: 'password', message: 'Use at least 12 characters.' }],
        },
      }),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('CARE_ERR_BAD_INPUT');
    expect(error.message).toBe('Some of what was sent is not valid.');
    expect(error.issueFor('password')).toBe('Use at least 12 characters.');
    expect(error.issueFor('email')).toBeUndefined();
  });

  it('joins array paths and drops malformed issues', () => {
    const error = parseApiError(
      400,
      JSON.stringify({
        error: {
          code: 'X',
          message: 'm',
          issues: [{ path: ['account', 'email'], message: 'taken' }, { path: 'a' }, 7],
        },
      }),
    );
    expect(error.issues).toEqual([{ path: 'account.email', message: 'taken' }]);
  });

  it('falls back to the code when the message is missing', () => {
    expect(parseApiError(409, '{"error":{"code":"CARE_ERR_CONFLICT"}}').message).toBe('CARE_ERR_CONFLICT');
  });

  it.each(['', 'not json', '<html>502 Bad Gateway</html>', 'null', '[]', '{"error":"boom"}', '{"error":{"code":5}}'])(
    'never throws on a body that is not the API shape: %j',
    (body) => {
      const error = parseApiError(502, body);
      expect(error.code).toBe(UNKNOWN_ERROR);
      expect(error.status).toBe(502);
      expect(error.issues).toEqual([]);
    },
  );
});
