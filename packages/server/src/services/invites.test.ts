import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashSecret, newCode, normaliseCode } from './invites.ts';

describe('invite codes', () => {
  it('are 8 letters from the unambiguous alphabet, shown as two groups of four', () => {
    for (let i = 0; i < 200; i++) {
      expect(newCode()).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    }
  });

  it('read back the same however they are typed: case, spaces and dashes do not matter', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Array.from({ length: 50 }, newCode)), fc.boolean(), (code, lower) => {
        const typed = ` ${(lower ? code.toLowerCase() : code).replace('-', ' - ')} `;
        expect(normaliseCode(typed)).toBe(code.replace('-', ''));
      }),
    );
  });

  it('refuse what cannot be a code (a link token, ambiguous letters, the wrong length)', () => {
    expect(normaliseCode('ABCD-EFG0')).toBeNull();
    expect(normaliseCode('ABCD-EFGI')).toBeNull();
    expect(normaliseCode('ABCDEFG')).toBeNull();
    expect(normaliseCode('x'.repeat(43))).toBeNull();
    fc.assert(
      fc.property(fc.string(), (text) => {
        const code = normaliseCode(text);
        expect(code === null || /^[A-HJ-NP-Z2-9]{8}$/.test(code)).toBe(true);
      }),
    );
  });

  it('hash to 64 hex characters, never to the secret itself', () => {
    expect(hashSecret('ABCDEFGH')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret('ABCDEFGH')).not.toContain('ABCDEFGH');
  });
});
