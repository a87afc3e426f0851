/** The language of the app for every component: `useI18n()` gives `t`, the language and a way to change it. */
import { createContext, startTransition, use, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { loadLanguage, loadWords, saveLanguage, translate } from './index.ts';
import type { Language, MessageKey } from './index.ts';

export interface I18n {
  language: Language;
  /** BCP 47 locale for Intl formatting. */
  locale: string;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  setLanguage: (language: Language) => void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(loadLanguage);

  useEffect(() => {
    // Screen readers pick their voice from <html lang>.
    document.documentElement.lang = language;
    document.title = translate(language, 'app.name');
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    saveLanguage(next);
    // A transition: a screen that needs the new language's words (see AllWords) keeps showing the old ones until
    // they arrive, instead of flashing a loading state.
    startTransition(() => {
      setLanguageState(next);
    });
  }, []);

  const value = useMemo<I18n>(
    () => ({
      language,
      locale: language === 'es' ? 'es' : 'en',
      t: (key, values) => translate(language, key, values),
      setLanguage,
    }),
    [language, setLanguage],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) {
    throw new Error('useI18n() needs an <I18nProvider> above it.');
  }
  return value;
}

/**
 * Renders its children once every word of the active language is loaded (only the shell's words are in the first
 * chunk). Suspends meanwhile, so it needs a <Suspense> above it, and an error boundary for a chunk that cannot load.
 */
export function AllWords({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  use(loadWords(language));
  return children;
}
