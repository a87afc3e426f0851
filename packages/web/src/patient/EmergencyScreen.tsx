/** The emergency screen: the local emergency number as a call link and the plan's emergency signs; works offline. */
import { useSyncExternalStore } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { href } from '../router.ts';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { countryFromLanguageTag, emergencyNumberFor } from './emergency-numbers.ts';
import { cachedCountry } from './offline-cache.ts';
import { emergencySignLabels } from './plan-view.ts';
import { usePlan } from './use-plan.ts';

function subscribeOnline(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

export function EmergencyScreen() {
  const { t, language } = useI18n();
  const plan = usePlan();
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine);
  // The patient's own country when known (kept on the device from their record); else a guess from the browser; else 112.
  const country = cachedCountry() ?? countryFromLanguageTag(navigator.language);
  const number = emergencyNumberFor(country);
  const signs = plan ? emergencySignLabels(plan, language) : [];

  return (
    <section className="screen emergency-screen">
      <ScreenTitle>{t('emergency.title')}</ScreenTitle>
      {!online && <p className="form-message form-message-error">{t('emergency.offline')}</p>}
      <p className="lead">{t('emergency.lead')}</p>
      <a className="call-button" href={`tel:${number}`}>
        {t('emergency.call', { number })}
      </a>
      <p className="muted">{t('emergency.callHelp', { number })}</p>
      <h2>{t('emergency.signs')}</h2>
      {signs.length > 0 ? (
        <ul className="sign-list">
          {signs.map((label) => (
            <li key={label}>{label}</li>
          ))}
        </ul>
      ) : (
        <p>{t('emergency.noSigns')}</p>
      )}
      <p>
        <a className="button" href={href('/')}>
          {t('app.back')}
        </a>
      </p>
    </section>
  );
}
