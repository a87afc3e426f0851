import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

describe('password rules', () => {
  it('wants 12 to 256 characters, counted as a person counts them', () => {
    expect(passwordProblem('short')).toMatch(/at least 12/);
    expect(passwordProblem('ñandú cañón!')).toBeNull();
    expect(passwordProblem('🙂😀🎉🌟🌈🍀🐱🐶🦊🐼🐸a')).toBeNull();
    expect(passwordProblem('🙂😀🎉🌟🌈🍀🐱🐶🦊🐼🐸')).toMatch(/at least 12/);
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most/);
  });

  it('refuses common and one-letter passwords, and the e-mail itself', () => {
    expect(passwordProblem('Password1234')).toMatch(/too common/);
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toMatch(/too common/);
    expect(passwordProblem('ana.long@example.org', ['ana.long@example.org'])).toMatch(/e-mail/);
  });

  it('has no composition rules: any long enough varied passphrase passes', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z ]{3,}$/).filter((s) => s.length >= 12 && s.length <= 256 && new Set(s).size > 4),
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
