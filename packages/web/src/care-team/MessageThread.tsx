/** The secure thread with the patient: oldest first, with who wrote each message; not for emergencies. */
import { api } from '../api/client.ts';
import type { Message, PatientRecord } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { emergencyNumberFor } from '../patient/emergency-numbers.ts';
import { FormMessage } from '../ui/Field.tsx';
import { MessageComposerForm, useMessageComposer } from '../ui/MessageComposer.tsx';
import { formatInstant } from './format.ts';

export function MessageThread({ record, onSent }: { record: PatientRecord; onSent: (message: Message) => void }) {
  const { t, locale } = useI18n();
  const composer = useMessageComposer({
    emptyError: t('record.messageRequired'),
    sentNote: t('record.sent'),
    deliver: (body) => api.sendMessage(record.patient.id, body),
    afterSent: ({ message }) => {
      onSent(message);
    },
  });
  const messages = [...record.messages].reverse();

  return (
    <section aria-labelledby="messages-title">
      <h2 id="messages-title">{t('record.messages')}</h2>
      <p className="not-for-emergencies">
        {t('record.notForEmergencies', { number: emergencyNumberFor(record.patient.country) })}
      </p>
      {messages.length === 0 ? (
        <p className="muted">{t('record.noMessages')}</p>
      ) : (
        <ol className="thread">
          {messages.map((message) => {
            const author = record.people[message.authorId];
            const fromTeam = author?.role === 'admin' || author?.role === 'clinician';
            return (
              <li key={message.id} className={fromTeam ? 'from-team' : 'from-patient'}>
                <p className="thread-meta">
                  {t('record.from', { name: author?.name ?? t('alerts.someone') })} ·{' '}
                  {formatInstant(locale, message.createdAt)}
                </p>
                <p>{message.body}</p>
              </li>
            );
          })}
        </ol>
      )}
      <MessageComposerForm
        composer={composer}
        label={t('record.messageLabel', { name: record.patient.name })}
        sendLabel={t('record.send')}
      >
        {composer.error !== null && <FormMessage>{composer.error}</FormMessage>}
        {composer.done !== null && <FormMessage tone="success">{composer.done}</FormMessage>}
      </MessageComposerForm>
    </section>
  );
}
