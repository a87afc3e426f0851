/** The header on every screen: the name, the one-tap Emergency button, the language picker and sign-out. */
import { Suspense, useId } from 'react';
import type { MouseEvent } from 'react';
import { useSession } from '../auth/session.ts';
import { AllWords, useI18n } from '../i18n/I18nProvider.tsx';
import { isLanguage, LANGUAGES } from '../i18n/index.ts';
import { href } from '../router.ts';
import { InboxLink } from '../notify/InboxLink.tsx';
import { ScreenBoundary } from './ScreenBoundary.tsx';

export function Header() {
  const { t, language, setLanguage } = useI18n();
  const { user, signOut } = useSession();
  const languageId = useId();
  return (
    <header className="top">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('app.skipToContent')}
      </a>
      <div className="top-row">
        <a className="brand" href={href('/')}>
          {t('app.name')}
        </a>
        <a className="emergency-button" href={href('/emergency')}>
          {t('nav.emergency')}
        </a>
      </div>
      <div className="top-row top-tools">
        <label className="language-picker" htmlFor={languageId}>
          <span>{t('lang.label')}</span>
          <select
            id={languageId}
            value={language}
            onChange={(event) => {
              if (isLanguage(event.target.value)) {
                setLanguage(event.target.value);
              }
            }}
          >
            {LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {t(code === 'en' ? 'lang.en' : 'lang.es')}
              </option>
            ))}
          </select>
        </label>
        {(user?.role === 'admin' || user?.role === 'clinician') && (
          // The care team's links use words beyond the first chunk's: shown once they are loaded.
          <ScreenBoundary fallback={null}>
            <Suspense fallback={null}>
              <AllWords>
                <CareTeamLinks />
              </AllWords>
            </Suspense>
          </ScreenBoundary>
        )}
        {user && (
          <button type="button" className="link-button" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </button>
        )}
      </div>
    </header>
  );
}

/** Rendered inside <AllWords>, so its words are read once they are loaded (the header's own `t` ran before). */
function CareTeamLinks() {
  const { t } = useI18n();
  return (
    <>
      <InboxLink className="link-button" />
      <a className="link-button" href={href('/account')}>
        {t('security.nav.account')}
      </a>
    </>
  );
}

/** The skip link moves focus without touching the hash, which belongs to the router. */
function skipToMain(event: MouseEvent<HTMLAnchorElement>): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}
