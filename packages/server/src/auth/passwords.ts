/** Password rules (NIST SP 800-63B style: length, no composition rules, no common passwords) and argon2id hashing. */
import { readFileSync } from 'node:fs';
import { hash, verify } from '@node-rs/argon2';
import { AftercareError } from '@aftercare/core';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** Words of this product that guessers try first (the shipped list knows nothing of Aftercare). */
const PRODUCT_WORDS = ['aftercare', 'bonemarrow', 'marrow', 'donor', 'harvest'];

let commonPasswords: Set<string> | undefined;

/** The shipped breach list (see generate-common-passwords.ts), read once on first use. */
function common(): Set<string> {
  commonPasswords ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return commonPasswords;
}

/** "abcdefghijkl", "987654321098": every character one step from the last (digits wrap around). */
function isSequence(text: string): boolean {
  const codes = Array.from(text, (c) => c.codePointAt(0) ?? 0);
  const step = (codes[1] ?? 0) - (codes[0] ?? 0);
  if (step !== 1 && step !== -1) {
    return false;
  }
  return codes.every((code, i) => {
    if (i === 0) {
      return true;
    }
    const previous = codes[i - 1] ?? 0;
    const wraps = /\d/.test(text[i] ?? '') && Math.abs(code - previous) === 9;
    return code - previous === step || wraps;
  });
}

/** Why a password is easy to guess: a breached or common one, or one of them padded with digits and symbols. */
function tooCommon(lower: string): boolean {
  const list = common();
  if (list.has(lower) || new Set(lower).size <= 2 || isSequence(lower)) {
    return true;
  }
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  const base = core.replace(/\s+/g, '');
  return (core.length >= 4 && list.has(core)) || PRODUCT_WORDS.some((word) => base === word || base === word + word);
}

/** Whether a password is too easy to guess; returns the reason to show, or null when it is fine. */
export function passwordProblem(password: string, context: readonly string[] = []): string | null {
  // Length in code points, as a person counts characters (NIST 800-63B).
  const length = Array.from(password).length;
  if (length < PASSWORD_MIN) {
    return `Use at least ${PASSWORD_MIN} characters. A few words together are easy to remember.`;
  }
  if (length > PASSWORD_MAX) {
    return `Use at most ${PASSWORD_MAX} characters.`;
  }
  const lower = password.toLowerCase();
  if (tooCommon(lower)) {
    return 'This password is too common: it is on lists that people who break in try first. Pick a few words that are not easy to guess.';
  }
  for (const word of context) {
    const w = word.toLowerCase().trim();
    if (w.length >= 4 && (lower === w || lower.replace(/[\d\W_]+$/u, '') === w)) {
      return 'Do not use your e-mail or name as your password.';
    }
  }
  return null;
}

/** Throws CARE_ERR_BAD_INPUT with the field path when the password breaks the rules. */
export function assertPasswordAllowed(password: string, context: readonly string[] = [], path = 'password'): void {
  const problem = passwordProblem(password, context);
  if (problem !== null) {
    throw new AftercareError('CARE_ERR_BAD_INPUT', problem, [{ path, message: problem }]);
  }
}

/** argon2id with the library's defaults (19 MiB, 2 passes: OWASP's minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the time of a real check when there is no account, so timing does not reveal which e-mails exist. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('not-a-real-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
