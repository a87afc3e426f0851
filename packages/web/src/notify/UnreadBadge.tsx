/** The unread count as a small badge (nothing when all is read); screen readers hear "3 new". */
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useUnreadCount } from './unread-count.ts';
import './notify.css';

export function UnreadBadge() {
  const { t } = useI18n();
  const unread = useUnreadCount();
  if (unread === 0) {
    return null;
  }
  return (
    <span className="unread-badge" data-unread={unread}>
      <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
      <span className="notify-sr">{` (${t('notify.unread', { count: unread })})`}</span>
    </span>
  );
}
