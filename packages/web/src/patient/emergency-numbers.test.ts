import { describe, expect, it } from 'vitest';
import { countryFromLanguageTag, emergencyNumberFor, KNOWN_COUNTRIES } from './emergency-numbers.ts';

describe('emergencyNumberFor', () => {
  it.each([
    ['US', '911'],
    ['CA', '911'],
    ['MX', '911'],
    ['GB', '999'],
    ['AU', '000'],
    ['ES', '112'],
    ['DE', '112'],
    ['FR', '112'],
    ['IE', '112'],
  ])('%s → %s', (country, number) => {
    expect(emergencyNumberFor(country)).toBe(number);
  });

  it('ignores case and spaces', () => {
    expect(emergencyNumberFor(' us ')).toBe('911');
    expect(emergencyNumberFor('gb')).toBe('999');
  });

  it('falls back to 112 for unknown or missing countries', () => {
    expect(emergencyNumberFor('ZZ')).toBe('112');
    expect(emergencyNumberFor('')).toBe('112');
    expect(emergencyNumberFor(null)).toBe('112');
    expect(emergencyNumberFor(undefined)).toBe('112');
  });

  it('only ever answers digits', () => {
    for (const country of [...KNOWN_COUNTRIES, 'XX']) {
      expect(emergencyNumberFor(country)).toMatch(/^\d{3}$/);
    }
  });
});

describe('countryFromLanguageTag', () => {
  it('reads the region of a language tag', () => {
    expect(countryFromLanguageTag('es-MX')).toBe('MX');
    expect(countryFromLanguageTag('en-gb')).toBe('GB');
    expect(countryFromLanguageTag('zh-Hant-TW')).toBe('TW');
    expect(countryFromLanguageTag('es')).toBeNull();
    expect(countryFromLanguageTag(undefined)).toBeNull();
  });
});
