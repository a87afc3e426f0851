import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailKey, toInstant, toJsonText } from './rows.ts';

// Years 1001..9998: ISO 8601 text has a fixed width there, even after shifting by a time-zone offset.
const instants = fc.date({
  min: new Date('1001-01-01T00:00:00Z'),
  max: new Date('9998-12-31T23:59:59.999Z'),
  noInvalidDate: true,
});

describe('stored instants', () => {
  it('sort as text exactly as they sort in time', () => {
    fc.assert(
      fc.property(instants, instants, (a, b) => {
        const [x, y] = [toInstant(a.toISOString()), toInstant(b.toISOString())];
        expect(x < y).toBe(a.getTime() < b.getTime());
        expect(x === y).toBe(a.getTime() === b.getTime());
      }),
    );
  });

  it('are UTC with milliseconds whatever offset came in, and stable', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: -14 * 60, max: 14 * 60 }), (date, offsetMinutes) => {
        const sign = offsetMinutes < 0 ? '-' : '+';
        const abs = Math.abs(offsetMinutes);
        const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23);
        const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        const stored = toInstant(`${local}${offset}`);
        expect(stored).toBe(date.toISOString());
        expect(toInstant(stored)).toBe(stored);
      }),
    );
  });

  it('refuse what is not an ISO 8601 instant', () => {
    for (const bad of ['', 'now', '1', 'Nov 25 2026', '2026-13-01T00:00:00Z', '2026-11-25 12:00']) {
      expect(() => toInstant(bad)).toThrow(/not valid/);
    }
  });
});

describe('e-mail keys', () => {
  it('are the same for any casing of the same address', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        expect(emailKey(email.toUpperCase())).toBe(emailKey(email));
        expect(emailKey(emailKey(email))).toBe(emailKey(email));
      }),
    );
  });
});

describe('JSON text', () => {
  it('round-trips JSON values, and stores undefined as null', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(toJsonText(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
    expect(toJsonText(undefined)).toBe('null');
  });
});
