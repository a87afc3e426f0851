/** "#/audit" for administrators: the organisation's audit trail with filters, newest first, a page at a time. */
import { useCallback, useEffect, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { patientHref } from '../router.ts';
import { BackLink } from '../ui/BackLink.tsx';
import { FormMessage, formValues, TextField } from '../ui/Field.tsx';
import { describeError } from '../ui/form-errors.ts';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { securityApi } from './security-api.ts';
import type { AdminAuditEntry, AuditFilters } from './security-api.ts';
import './security.css';

/** A date field's "2026-11-25" as the start of that day in this browser's zone, in UTC. */
function startOfDay(date: string | undefined, plusDays = 0): string | undefined {
  if (date === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    return undefined;
  }
  const [year, month, day] = date.split('-').map(Number);
  return new Date(year ?? 0, (month ?? 1) - 1, (day ?? 1) + plusDays).toISOString();
}

export function AuditScreen() {
  const { t, locale } = useI18n();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [entries, setEntries] = useState<AdminAuditEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (chosen: AuditFilters, before?: string) => {
      setError(null);
      try {
        const page = await securityApi.audit(chosen, before);
        setEntries((old) => (before === undefined ? page.entries : [...(old ?? []), ...page.entries]));
        setNext(page.nextBefore);
      } catch (failure) {
        setError(describeError(t, failure));
      }
    },
    [t],
  );

  useEffect(() => {
    void load({});
  }, [load]);

  function apply(event: SubmitEvent<HTMLFormElement>): void {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const chosen: AuditFilters = {
      action: values.action?.trim(),
      patientId: values.patientId?.trim(),
      actorId: values.actorId?.trim(),
      from: startOfDay(values.from),
      // "To" includes the whole day chosen.
      to: startOfDay(values.to, 1),
    };
    setFilters(chosen);
    setEntries(null);
    void load(chosen);
  }

  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <section className="screen audit-screen">
      <BackLink to="/account" />
      <ScreenTitle>{t('security.audit.title')}</ScreenTitle>
      <details className="card audit-filters" open>
        <summary>{t('security.audit.filters')}</summary>
        <form noValidate onSubmit={apply}>
          <TextField name="action" label={t('security.audit.action')} hint={t('security.audit.actionHint')} />
          <TextField name="patientId" label={t('security.audit.patientId')} />
          <TextField name="actorId" label={t('security.audit.actorId')} />
          <TextField name="from" type="date" label={t('security.audit.from')} />
          <TextField name="to" type="date" label={t('security.audit.to')} />
          <button type="submit" className="primary">
            {t('security.audit.apply')}
          </button>
        </form>
      </details>
      <FormMessage>{error}</FormMessage>
      {entries === null && error === null && <p className="loading">{t('app.loading')}</p>}
      {entries?.length === 0 && <p>{t('security.audit.empty')}</p>}
      {entries !== null && entries.length > 0 && (
        <table className="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('security.audit.when')}</th>
              <th scope="col">{t('security.audit.who')}</th>
              <th scope="col">{t('security.audit.what')}</th>
              <th scope="col">{t('security.audit.patient')}</th>
              <th scope="col">{t('security.audit.address')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td data-label={t('security.audit.when')}>
                  <time dateTime={entry.at}>{when.format(new Date(entry.at))}</time>
                </td>
                <td data-label={t('security.audit.who')}>
                  {entry.actor === null
                    ? '—'
                    : `${entry.actor.name ?? t('security.audit.gone')}${entry.actor.role === null ? '' : ` · ${entry.actor.role}`}`}
                </td>
                <td data-label={t('security.audit.what')}>
                  <code>{entry.action}</code>
                </td>
                <td data-label={t('security.audit.patient')}>
                  {entry.patientId === null ? (
                    '—'
                  ) : entry.patientName === null ? (
                    <span className="muted">{t('security.audit.gone')}</span>
                  ) : (
                    <a href={patientHref(entry.patientId)}>{entry.patientName}</a>
                  )}
                </td>
                <td data-label={t('security.audit.address')}>{entry.ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next !== null && (
        <button type="button" onClick={() => void load(filters, next)}>
          {t('security.audit.more')}
        </button>
      )}
    </section>
  );
}
