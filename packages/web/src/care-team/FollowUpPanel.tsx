/** Closing the follow-up (recovered, or another reason, with a note) and reopening it, from the record. */
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { careteamApi } from '../api/careteam.ts';
import type { CareteamRecord } from '../api/careteam.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormMessage } from '../ui/Field.tsx';
import { describeError } from '../ui/form-errors.ts';
import { DraftText } from './DraftFields.tsx';
import { formatInstant } from './format.ts';

export function FollowUpPanel({ record, onChanged }: { record: CareteamRecord; onChanged: (message: string) => void }) {
  const { t, locale } = useI18n();
  const [closing, setClosing] = useState(false);
  const [reason, setReason] = useState<'recovered' | 'other'>('recovered');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { followUp } = record;

  async function run(action: () => Promise<unknown>, done: string): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await action();
      setClosing(false);
      setNote('');
      onChanged(done);
    } catch (failure) {
      setError(describeError(t, failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="record-follow-up">
      <h2 id="record-follow-up">{t('careteam.followUp.title')}</h2>
      {error !== null && <FormMessage>{error}</FormMessage>}
      {followUp.closedAt === null ? (
        <>
          <p>{t('careteam.followUp.open')}</p>
          {closing ? (
            <form
              noValidate
              onSubmit={(event: SubmitEvent<HTMLFormElement>) => {
                event.preventDefault();
                void run(
                  () => careteamApi.close(record.patient.id, reason, note.trim()),
                  t('careteam.followUp.closedDone'),
                );
              }}
            >
              <fieldset className="choices">
                <legend>{t('careteam.followUp.reason')}</legend>
                {(['recovered', 'other'] as const).map((value) => (
                  <label key={value} className="choice">
                    <input
                      type="radio"
                      name="closeReason"
                      value={value}
                      checked={reason === value}
                      onChange={() => {
                        setReason(value);
                      }}
                    />
                    <span>{t(`careteam.followUp.reason.${value}`)}</span>
                  </label>
                ))}
              </fieldset>
              <DraftText label={t('careteam.followUp.note')} value={note} onChange={setNote} />
              <button type="submit" className="primary" disabled={busy}>
                {t('careteam.followUp.confirm')}
              </button>{' '}
              <button
                type="button"
                onClick={() => {
                  setClosing(false);
                }}
              >
                {t('careteam.record.cancel')}
              </button>
            </form>
          ) : (
            <button
              type="button"
              onClick={() => {
                setClosing(true);
              }}
            >
              {t('careteam.followUp.close')}
            </button>
          )}
        </>
      ) : (
        <>
          <p className="follow-up-closed">
            {t('careteam.record.closed', {
              date: formatInstant(locale, followUp.closedAt),
              reason: t(`careteam.followUp.reason.${followUp.reason ?? 'other'}`),
            })}
            {followUp.note !== null && ` ${followUp.note}`}
          </p>
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              void run(() => careteamApi.reopen(record.patient.id), t('careteam.followUp.reopenedDone'));
            }}
          >
            {t('careteam.followUp.reopen')}
          </button>
        </>
      )}
    </section>
  );
}
