/** The patient's Today: day N, today's medicines with Take / Skip, the check-in prompt, the next visit, the disclaimer. */
import { useCallback, useEffect, useState } from 'react';
import type { CarePlan } from '@aftercare/core';
import { api } from '../api/client.ts';
import type { Appointment } from '../api/types.ts';
import { useUser } from '../auth/session.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { I18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/index.ts';
import { href } from '../router.ts';
import { FormMessage } from '../ui/Field.tsx';
import { describeError } from '../ui/form-errors.ts';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { cacheCountry } from './offline-cache.ts';
import { cachedToday, cacheToday } from './today-cache.ts';
import type { TodayData } from './today-cache.ts';
import { normalNow, planText } from './plan-view.ts';
import { todaysDoses } from './todays-doses.ts';
import type { DoseRow } from './todays-doses.ts';
import { usePlan } from './use-plan.ts';
import { PlanChangesCard } from './PlanChangesCard.tsx';
import { formatDateTimeIn, formatTimeIn } from './zoned-time.ts';

async function loadToday(patientId: string): Promise<TodayData> {
  const [record, meds, doses, visits] = await Promise.all([
    api.patient(patientId),
    api.medications(patientId),
    api.doses(patientId),
    api.appointments(patientId),
  ]);
  return {
    patient: record.patient,
    day: record.day,
    medications: meds.medications,
    doses: doses.doses,
    appointments: visits.appointments,
  };
}

export function TodayScreen({ patientId }: { patientId: string }) {
  const i18n = useI18n();
  const { t, language } = i18n;
  const user = useUser();
  const plan = usePlan();
  const [data, setData] = useState<TodayData | null>(null);
  const [error, setError] = useState<unknown>(null);
  /** When the Today on screen was saved, if it came from this device's copy (offline). */
  const [offlineSince, setOfflineSince] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const next = await loadToday(patientId);
      cacheCountry(next.patient.country);
      cacheToday(patientId, next, new Date());
      setData(next);
      setOfflineSince(null);
      setError(null);
    } catch (failure) {
      // No signal: the last Today seen on this device (day number brought up to date); a Today on screen stays.
      const cached = cachedToday(patientId, new Date());
      if (cached) {
        setData((current) => current ?? cached);
        setOfflineSince((current) => current ?? cached.savedAt);
      }
      setError(failure);
    }
  }, [patientId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const heading =
    data === null ? t('today.title') : data.day === 0 ? t('today.dayZero') : t('today.day', { n: data.day });

  return (
    <section className="screen today">
      <p className="muted">{t('today.greeting', { name: user.name })}</p>
      <ScreenTitle>{heading}</ScreenTitle>
      {error !== null && <FormMessage>{describeError(t, error)}</FormMessage>}
      {offlineSince !== null && data && (
        <p className="muted">
          {t('today.offlineCopy', {
            time: formatDateTimeIn(data.patient.timeZone, new Date(offlineSince), i18n.locale),
          })}
        </p>
      )}
      {data === null && error === null && <p className="loading">{t('app.loading')}</p>}
      {plan && data && <p className="normal-now">{normalNow(plan, language, data.day)}</p>}
      {data && <PlanChangesCard patientId={patientId} timeZone={data.patient.timeZone} />}

      <section className="card check-in-prompt" aria-labelledby="check-in-title">
        <h2 id="check-in-title">{t('today.checkIn')}</h2>
        <p>{t('today.checkInPrompt')}</p>
        <a className="button primary" href={href('/check-in')}>
          {t('today.checkInStart')}
        </a>
      </section>

      {data && <Medicines i18n={i18n} patientId={patientId} data={data} onLogged={() => void reload()} />}
      {data && <NextVisit i18n={i18n} data={data} plan={plan} />}
      {plan && (
        <aside className="disclaimer" aria-label={t('today.disclaimerTitle')}>
          <h2>{t('today.disclaimerTitle')}</h2>
          <p>{planText(plan, language, plan.disclaimerKey)}</p>
        </aside>
      )}
    </section>
  );
}

function Medicines({
  i18n,
  patientId,
  data,
  onLogged,
}: {
  i18n: I18n;
  patientId: string;
  data: TodayData;
  onLogged: () => void;
}) {
  const { t, locale } = i18n;
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const zone = data.patient.timeZone;
  const rows = todaysDoses(data.medications, data.doses, zone, new Date());

  async function log(row: DoseRow, status: 'taken' | 'skipped', rowKey: string): Promise<void> {
    setBusy(rowKey);
    setError(null);
    try {
      await api.logDose(patientId, {
        medicationId: row.medication.id,
        medicationVersion: row.medication.version,
        ...(row.scheduledFor ? { scheduledFor: row.scheduledFor.toISOString() } : {}),
        status,
      });
      onLogged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  }

  function when(row: DoseRow): string {
    const timing = row.medication.timing;
    switch (timing.type) {
      case 'fixed-times':
        return row.scheduledFor ? t('today.at', { time: formatTimeIn(zone, row.scheduledFor, locale) }) : '';
      case 'every-hours':
        return t('today.everyHours', { hours: timing.hours });
      case 'as-needed':
        return t('today.asNeeded', { max: timing.maxPerDay, hours: timing.minIntervalHours });
    }
  }

  return (
    <section aria-labelledby="medicines-title">
      <h2 id="medicines-title">{t('today.medicines')}</h2>
      {error !== null && <FormMessage>{describeError(t, error)}</FormMessage>}
      {rows.length === 0 && <p>{t('today.noMedicines')}</p>}
      <ul className="dose-list">
        {rows.map((row) => {
          const key = `${row.medication.id}@${row.scheduledFor?.toISOString() ?? 'any'}`;
          const whenText = when(row);
          const done = row.scheduledFor !== null && row.logged !== null;
          return (
            <li key={key} className="card dose">
              <p className="dose-name">
                <strong>{row.medication.name}</strong> {row.medication.amount}
              </p>
              <p className="muted">{whenText}</p>
              {row.logged && (
                <p className="dose-status" role="status">
                  {row.logged.status === 'taken'
                    ? t('today.taken', { time: formatTimeIn(zone, new Date(row.logged.at), locale) })
                    : t('today.skipped')}
                </p>
              )}
              {!done && (
                <div className="actions">
                  <button
                    type="button"
                    className="primary"
                    disabled={busy !== null}
                    aria-label={t('today.takeLabel', { name: row.medication.name, when: whenText })}
                    onClick={() => void log(row, 'taken', key)}
                  >
                    {t('today.take')}
                  </button>
                  {row.scheduledFor !== null && (
                    <button
                      type="button"
                      disabled={busy !== null}
                      aria-label={t('today.skipLabel', { name: row.medication.name, when: whenText })}
                      onClick={() => void log(row, 'skipped', key)}
                    >
                      {t('today.skip')}
                    </button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <p>
        <a href={href('/medicines')}>{t('today.seeMedicines')}</a>
      </p>
    </section>
  );
}

const WITH_KEYS: Record<Appointment['withWhom'], MessageKey> = {
  'primary-care': 'today.with.primary-care',
  hematologist: 'today.with.hematologist',
  other: 'today.with.other',
};

function NextVisit({ i18n, data, plan }: { i18n: I18n; data: TodayData; plan: CarePlan | null }) {
  const { t, locale, language } = i18n;
  const now = Date.now();
  const next = data.appointments
    .filter((visit) => visit.cancelledAt === null && Date.parse(visit.startsAt) >= now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  const visitText = next ? plan?.followUps.visits.find((visit) => visit.id === next.reason) : undefined;
  return (
    <section className="card" aria-labelledby="visit-title">
      <h2 id="visit-title">{t('today.nextVisit')}</h2>
      {next ? (
        <>
          <p>
            <strong>{formatDateTimeIn(data.patient.timeZone, new Date(next.startsAt), locale)}</strong>
          </p>
          <p>{t(WITH_KEYS[next.withWhom])}</p>
          <p>{visitText && plan ? planText(plan, language, visitText.textKey) : next.reason}</p>
          {next.location && <p className="muted">{next.location}</p>}
        </>
      ) : (
        <p>{t('today.noVisit')}</p>
      )}
      <p>
        <a href={href('/visits')}>{t('today.seeVisits')}</a>
      </p>
    </section>
  );
}
