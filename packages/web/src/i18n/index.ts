/** The app's languages: the dictionaries, `format` for `{name}` placeholders, and the language chosen on this device. */
import { en } from './en.ts';
import type { MessageKey, Messages } from './en.ts';
import { es } from './es.ts';

export type { MessageKey, Messages };
export type Language = 'en' | 'es';
export const LANGUAGES: readonly Language[] = ['en', 'es'];
export const DICTIONARIES: Record<Language, Messages> = { en, es };

const STORAGE_KEY = 'aftercare.language';

export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'es';
}

/** Replaces `{name}` placeholders with values; unknown placeholders stay visible so a missing value is noticed. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

/** The placeholders a template uses, sorted: translations must use the same ones. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

export function translate(language: Language, key: MessageKey, values?: Record<string, string | number>): string {
  return format(DICTIONARIES[language][key], values);
}

/** The language picked on this device, else the browser's (Spanish if it prefers Spanish), else English. */
export function initialLanguage(stored: string | null, browserLanguages: readonly string[]): Language {
  if (isLanguage(stored)) {
    return stored;
  }
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) {
      return base;
    }
  }
  return 'en';
}

/** Whether someone picked a language on this device (else the signed-in user's language may be adopted). */
export function hasStoredLanguage(): boolean {
  try {
    return isLanguage(localStorage.getItem(STORAGE_KEY));
  } catch {
    return false;
  }
}

export function loadLanguage(): Language {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be blocked (private mode): fall back to the browser's language.
  }
  return initialLanguage(stored, navigator.languages);
}

export function saveLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not fatal: the choice lasts for this visit only.
  }
}
