/** One alert: its level, the reasons and the patient's own words; acknowledge it with a note, then resolve it. */
import { useId, useState } from 'react';
import type { SubmitEvent } from 'react';
import type { CarePlan } from '@aftercare/core';
import { api } from '../api/client.ts';
import type { AlertDetail } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { signLabel } from '../patient/plan-view.ts';
import { patientHref } from '../router.ts';
import { FormMessage } from '../ui/Field.tsx';
import { describeError } from '../ui/form-errors.ts';
import { formatInstant, readCheckIn, readReasons } from './format.ts';

export interface AlertCardProps {
  alert: AlertDetail;
  plan: CarePlan | null;
  /** Heading level of the card's title (3 under a section's h2). */
  headingLevel?: 3 | 4;
  /** Called after a change was stored, with a sentence for the screen's status line. */
  onChanged: (message: string) => void;
}

export function AlertCard({ alert, plan, headingLevel = 3, onChanged }: AlertCardProps) {
  const { t, locale, language } = useI18n();
  const titleId = useId();
  const noteId = useId();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const Sub = headingLevel === 3 ? 'h4' : 'h5';
  const said = readCheckIn(alert.checkIn.payload);
  const reasons = readReasons(alert.checkIn.triage);
  const levelText = t(alert.level === 'emergency' ? 'alerts.level.emergency' : 'alerts.level.contact-provider');

  async function act(run: () => Promise<unknown>, done: string): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await run();
      setNote('');
      onChanged(done);
    } catch (failure) {
      setError(describeError(t, failure));
      // Someone else may have acted meanwhile: show the alert as it is now.
      onChanged('');
    } finally {
      setBusy(false);
    }
  }

  function acknowledge(event: SubmitEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (note.trim() === '') {
      setError(t('alerts.noteRequired'));
      return;
    }
    void act(
      () => api.acknowledgeAlert(alert.id, note.trim()),
      t('alerts.doneAcknowledged', { name: alert.patientName }),
    );
  }

  return (
    <article className={`card alert-card alert-card-${alert.level}`} aria-labelledby={titleId}>
      <Heading id={titleId} className="card-title">
        <span className={`need-badge need-badge-${alert.level}`}>{levelText}</span>{' '}
        <a href={patientHref(alert.patientId)}>{alert.patientName}</a>
      </Heading>
      <p className="muted">{t('alerts.raised', { time: formatInstant(locale, alert.createdAt) })}</p>
      {alert.escalatedAt !== null && alert.status === 'open' && (
        <p className="escalated">{t('alerts.escalated', { time: formatInstant(locale, alert.escalatedAt) })}</p>
      )}
      {reasons.length > 0 && (
        <>
          <Sub className="alert-sub">{t('alerts.reasons')}</Sub>
          <ul className="reason-list">
            {reasons.map((reason, index) => (
              <li key={`${reason.sign}-${index}`}>
                <strong>{plan ? signLabel(plan, language, reason.sign) : reason.sign.replace(/-/g, ' ')}</strong>
                {reason.evidence !== '' && (
                  <span className="evidence">{t('checkIn.evidence', { text: reason.evidence })}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <Sub className="alert-sub">{t('alerts.words')}</Sub>
      {said.text === null ? (
        <p className="muted">{t('alerts.noWords')}</p>
      ) : (
        <blockquote className="patient-words" lang={said.language ?? undefined}>
          {said.text}
        </blockquote>
      )}
      {error !== null && error !== '' && <FormMessage>{error}</FormMessage>}
      {alert.status === 'open' && (
        <form className="alert-action" noValidate onSubmit={acknowledge}>
          <p className="waiting">{t('alerts.waiting')}</p>
          <label htmlFor={noteId}>{t('alerts.note')}</label>
          <textarea
            id={noteId}
            rows={2}
            value={note}
            maxLength={2000}
            onChange={(event) => {
              setNote(event.target.value);
            }}
          />
          <button
            type="submit"
            className="primary"
            disabled={busy}
            aria-label={t('alerts.acknowledgeFor', { name: alert.patientName })}
          >
            {t('alerts.acknowledge')}
          </button>
        </form>
      )}
      {alert.status !== 'open' && alert.acknowledgedAt !== null && (
        <div className="acknowledged">
          <p>
            {t('alerts.acknowledged', {
              name: alert.acknowledgedByName ?? t('alerts.someone'),
              time: formatInstant(locale, alert.acknowledgedAt),
            })}
          </p>
          {alert.acknowledgeNote !== null && alert.acknowledgeNote !== '' && (
            <blockquote className="team-note">{alert.acknowledgeNote}</blockquote>
          )}
        </div>
      )}
      {alert.status === 'acknowledged' && (
        <button
          type="button"
          disabled={busy}
          aria-label={t('alerts.resolveFor', { name: alert.patientName })}
          onClick={() =>
            void act(() => api.resolveAlert(alert.id), t('alerts.doneResolved', { name: alert.patientName }))
          }
        >
          {t('alerts.resolve')}
        </button>
      )}
      {alert.status === 'resolved' && alert.resolvedAt !== null && (
        <p>
          {t('alerts.resolved', {
            name: alert.resolvedByName ?? t('alerts.someone'),
            time: formatInstant(locale, alert.resolvedAt),
          })}
        </p>
      )}
    </article>
  );
}
