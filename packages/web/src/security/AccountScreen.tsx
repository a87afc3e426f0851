/** "#/account" for the care team: change password, sign out everywhere, and (for admins) the way to the audit trail. */
import { useUser } from '../auth/session.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { PushToggle } from '../notify/PushToggle.tsx';
import { href } from '../router.ts';
import { BackLink } from '../ui/BackLink.tsx';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { SecuritySettings } from './SecuritySettings.tsx';

export function AccountScreen() {
  const { t } = useI18n();
  const user = useUser();
  return (
    <section className="screen narrow">
      <BackLink />
      <ScreenTitle>{t('security.account.title')}</ScreenTitle>
      <p className="muted">{user.email}</p>
      {user.role === 'admin' && (
        <p>
          <a href={href('/audit')}>{t('security.account.auditLink')}</a>
        </p>
      )}
      <PushToggle />
      <SecuritySettings />
    </section>
  );
}
