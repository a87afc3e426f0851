/** "Subscribe in my phone's calendar": make a private feed link (shown once), copy it or open it as webcal://, or turn it off. */
import { useCallback, useEffect, useId, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormMessage } from '../ui/Field.tsx';
import { describeError } from '../ui/form-errors.ts';
import { formatDateTimeIn } from '../patient/zoned-time.ts';
import { carryApi } from './carry-api.ts';
import type { CalendarFeedState, NewCalendarFeed } from './carry-api.ts';

export function CalendarFeedPanel({ patientId, timeZone }: { patientId: string; timeZone: string }) {
  const { t, locale } = useI18n();
  const titleId = useId();
  const linkId = useId();
  const [feed, setFeed] = useState<CalendarFeedState | null>(null);
  const [made, setMade] = useState<NewCalendarFeed | null>(null);
  const [includeDoses, setIncludeDoses] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      const state = await carryApi.calendarFeed(patientId);
      setFeed(state.feed);
      setIncludeDoses(state.feed?.includeDoses ?? false);
    } catch (failure) {
      setError(failure);
    }
  }, [patientId]);

  useEffect(() => {
    void load();
  }, [load]);

  async function make(): Promise<void> {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const next = await carryApi.makeCalendarFeed(patientId, includeDoses);
      setMade(next);
      setFeed({ includeDoses: next.includeDoses, createdAt: next.createdAt });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  async function turnOff(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await carryApi.turnOffCalendarFeed(patientId);
      setFeed(null);
      setMade(null);
      setNotice(t('carry.feed.offDone'));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  async function copy(url: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(url);
      setNotice(t('carry.feed.copied'));
    } catch {
      setNotice(t('carry.feed.copyFailed'));
    }
  }

  return (
    <section className="card calendar-feed" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('carry.feed.title')}</h2>
      <p>{t('carry.feed.intro')}</p>
      {feed && (
        <p>
          {t('carry.feed.isOn', { time: formatDateTimeIn(timeZone, new Date(feed.createdAt), locale) })}{' '}
          {t(feed.includeDoses ? 'carry.feed.withDoses' : 'carry.feed.visitsOnly')}
        </p>
      )}
      {made && (
        <div className="calendar-feed-link">
          <p>
            <strong>{t('carry.feed.showOnce')}</strong>
          </p>
          <div className="field">
            <label htmlFor={linkId}>{t('carry.feed.link')}</label>
            <input
              id={linkId}
              type="text"
              readOnly
              value={made.url}
              onFocus={(event) => {
                event.currentTarget.select();
              }}
            />
          </div>
          <div className="actions">
            <button type="button" onClick={() => void copy(made.url)}>
              {t('carry.feed.copy')}
            </button>
            <a className="button" href={made.webcalUrl}>
              {t('carry.feed.open')}
            </a>
          </div>
        </div>
      )}
      <label className="choice">
        <input
          type="checkbox"
          checked={includeDoses}
          onChange={(event) => {
            setIncludeDoses(event.target.checked);
          }}
        />
        <span>{t('carry.feed.doses')}</span>
      </label>
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void make()}>
          {t(feed ? 'carry.feed.remake' : 'carry.feed.make')}
        </button>
        {feed && (
          <button type="button" disabled={busy} onClick={() => void turnOff()}>
            {t('carry.feed.off')}
          </button>
        )}
      </div>
      <div role="status">{notice && <p>{notice}</p>}</div>
      {error !== null && <FormMessage>{describeError(t, error)}</FormMessage>}
    </section>
  );
}
