/** The "Back" link at the top of a screen that is one step below another (the home screen unless `to` says). */
import { useI18n } from '../i18n/I18nProvider.tsx';
import { href } from '../router.ts';
import type { Route } from '../router.ts';

export function BackLink({ to = '/', label }: { to?: Route; label?: string }) {
  const { t } = useI18n();
  return (
    <p>
      <a className="back-link" href={href(to)}>
        {label ?? t('app.back')}
      </a>
    </p>
  );
}
