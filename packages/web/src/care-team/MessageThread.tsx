/** The secure thread with the patient: oldest first, with who wrote each message; not for emergencies. */
import { useId, useState } from 'react';
import type { SubmitEvent } from 'react';
import { api } from '../api/client.ts';
import type { Message, PatientRecord } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { emergencyNumberFor } from '../patient/emergency-numbers.ts';
import { FormMessage } from '../ui/Field.tsx';
import { describeError } from '../ui/form-errors.ts';
import { formatInstant } from './format.ts';

export function MessageThread({ record, onSent }: { record: PatientRecord; onSent: (message: Message) => void }) {
  const { t, locale } = useI18n();
  const fieldId = useId();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const messages = [...record.messages].reverse();

  async function send(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setDone(null);
    if (body.trim() === '') {
      setError(t('record.messageRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { message } = await api.sendMessage(record.patient.id, body.trim());
      setBody('');
      setDone(t('record.sent'));
      onSent(message);
    } catch (failure) {
      setError(describeError(t, failure));
    } finally {
      setBusy(false);
    }
  }

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
      <form noValidate onSubmit={(event) => void send(event)}>
        {error !== null && <FormMessage>{error}</FormMessage>}
        {done !== null && <FormMessage tone="success">{done}</FormMessage>}
        <div className="field">
          <label htmlFor={fieldId}>{t('record.messageLabel', { name: record.patient.name })}</label>
          <textarea
            id={fieldId}
            rows={3}
            maxLength={5000}
            value={body}
            onChange={(event) => {
              setBody(event.target.value);
            }}
          />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t('record.send')}
        </button>
      </form>
    </section>
  );
}
