/**
 * The patient's pages under the header: the three used most in one row, the rest behind "More" (so all fit at
 * 360 px); the current page is marked for screen readers. Also keeps waiting check-ins sending, and says so.
 */
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/index.ts';
import { href } from '../router.ts';
import type { Route } from '../router.ts';
import { PendingCheckIns } from './PendingCheckIns.tsx';
import { UnreadBadge } from '../notify/UnreadBadge.tsx';
import { useCheckInSync } from './use-check-in-queue.ts';
import './patient.css';
import './patient-app.css';

interface Page {
  route: Route;
  label: MessageKey;
}

const MAIN_PAGES: readonly Page[] = [
  { route: '/', label: 'nav.today' },
  { route: '/medicines', label: 'nav.medicines' },
  { route: '/visits', label: 'nav.visits' },
];

/** Screens of other areas (the list to carry, messages, inbox) join this list with one line each. */
const MORE_PAGES: readonly Page[] = [
  { route: '/inbox', label: 'notify.nav' },
  { route: '/check-in', label: 'patient.nav.checkIn' },
  { route: '/carry', label: 'carry.nav' },
  { route: '/history', label: 'patient.nav.history' },
  { route: '/activity', label: 'patient.nav.activity' },
  { route: '/learn', label: 'patient.nav.learn' },
  { route: '/settings', label: 'patient.nav.settings' },
  { route: '/messages', label: 'careteam.messages.nav' },
  { route: '/caregiver', label: 'careteam.caregiver.nav' },
];

export function PatientNav({ route, patientId }: { route: Route; patientId: string }) {
  const { t } = useI18n();
  useCheckInSync(patientId);
  const inMore = MORE_PAGES.some((page) => page.route === route);
  return (
    <>
      <nav className="patient-nav" aria-label={t('nav.patient')}>
        <ul>
          {MAIN_PAGES.map((page) => (
            <li key={page.route}>
              <a href={href(page.route)} aria-current={route === page.route ? 'page' : undefined}>
                {t(page.label)}
              </a>
            </li>
          ))}
          <li className="patient-nav-more">
            {/* Keyed by route: the menu closes after each move. */}
            <details key={route}>
              <summary className={inMore ? 'current' : undefined}>
                {t('patient.nav.more')}
                <UnreadBadge />
              </summary>
              <ul className="more-menu">
                {MORE_PAGES.map((page) => (
                  <li key={page.route}>
                    <a href={href(page.route)} aria-current={route === page.route ? 'page' : undefined}>
                      {t(page.label)}
                      {page.route === '/inbox' && <UnreadBadge />}
                    </a>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        </ul>
      </nav>
      {/* The check-in's own answer says whether it was sent: no second notice above the call button there. */}
      <PendingCheckIns patientId={patientId} showWaiting={route !== '/check-in'} />
    </>
  );
}
