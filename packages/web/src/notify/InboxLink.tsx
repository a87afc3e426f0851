/** "Notifications" with the unread count as a badge: for the care team's header. */
import { useI18n } from '../i18n/I18nProvider.tsx';
import { href } from '../router.ts';
import { UnreadBadge } from './UnreadBadge.tsx';

export function InboxLink({ className }: { className?: string }) {
  const { t } = useI18n();
  return (
    <a className={className} href={href('/inbox')}>
      {t('notify.nav')}
      <UnreadBadge />
    </a>
  );
}
