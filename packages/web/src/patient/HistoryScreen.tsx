/** History: pain and temperature over time, doses of the last week, and recovery beside the published donor figures. */
import { useState } from 'react';
import type { CarePlan } from '@aftercare/core';
import { daysBetween } from '@aftercare/core/schedule';
import { api } from '../api/client.ts';
import type { CheckInRecord, DoseEvent, Medication, Patient } from '../api/types.ts';
import { LineChart } from '../care-team/LineChart.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { I18n } from '../i18n/I18nProvider.tsx';
import { FormMessage } from '../ui/Field.tsx';
import { describeError } from '../ui/form-errors.ts';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { compareWithMedian, doseCounts, painSeries, temperatureSeries } from './history-view.ts';
import type { Point } from './history-view.ts';
import { patientApi } from './patient-api.ts';
import type { Milestone, TemperatureUnit } from './patient-api.ts';
import { planText } from './plan-view.ts';
import { convertTemperature, temperatureUnitFor, usePreferences } from './preferences.ts';
import { usePlan } from './use-plan.ts';
import { usePatientData } from './use-patient-data.ts';

interface HistoryData {
  patient: Patient;
  day: number;
  checkIns: CheckInRecord[];
  medications: Medication[];
  doses: DoseEvent[];
  milestones: Milestone[];
}

async function loadHistory(patientId: string): Promise<HistoryData> {
  const [record, checkIns, meds, doses, milestones] = await Promise.all([
    api.patient(patientId),
    patientApi.checkIns(patientId),
    api.medications(patientId),
    api.doses(patientId),
    patientApi.milestones(patientId),
  ]);
  return {
    patient: record.patient,
    day: record.day,
    checkIns: checkIns.checkIns,
    medications: meds.medications,
    doses: doses.doses,
    milestones: milestones.milestones,
  };
}

export function HistoryScreen({ patientId }: { patientId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const plan = usePlan();
  const { preferences } = usePreferences(patientId);
  const { data, error, reload } = usePatientData(patientId, loadHistory);

  const unit = temperatureUnitFor(preferences, data?.patient.country ?? null);
  return (
    <section className="screen history">
      <ScreenTitle>{t('patient.history.title')}</ScreenTitle>
      {error !== null && <FormMessage>{describeError(t, error)}</FormMessage>}
      {data === null && error === null && <p className="loading">{t('app.loading')}</p>}
      {data && <Charts i18n={i18n} data={data} unit={unit} plan={plan} />}
      {data && <Doses i18n={i18n} data={data} />}
      {data && plan && (
        <Recovery i18n={i18n} patientId={patientId} data={data} plan={plan} onChange={() => void reload()} />
      )}
    </section>
  );
}

function Charts({
  i18n,
  data,
  unit,
  plan,
}: {
  i18n: I18n;
  data: HistoryData;
  unit: TemperatureUnit;
  plan: CarePlan | null;
}) {
  const { t, locale } = i18n;
  const date = (iso: string): string =>
    new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: data.patient.timeZone }).format(
      new Date(iso),
    );
  const summary = (points: readonly Point[]): string => {
    const values = points.map((point) => point.value);
    return t('patient.history.chartSummary', {
      count: points.length,
      first: date(points[0]?.at ?? ''),
      last: date(points[points.length - 1]?.at ?? ''),
      min: Math.min(...values),
      max: Math.max(...values),
      latest: values[values.length - 1] ?? '',
    });
  };
  const pain = painSeries(data.checkIns);
  const temperature = temperatureSeries(data.checkIns, unit);
  const fever = plan
    ? convertTemperature(plan.settings.feverThreshold.value, plan.settings.feverThreshold.unit, unit)
    : null;
  const painTitle = t('patient.history.painChart');
  const temperatureTitle = t(unit === 'F' ? 'patient.history.temperatureChartF' : 'patient.history.temperatureChartC');
  const scale = unit === 'F' ? { min: 95, max: 106, ticks: [96, 100, 104] } : { min: 35, max: 41, ticks: [36, 38, 40] };
  return (
    <section aria-labelledby="history-charts" className="history-charts">
      <h2 id="history-charts">{t('patient.history.charts')}</h2>
      {pain.length === 0 ? (
        <p className="muted">{t('patient.history.noValues', { what: painTitle })}</p>
      ) : (
        <LineChart title={painTitle} summary={summary(pain)} points={pain} min={0} max={10} ticks={[0, 5, 10]} />
      )}
      {temperature.length === 0 ? (
        <p className="muted">{t('patient.history.noValues', { what: temperatureTitle })}</p>
      ) : (
        <>
          <LineChart
            title={temperatureTitle}
            summary={summary(temperature)}
            points={temperature}
            {...scale}
            {...(fever === null ? {} : { threshold: fever })}
          />
          {fever !== null && (
            <p className="muted">{t('patient.history.feverLine', { value: `${String(fever)} °${unit}` })}</p>
          )}
        </>
      )}
    </section>
  );
}

function Doses({ i18n, data }: { i18n: I18n; data: HistoryData }) {
  const { t } = i18n;
  const counts = doseCounts(data.medications, data.doses, data.patient.timeZone, new Date());
  return (
    <section aria-labelledby="history-doses">
      <h2 id="history-doses">{t('patient.history.doses')}</h2>
      {counts.length === 0 ? (
        <p>{t('patient.history.noDoses')}</p>
      ) : (
        <>
          {/* One card per medicine rather than a table: four columns do not fit 360 px in Spanish. */}
          <ul className="dose-counts">
            {counts.map((count) => (
              <li key={count.medicationId} className="card">
                <h3>{count.name}</h3>
                <dl>
                  <div>
                    <dt>{t('patient.history.taken')}</dt>
                    <dd>{count.taken}</dd>
                  </div>
                  <div>
                    <dt>{t('patient.history.skipped')}</dt>
                    <dd>{count.skipped}</dd>
                  </div>
                  <div className={count.missed > 0 ? 'missed' : undefined}>
                    <dt>{t('patient.history.missed')}</dt>
                    <dd>{count.missed}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
          <p className="muted">{t('patient.history.missedHelp')}</p>
        </>
      )}
    </section>
  );
}

function Recovery({
  i18n,
  patientId,
  data,
  plan,
  onChange,
}: {
  i18n: I18n;
  patientId: string;
  data: HistoryData;
  plan: CarePlan;
  onChange: () => void;
}) {
  const { t, language, locale } = i18n;
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { fullRecovery } = plan.recovery;
  const recovered = data.milestones.find((milestone) => milestone.kind === 'feels-recovered');
  const source = plan.recovery.sources.find((s) => s.id === fullRecovery.source)?.name ?? fullRecovery.source;
  const recoveredDay = recovered ? daysBetween(data.patient.procedureDate, recovered.reachedOn) : null;
  const dateText = (localDate: string): string =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${localDate}T12:00:00Z`));
  const comparison = recoveredDay === null ? null : compareWithMedian(recoveredDay, fullRecovery.medianDays);

  async function act(change: () => Promise<unknown>, done: string): Promise<void> {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      await change();
      setStatus(done);
      onChange();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="history-recovery">
      <h2 id="history-recovery">{t('patient.history.recovery')}</h2>
      <p>{t('patient.history.today', { n: data.day })}</p>
      <h3>{planText(plan, language, fullRecovery.titleKey)}</h3>
      <ul className="recovery-shares">
        {fullRecovery.shares.map((share) => {
          const reached = data.day >= share.day;
          return (
            <li key={share.day} className={reached ? 'reached' : undefined}>
              <span className="share-day">{t('patient.history.byDay', { day: share.day })}</span>
              <span className="share-bar" aria-hidden="true">
                <span style={{ width: `${String(share.percent)}%` }} />
              </span>
              <span className="share-text">{t('patient.history.share', { percent: share.percent })}</span>
            </li>
          );
        })}
      </ul>
      <p>{planText(plan, language, fullRecovery.medianKey)}</p>
      <p className="muted">{t('patient.history.source', { source })}</p>

      <div className="card recovered-card">
        {recovered && recoveredDay !== null ? (
          <>
            <p className="strong">
              {t('patient.history.feltRecovered', { date: dateText(recovered.reachedOn), n: recoveredDay })}
            </p>
            {comparison && <p>{t(`patient.history.${comparison}`)}</p>}
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void act(() => patientApi.removeMilestone(patientId, 'feels-recovered'), t('patient.history.undone'))
              }
            >
              {t('patient.history.undo')}
            </button>
          </>
        ) : (
          <>
            <p>{t('patient.history.notYet')}</p>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() =>
                // The server's "today" in the patient's zone: a phone's wrong clock cannot move the day.
                void act(() => patientApi.addMilestone(patientId, 'feels-recovered'), t('patient.history.saved'))
              }
            >
              {t('patient.history.feelRecovered')}
            </button>
          </>
        )}
      </div>
      {error !== null && <FormMessage>{describeError(t, error)}</FormMessage>}
      <FormMessage tone="success">{status}</FormMessage>
    </section>
  );
}
