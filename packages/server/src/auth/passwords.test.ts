import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

describe('password rules', () => {
  it('wants 12 to 128 characters, counted as a person counts them', () => {
    expect(passwordProblem('short')).toMatch(/at least 12/);
    expect(passwordProblem('ñandú cañón!')).toBeNull();
    expect(passwordProblem('🙂😀🎉🌟🌈🍀🐱🐶🦊🐼🐸a')).toBeNull();
    expect(passwordProblem('🙂😀🎉🌟🌈🍀🐱🐶🦊🐼🐸')).toMatch(/at least 12/);
    expect(passwordProblem('long words '.repeat(11).slice(0, 128))).toBeNull();
    expect(passwordProblem('long words '.repeat(12).slice(0, 129))).toMatch(/at most 128/);
  });

  it('refuses breached, padded, repeated and sequential passwords, and the e-mail itself', () => {
    for (const weak of [
      'Password1234',
      '1qaz2wsx3edc',
      'administrator',
      'Sunshine1234!',
      '!!monkey2024!!',
      'aaaaaaaaaaaaaaaa',
      'abababababab',
      'abcdefghijklm',
      '890123456789',
      'aftercare2026',
      'Marrow Marrow!',
    ]) {
      expect(passwordProblem(weak), weak).toMatch(/too common/);
    }
    for (const fine of [
      'correct horse battery',
      'a long enough passphrase',
      'patient password one',
      'stethoscope-and-coffee',
      'marrow recovery 2026',
      'tortilla y café con leche',
    ]) {
      expect(passwordProblem(fine), fine).toBeNull();
    }
    expect(passwordProblem('ana.long@example.org2024', ['ana.long@example.org'])).toMatch(/e-mail/);
    expect(passwordProblem('ana.long@example.org', ['ana.long@example.org'])).toMatch(/e-mail/);
  });

  it('has no composition rules: any long enough varied passphrase passes', () => {
    fc.assert(
      fc.property(
        fc
          .stringMatching(/^[a-z ]{3,}$/)
          .filter((s) => s.length >= 12 && s.length <= 128 && new Set(s).size > 4 && s.trim().split(/\s+/).length > 1),
        (phrase) => {
          expect(passwordProblem(phrase)).toBeNull();
        },
      ),
      { numRuns: 50 },
    );
  });

  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery!')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
