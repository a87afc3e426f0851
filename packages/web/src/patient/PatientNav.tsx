/** The patient's pages in one row under the header: Today, Medicines, Visits; the current one is marked for screen readers. */
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/index.ts';
import { href } from '../router.ts';
import type { Route } from '../router.ts';
import './patient.css';

const PAGES: readonly { route: Route; label: MessageKey }[] = [
  { route: '/', label: 'nav.today' },
  { route: '/medicines', label: 'nav.medicines' },
  { route: '/visits', label: 'nav.visits' },
];

export function PatientNav({ route }: { route: Route }) {
  const { t } = useI18n();
  return (
    <nav className="patient-nav" aria-label={t('nav.patient')}>
      <ul>
        {PAGES.map((page) => (
          <li key={page.route}>
            <a href={href(page.route)} aria-current={route === page.route ? 'page' : undefined}>
              {t(page.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
