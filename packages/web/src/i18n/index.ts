/**
 * The app's languages: the words before sign-in (shell.ts, both languages, always here), the rest loaded for the
 * active language only (`loadWords`), `format` for `{name}` placeholders, and the language chosen on this device.
 */
import type { Messages } from './en.ts';
import { shellEn, shellEs } from './shell.ts';
import type { ShellKey } from './shell.ts';

export type MessageKey = ShellKey | keyof Messages;
export type { Messages };
export type Language = 'en' | 'es';
export const LANGUAGES: readonly Language[] = ['en', 'es'];

const SHELL: Record<Language, Record<ShellKey, string>> = { en: shellEn, es: shellEs };

/** Each language's words beyond the shell: a chunk of its own, so a device downloads only the language it shows. */
const IMPORTERS: Record<Language, () => Promise<Messages>> = {
  en: () => import('./en.ts').then((module) => module.en),
  es: () => import('./es.ts').then((module) => module.es),
};

const loaded: Partial<Record<Language, Messages>> = {};

/** A promise that also says whether it settled, in the fields React's `use()` reads, so loaded words never suspend. */
type TrackedPromise = Promise<void> & { status?: 'pending' | 'fulfilled' | 'rejected'; value?: undefined };
const loading = new Map<Language, TrackedPromise>();

/** Loads a language's words beyond the shell. The same promise while it lasts; after a failure the next call tries again. */
export function loadWords(language: Language): Promise<void> {
  let promise = loading.get(language);
  if (promise === undefined) {
    const tracked: TrackedPromise = IMPORTERS[language]().then(
      (words) => {
        loaded[language] = words;
        tracked.status = 'fulfilled';
        tracked.value = undefined;
      },
      (error: unknown) => {
        loading.delete(language);
        throw error;
      },
    );
    tracked.status = 'pending';
    promise = tracked;
    loading.set(language, promise);
  }
  return promise;
}

/** Whether `translate` has every word of this language (else only the shell's). */
export function hasAllWords(language: Language): boolean {
  return loaded[language] !== undefined;
}

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

/**
 * The text of a key in a language. A key whose words are not loaded yet shows itself, so a screen rendered without
 * waiting for `loadWords` (see `AllWords` in I18nProvider.tsx) is noticed rather than blank.
 */
export function translate(language: Language, key: MessageKey, values?: Record<string, string | number>): string {
  const template =
    (SHELL[language] as Record<string, string | undefined>)[key] ?? loaded[language]?.[key as keyof Messages];
  return template === undefined ? key : format(template, values);
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
