/**
 * A patient's record for the care team: open alerts to act on, pain and temperature charts, medicines and
 * allergies, the message thread, the details and the whole timeline. Refreshes by itself on this patient's events.
 */
import { useCallback, useEffect, useState } from 'react';
import { careteamApi } from '../api/careteam.ts';
import type { CareteamRecord } from '../api/careteam.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/index.ts';
import { usePlan } from '../patient/use-plan.ts';
import { navigate } from '../router.ts';
import { BackLink } from '../ui/BackLink.tsx';
import { FormMessage } from '../ui/Field.tsx';
import { describeError } from '../ui/form-errors.ts';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { NewInvite } from './NewInvite.tsx';
import { AlertCard } from './AlertCard.tsx';
import { sortAlerts } from './AlertsPanel.tsx';
import { formatInstant, formatNumber, formatTemperature, toCelsius } from './format.ts';
import { LineChart } from './LineChart.tsx';
import { MessageThread } from './MessageThread.tsx';
import { buildTimeline, seriesOf, type TimelineEntry } from './timeline.ts';
import { useLiveEvents, type LiveEvent } from './use-live-events.ts';
import { FollowUpPanel } from './FollowUpPanel.tsx';
import { RecordRights } from '../security/RecordRights.tsx';
import { useUser } from '../auth/session.ts';
import { PlanChangesList } from './PlanChangesList.tsx';
import { RecordPlanEditor } from './RecordPlanEditor.tsx';
import './care-team.css';

const FEVER_C = 38;

export function PatientRecordScreen({ patientId }: { patientId: string }) {
  const { t } = useI18n();
  const [record, setRecord] = useState<CareteamRecord | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');

  const load = useCallback(async () => {
    try {
      const loaded = await careteamApi.record(patientId);
      setRecord(loaded);
      setError(null);
      if (loaded.unreadMessages > 0) {
        // Seen on screen now (the count stays shown until the next load).
        await careteamApi.markMessagesRead(patientId);
      }
    } catch (failure) {
      setError(failure);
    }
  }, [patientId]);

  useEffect(() => {
    void load();
  }, [load]);

  const onEvent = useCallback(
    (event: LiveEvent) => {
      if (event.patientId === null || event.patientId === patientId) {
        void load();
      }
    },
    [load, patientId],
  );
  useLiveEvents(onEvent);

  if (record === null) {
    return (
      <section className="screen care-team">
        <BackLink label={t('record.back')} />
        {error === null ? (
          <p className="loading">{t('app.loading')}</p>
        ) : (
          <FormMessage>{describeError(t, error)}</FormMessage>
        )}
      </section>
    );
  }
  return (
    <RecordView
      record={record}
      status={status}
      onChanged={(message) => {
        if (message !== '') {
          setStatus(message);
        }
        void load();
      }}
    />
  );
}

function RecordView({
  record,
  status,
  onChanged,
}: {
  record: CareteamRecord;
  status: string;
  onChanged: (message: string) => void;
}) {
  const { t, locale } = useI18n();
  const isAdmin = useUser().role === 'admin';
  const plan = usePlan(record.enrolment?.planId);
  const { patient } = record;
  const active = sortAlerts(record.alerts.filter((alert) => alert.status !== 'resolved'));
  const pain = seriesOf(record, (reading) => reading.pain);
  const temperature = seriesOf(record, (reading) => (reading.temperature ? toCelsius(reading.temperature) : null));
  const summary = (points: readonly { at: string; value: number }[]) => {
    const values = points.map((p) => p.value);
    const first = points[0];
    const last = points.at(-1);
    if (first === undefined || last === undefined) {
      return t('record.chartEmpty');
    }
    const n = (v: number) => formatNumber(locale, v);
    return t('record.chartSummary', {
      count: points.length,
      first: formatInstant(locale, first.at),
      last: formatInstant(locale, last.at),
      min: n(Math.min(...values)),
      max: n(Math.max(...values)),
      latest: n(last.value),
    });
  };

  return (
    <section className="screen care-team">
      <BackLink label={t('record.back')} />
      <ScreenTitle>{patient.name}</ScreenTitle>
      <p className="lead">{t('record.day', { n: record.day })}</p>
      {record.followUp.closedAt !== null && (
        <p className="follow-up-closed" data-testid="record-closed">
          {t('careteam.record.closed', {
            date: formatInstant(locale, record.followUp.closedAt),
            reason: t(`careteam.followUp.reason.${record.followUp.reason ?? 'other'}`),
          })}
        </p>
      )}
      <p role="status" className="visually-hidden">
        {status}
      </p>

      <section aria-labelledby="record-alerts">
        <h2 id="record-alerts">{t('record.alerts')}</h2>
        {active.length === 0 ? (
          <p className="muted">{t('alerts.none')}</p>
        ) : (
          active.map((alert) => <AlertCard key={alert.id} alert={alert} plan={plan} onChanged={onChanged} />)
        )}
      </section>

      <section aria-labelledby="record-charts">
        <h2 id="record-charts">{t('record.charts')}</h2>
        {pain.length === 0 ? (
          <p className="muted">{`${t('record.painChart')}: ${t('record.chartEmpty')}`}</p>
        ) : (
          <LineChart
            title={t('record.painChart')}
            summary={summary(pain)}
            points={pain}
            min={0}
            max={10}
            ticks={[0, 5, 10]}
          />
        )}
        {temperature.length === 0 ? (
          <p className="muted">{`${t('record.temperatureChart')}: ${t('record.chartEmpty')}`}</p>
        ) : (
          <LineChart
            title={t('record.temperatureChart')}
            summary={summary(temperature)}
            points={temperature}
            min={35}
            max={41}
            ticks={[36, 38, 40]}
            threshold={FEVER_C}
          />
        )}
      </section>

      <FollowUpPanel record={record} onChanged={onChanged} />

      <RecordPlanEditor record={record} plan={plan} onChanged={onChanged} />

      <section aria-labelledby="record-plan-changes">
        <h2 id="record-plan-changes">{t('careteam.record.planChanges')}</h2>
        {record.planChanges.length === 0 ? (
          <p className="muted">{t('careteam.record.noPlanChanges')}</p>
        ) : (
          <PlanChangesList
            changes={record.planChanges}
            plan={plan}
            timeZone={patient.timeZone}
            authorOf={(change) => record.people[change.changedBy]}
          />
        )}
        {record.caregivers.length > 0 && (
          <p>{`${t('careteam.record.caregivers')}: ${record.caregivers.map((c) => c.name).join(', ')}`}</p>
        )}
      </section>

      {record.unreadMessages > 0 && (
        <p className="unread-note" data-testid="record-unread">
          {t('careteam.record.unread', { n: record.unreadMessages })}
        </p>
      )}
      <MessageThread
        record={record}
        onSent={() => {
          onChanged('');
        }}
      />

      <section aria-labelledby="record-details">
        <h2 id="record-details">{t('record.details')}</h2>
        <dl className="record-facts">
          <dt>{t('record.procedureDate')}</dt>
          <dd>{patient.procedureDate}</dd>
          <dt>{t('record.site')}</dt>
          <dd>{t(`enrol.site.${patient.harvestSite}` as MessageKey)}</dd>
          <dt>{t('record.use')}</dt>
          <dd>{t(`enrol.use.${patient.marrowUse}` as MessageKey)}</dd>
          <dt>{t('record.language')}</dt>
          <dd>{t(patient.language === 'es' ? 'lang.es' : 'lang.en')}</dd>
          <dt>{t('record.timeZone')}</dt>
          <dd>{patient.timeZone}</dd>
          <dt>{t('record.contact')}</dt>
          <dd>{[patient.email, patient.phone].filter(Boolean).join(', ') || t('record.none')}</dd>
          <dt>{t('record.returnToWork')}</dt>
          <dd>{record.enrolment?.returnToWork ?? t('record.none')}</dd>
        </dl>
        <NewInvite patientId={patient.id} name={patient.name} />
        {isAdmin && (
          <RecordRights
            patientId={patient.id}
            forAdmin
            onDeleted={() => {
              navigate('/');
            }}
          />
        )}
      </section>

      <section aria-labelledby="record-timeline">
        <h2 id="record-timeline">{t('record.timeline')}</h2>
        <Timeline entries={buildTimeline(record)} />
      </section>
    </section>
  );
}

function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const { t, locale } = useI18n();
  if (entries.length === 0) {
    return <p className="muted">{t('record.timelineEmpty')}</p>;
  }
  const describe = (entry: TimelineEntry): string => {
    switch (entry.kind) {
      case 'check-in': {
        const { reading } = entry;
        const details = [
          reading.pain === null ? '' : `${t('dash.pain')}: ${t('dash.painValue', { n: reading.pain })}`,
          reading.temperature === null
            ? ''
            : `${t('dash.temperature')}: ${formatTemperature(locale, reading.temperature.value, reading.temperature.unit)}`,
          reading.text === null ? '' : `“${reading.text}”`,
        ]
          .filter(Boolean)
          .join(' · ');
        return t('record.checkInSummary', {
          result: t(`checkIn.result.${entry.disposition}` as MessageKey),
          details,
        });
      }
      case 'dose':
        return t(entry.status === 'taken' ? 'record.doseTaken' : 'record.doseSkipped', {
          name: entry.medicine ?? t('record.unknownMedicine'),
        });
      case 'visit':
        return t('record.visitSummary', {
          reason: entry.reason.replace(/-/g, ' '),
          who: t(`today.with.${entry.withWhom}` as MessageKey),
        });
      case 'question':
        return entry.answer === null
          ? entry.text
          : t('record.questionAnswered', { text: entry.text, answer: entry.answer });
      case 'message':
        return `${t('record.from', { name: entry.author ?? t('alerts.someone') })}: ${entry.body}`;
      case 'alert':
        return t('record.alertSummary', {
          level: t(entry.level === 'emergency' ? 'alerts.level.emergency' : 'alerts.level.contact-provider'),
          status: t(`record.status.${entry.status}` as MessageKey),
        });
    }
  };
  return (
    <ol className="timeline">
      {entries.map((entry) => (
        <li key={`${entry.kind}-${entry.id}`} className={entry.kind === 'alert' ? 'timeline-alert' : undefined}>
          <span className="timeline-kind">{t(`record.event.${entry.kind}` as MessageKey)}</span> ·{' '}
          <time dateTime={entry.at}>{formatInstant(locale, entry.at)}</time>
          <br />
          {describe(entry)}
        </li>
      ))}
    </ol>
  );
}
