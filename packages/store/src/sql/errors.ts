/** Turns database failures into AftercareErrors, so no SQL or driver text ever reaches a caller. */
import { AftercareError } from '@aftercare/core';
import type { DatabaseFailure, SqlConnection } from './dialects/dialect.ts';

/** The AftercareError for a database failure; other errors (including AftercareErrors) pass through unchanged. */
export function translateError(error: unknown, classify: SqlConnection['classify']): unknown {
  if (error instanceof AftercareError) {
    return error;
  }
  const failure = classify(error);
  if (failure === undefined) {
    return error;
  }
  const translated = errorFor(failure);
  translated.cause = error;
  return translated;
}

function errorFor(failure: DatabaseFailure): AftercareError {
  switch (failure) {
    case 'unique':
      return new AftercareError('CARE_ERR_CONFLICT');
    case 'foreign-key':
      return new AftercareError('CARE_ERR_NOT_FOUND', 'Something this refers to does not exist.');
    case 'invalid':
      return new AftercareError('CARE_ERR_BAD_INPUT');
    case 'busy':
      return new AftercareError('CARE_ERR_UNAVAILABLE', 'The database is busy: try again in a moment.');
    case 'unavailable':
      return new AftercareError('CARE_ERR_UNAVAILABLE', 'The database cannot be reached: try again in a moment.');
    case 'other':
      return new AftercareError('CARE_ERR_INTERNAL');
  }
}

/**
 * Wraps every method of `target` so that a database failure surfaces as an AftercareError.
 * Methods run with the unwrapped target as `this`, so inner calls are translated once, at the edge.
 * `beforeEachCall` may refuse a call (given its arguments) by throwing.
 */
export function withTranslatedErrors<T extends object>(
  target: T,
  classify: SqlConnection['classify'],
  beforeEachCall?: (args: unknown[]) => void,
): T {
  return new Proxy(target, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key, object);
      if (typeof value !== 'function') {
        return value;
      }
      const method = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]): unknown => {
        try {
          beforeEachCall?.(args);
          const result = method.apply(object, args);
          return result instanceof Promise
            ? result.catch((error: unknown) => {
                throw translateError(error, classify);
              })
            : result;
        } catch (error) {
          // Every Store method is async: a refusal before the call must reject, not throw.
          const translated = translateError(error, classify);
          return Promise.reject(translated instanceof Error ? translated : new Error('A store call failed.'));
        }
      };
    },
  });
}
