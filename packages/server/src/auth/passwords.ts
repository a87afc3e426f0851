/** Password rules (NIST SP 800-63B style: length, no composition rules, no common passwords) and argon2id hashing. */
import { hash, verify } from '@node-rs/argon2';
import { AftercareError } from '@aftercare/core';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/** The most common passwords long enough to pass the length rule (lower case); shorter ones fail on length anyway. */
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789000',
  '111111111111',
  '000000000000',
  '123123123123',
  '121212121212',
  'password1234',
  'password12345',
  'password123456',
  'password1234567',
  'passwordpassword',
  'password123!',
  'password2024',
  'password2025',
  'password2026',
  'qwertyuiopas',
  'qwertyuiop123',
  'qwerty123456',
  'qwertyqwerty',
  '1qaz2wsx3edc',
  '1q2w3e4r5t6y',
  'q1w2e3r4t5y6',
  'zaq12wsxcde3',
  'asdfghjkl123',
  'iloveyou1234',
  'iloveyouiloveyou',
  'letmein12345',
  'welcome12345',
  'welcome123456',
  'administrator',
  'administrator1',
  'admin1234567',
  'adminadmin123',
  'changeme1234',
  'changeme123456',
  'football1234',
  'baseball1234',
  'sunshine1234',
  'princess1234',
  'trustno1trustno1',
  'abcdefghijkl',
  'abc123abc123',
  'abcd1234abcd',
  'monkey123456',
  'dragon123456',
  'starwars1234',
  'superman1234',
  'michael12345',
  'correcthorsebatterystaple',
  'aftercare123',
  'aftercare1234',
  'aftercareaftercare',
]);

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
  if (COMMON_PASSWORDS.has(lower) || new Set(lower).size <= 2) {
    return 'This password is too common. Pick one that is harder to guess.';
  }
  for (const word of context) {
    const w = word.toLowerCase().trim();
    if (w.length >= 4 && lower === w) {
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
