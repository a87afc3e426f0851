import { describe, expect, it } from 'vitest';
import { DICTIONARIES, format, initialLanguage, LANGUAGES, placeholdersOf } from './index.ts';

describe('dictionaries', () => {
  const englishKeys = Object.keys(DICTIONARIES.en).sort();

  it.each(LANGUAGES)('%s has exactly the English keys', (language) => {
    expect(Object.keys(DICTIONARIES[language]).sort()).toEqual(englishKeys);
  });

  it.each(LANGUAGES)('%s uses the same placeholders as English and no empty text', (language) => {
    for (const key of englishKeys) {
      const text = DICTIONARIES[language][key as keyof typeof DICTIONARIES.en];
      expect(text.trim(), key).not.toBe('');
      expect(placeholdersOf(text), key).toEqual(placeholdersOf(DICTIONARIES.en[key as keyof typeof DICTIONARIES.en]));
    }
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('Day {n} of {total}', { n: 3 })).toBe('Day 3 of {total}');
  });
});

describe('initialLanguage', () => {
  it('prefers the stored choice, then the browser, then English', () => {
    expect(initialLanguage('es', ['en-US'])).toBe('es');
    expect(initialLanguage(null, ['es-MX', 'en'])).toBe('es');
    expect(initialLanguage('fr', ['de-DE', 'EN-gb'])).toBe('en');
    expect(initialLanguage(null, [])).toBe('en');
  });
});
