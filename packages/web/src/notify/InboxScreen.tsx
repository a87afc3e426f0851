/** "Notifications": everything the server sent this person, newest first; tap one to read it and go where it leads. */
import { useCallback, useEffect, useState } from 'react';
import type { MouseEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { appendOlder, markedRead, safeLink } from './inbox-view.ts';
import { notifyApi } from './notify-api.ts';
import type { InboxNotification } from './notify-api.ts';
import { PushToggle } from './PushToggle.tsx';
import { setUnread } from './unread-count.ts';
import './notify.css';

const PAGE = 30;

type Loaded =
  | { state: 'loading' }
  | { state: 'failed' }
  | { state: 'ready'; notifications: InboxNotification[]; unread: number; next: string | null };

export function InboxScreen() {
  const { t, locale } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [busy, setBusy] = useState(false);

  const load = useCallback(async (): Promise<void> => {
    try {
      const inbox = await notifyApi.inbox({ limit: PAGE });
      setLoaded({
        state: 'ready',
        notifications: inbox.notifications,
        unread: inbox.unread,
        next: inbox.nextCursor,
      });
      setUnread(inbox.unread);
    } catch {
      setLoaded({ state: 'failed' });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

  async function open(event: MouseEvent<HTMLAnchorElement>, notification: InboxNotification): Promise<void> {
    event.preventDefault();
    if (notification.readAt === null && loaded.state === 'ready') {
      setLoaded({
        ...loaded,
        notifications: markedRead(loaded.notifications, notification.id, new Date().toISOString()),
        unread: loaded.unread - 1,
      });
      setUnread(loaded.unread - 1);
      try {
        await notifyApi.markRead(notification.id);
      } catch {
        // Still go: it shows as read here and the server learns it next time the list is read.
      }
    }
    window.location.hash = safeLink(notification.link);
  }

  async function markAll(): Promise<void> {
    if (loaded.state !== 'ready') {
      return;
    }
    setBusy(true);
    try {
      await notifyApi.markAllRead();
      setLoaded({
        ...loaded,
        notifications: markedRead(loaded.notifications, null, new Date().toISOString()),
        unread: 0,
      });
      setUnread(0);
    } catch {
      setLoaded({ state: 'failed' });
    } finally {
      setBusy(false);
    }
  }

  async function older(): Promise<void> {
    if (loaded.state !== 'ready' || loaded.next === null) {
      return;
    }
    setBusy(true);
    try {
      // The cursor names the last one shown: notifications made in the same instant are not skipped.
      const page = await notifyApi.inbox({ limit: PAGE, cursor: loaded.next });
      setLoaded({
        ...loaded,
        notifications: appendOlder(loaded.notifications, page.notifications),
        next: page.nextCursor,
      });
    } catch {
      setLoaded({ state: 'failed' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="screen narrow inbox">
      <ScreenTitle>{t('notify.title')}</ScreenTitle>
      <p className="muted">{t('notify.intro')}</p>
      <PushToggle />
      {loaded.state === 'loading' && <p className="loading">{t('app.loading')}</p>}
      {loaded.state === 'failed' && (
        <>
          <p role="alert" className="form-message form-message-error">
            {t('notify.loadFailed')}
          </p>
          <button type="button" onClick={() => void load()}>
            {t('app.retry')}
          </button>
        </>
      )}
      {loaded.state === 'ready' && (
        <>
          <div className="inbox-tools">
            <p className="inbox-count" aria-live="polite">
              {t('notify.unread', { count: loaded.unread })}
            </p>
            {loaded.unread > 0 && (
              <button type="button" disabled={busy} onClick={() => void markAll()}>
                {t('notify.markAllRead')}
              </button>
            )}
          </div>
          {loaded.notifications.length === 0 ? (
            <p>{t('notify.empty')}</p>
          ) : (
            <ul className="inbox-list">
              {loaded.notifications.map((notification) => {
                const unread = notification.readAt === null;
                return (
                  <li key={notification.id} className={unread ? 'inbox-item unread' : 'inbox-item'}>
                    <a href={safeLink(notification.link)} onClick={(event) => void open(event, notification)}>
                      <span className="inbox-title">
                        {unread && <span className="inbox-new">{t('notify.new')}</span>}
                        {notification.title}
                      </span>
                      <span className="inbox-body">{notification.body}</span>
                      <time className="inbox-time" dateTime={notification.createdAt}>
                        {when.format(new Date(notification.createdAt))}
                      </time>
                    </a>
                  </li>
                );
              })}
            </ul>
          )}
          {loaded.next !== null && (
            <button type="button" disabled={busy} onClick={() => void older()}>
              {t('notify.showOlder')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
