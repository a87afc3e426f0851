/** The patient's messages with the care team (#/messages): not for emergencies, with the emergency number shown. */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { careteamApi } from '../api/careteam.ts';
import type { Message } from '../api/types.ts';
import { useUser } from '../auth/session.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatInstant } from '../care-team/format.ts';
import { FormMessage } from '../ui/Field.tsx';
import { describeError } from '../ui/form-errors.ts';
import { MessageComposerForm, useMessageComposer } from '../ui/MessageComposer.tsx';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { emergencyNumberFor } from './emergency-numbers.ts';
import './careteam-patient.css';

export function MessagesScreen({ patientId }: { patientId: string }) {
  const { t, locale } = useI18n();
  const user = useUser();
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [unread, setUnread] = useState(0);
  const [country, setCountry] = useState<string | null>(null);
  const readOnly = user.role === 'caregiver';

  const composer = useMessageComposer({
    emptyError: t('careteam.messages.empty'),
    sentNote: t('careteam.messages.sent'),
    deliver: (body) => api.sendMessage(patientId, body),
    afterSent: async () => {
      setUnread(0);
      await load();
    },
  });
  const { error, setError } = composer;

  const load = useCallback(async () => {
    try {
      const [thread, record] = await Promise.all([careteamApi.messages(patientId), api.patient(patientId)]);
      setMessages(thread.messages);
      setUnread(thread.unread);
      setCountry(record.patient.country);
      if (thread.unread > 0) {
        await careteamApi.markMessagesRead(patientId);
      }
    } catch (failure) {
      setError(describeError(t, failure));
    }
  }, [patientId, t, setError]);

  useEffect(() => {
    void load();
  }, [load]);

  const oldestFirst = [...(messages ?? [])].reverse();
  return (
    <section className="screen narrow patient-messages">
      <ScreenTitle>{t('careteam.messages.title')}</ScreenTitle>
      <p className="not-for-emergencies" data-testid="not-for-emergencies">
        {t('careteam.messages.notForEmergencies', { number: emergencyNumberFor(country) })}{' '}
        <a href={`tel:${emergencyNumberFor(country)}`}>{emergencyNumberFor(country)}</a>
      </p>
      {unread > 0 && <p className="unread-note">{t('careteam.messages.newCount', { n: unread })}</p>}
      {messages === null && error === null && <p className="loading">{t('app.loading')}</p>}
      {messages !== null && messages.length === 0 && <p className="muted">{t('careteam.messages.none')}</p>}
      {oldestFirst.length > 0 && (
        <ol className="thread">
          {oldestFirst.map((message) => {
            const mine = message.authorId === user.id;
            return (
              <li key={message.id} className={mine ? 'from-patient' : 'from-team'}>
                <p className="thread-meta">
                  {mine ? t('careteam.messages.you') : t('careteam.messages.team')} ·{' '}
                  {formatInstant(locale, message.createdAt)}
                </p>
                <p>{message.body}</p>
              </li>
            );
          })}
        </ol>
      )}
      {error !== null && <FormMessage>{error}</FormMessage>}
      {composer.done !== null && <FormMessage tone="success">{composer.done}</FormMessage>}
      {!readOnly && (
        <MessageComposerForm
          composer={composer}
          label={t('careteam.messages.label')}
          sendLabel={t('careteam.messages.send')}
        />
      )}
    </section>
  );
}

/** How often moving between screens may ask again for the unread count (each ask is an audited read). */
const RECHECK_MS = 30_000;

/** "3 new messages" under the patient's navigation, linking to the thread; nothing when all is read. */
export function UnreadMessagesNote({ patientId }: { patientId: string }) {
  const { t } = useI18n();
  const [unread, setUnread] = useState(0);
  const [onThread, setOnThread] = useState(() => window.location.hash === '#/messages');
  useEffect(() => {
    let current = true;
    let lastAsked = 0;
    const check = () => {
      lastAsked = Date.now();
      careteamApi.messages(patientId).then(
        (thread) => {
          if (current) {
            setUnread(thread.unread);
          }
        },
        () => {
          // Offline: keep what we had.
        },
      );
    };
    const moved = () => {
      const nowOnThread = window.location.hash === '#/messages';
      setOnThread(nowOnThread);
      if (nowOnThread) {
        // The thread marks itself read when it opens.
        setUnread(0);
      } else if (Date.now() - lastAsked > RECHECK_MS) {
        check();
      }
    };
    check();
    window.addEventListener('hashchange', moved);
    return () => {
      current = false;
      window.removeEventListener('hashchange', moved);
    };
  }, [patientId]);
  if (unread === 0 || onThread) {
    return null;
  }
  return (
    <p className="unread-note patient-unread" data-testid="patient-unread">
      <a href="#/messages">{t('careteam.messages.navUnread', { n: unread })}</a>
    </p>
  );
}
