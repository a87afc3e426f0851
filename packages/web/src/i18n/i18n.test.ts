import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { es } from './es.ts';
import { format, hasAllWords, initialLanguage, LANGUAGES, loadWords, placeholdersOf, translate } from './index.ts';
import { shellEn, shellEs } from './shell.ts';

/** Each language whole: the first chunk's words (shell) and those loaded on demand. */
const DICTIONARIES: Record<string, Record<string, string>> = { en: { ...shellEn, ...en }, es: { ...shellEs, ...es } };

describe('dictionaries', () => {
  const englishKeys = Object.keys(DICTIONARIES.en ?? {}).sort();

  it.each(LANGUAGES)('%s has exactly the English keys', (language) => {
    expect(Object.keys(DICTIONARIES[language] ?? {}).sort()).toEqual(englishKeys);
  });

  it.each(LANGUAGES)('%s uses the same placeholders as English and no empty text', (language) => {
    for (const key of englishKeys) {
      const text = DICTIONARIES[language]?.[key] ?? '';
      expect(text.trim(), key).not.toBe('');
      expect(placeholdersOf(text), key).toEqual(placeholdersOf(DICTIONARIES.en?.[key] ?? ''));
    }
  });

  it('puts each key in one place: the shell or the words loaded on demand', () => {
    expect(Object.keys(shellEn).filter((key) => key in en)).toEqual([]);
  });
});

describe('loading words', () => {
  it('has the shell words at once and the rest of a language after loadWords', async () => {
    expect(translate('es', 'signIn.title')).toBe('Iniciar sesión');
    await loadWords('es');
    expect(hasAllWords('es')).toBe(true);
    expect(translate('es', 'today.checkIn')).toBe(es['today.checkIn']);
    expect(translate('es', 'record.day', { n: 3 })).toBe('Día 3 de recuperación');
  });
});

/** Screens and parts shown before the words beyond the shell are loaded (outside AllWords): shell keys only. */
const SHOWN_BEFORE_LOADING = [
  'App.tsx',
  'auth/SignInScreen.tsx',
  'auth/SetupScreen.tsx',
  'patient/EmergencyScreen.tsx',
  'security/Passkeys.tsx',
  'ui/form-errors.ts',
  'ui/lazy-screen.tsx',
  'ui/ScreenBoundary.tsx',
];

describe('the first chunk', () => {
  it.each(SHOWN_BEFORE_LOADING)('%s uses only words of the shell', (file) => {
    const source = readFileSync(join(import.meta.dirname, '..', file), 'utf8');
    const keys = [...source.matchAll(/'([a-zA-Z]+\.[\w.-]+)'/g)]
      .map((m) => m[1] ?? '')
      .filter((key) => key in DICTIONARIES.en!);
    expect(keys.length, 'keys found').toBeGreaterThan(0);
    expect(keys.filter((key) => !(key in shellEn))).toEqual([]);
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
