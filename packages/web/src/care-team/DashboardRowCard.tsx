/** One patient on the dashboard: why they are where they are (colour and words), their day, and the numbers to scan. */
import type { DashboardRow } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/index.ts';
import { patientHref } from '../router.ts';
import { formatInstant, formatNumber, formatTemperature, hoursSince } from './format.ts';
import { Sparkline } from './Sparkline.tsx';

/** A symbol beside the words, so the need never rests on colour alone. */
const NEED_MARK: Record<DashboardRow['need'], string> = {
  emergency: '‼',
  'contact-provider': '!',
  quiet: '…',
  ok: '✓',
};

const FEVER_C = 38;

export function DashboardRowCard({ row }: { row: DashboardRow }) {
  const { t, locale } = useI18n();
  const { emergency, contactProvider, escalated } = row.alerts;
  const hasAlerts = emergency + contactProvider > 0;
  const needText =
    row.need === 'quiet'
      ? t('dash.need.quiet', { hours: hoursSince(row.quietSince ?? row.lastCheckInAt ?? '', new Date()) })
      : t(`dash.need.${row.need}` as MessageKey);
  const trend = (values: readonly number[]) =>
    t('dash.trend', { count: values.length, values: values.map((v) => formatNumber(locale, v)).join(', ') });
  const { taken, skipped, adherence } = row.doses;

  return (
    <li className={`card dashboard-row need-${row.need}`}>
      <h3 className="card-title">
        <a href={patientHref(row.patient.id)}>{row.patient.name}</a>
      </h3>
      <p className={`need-badge need-badge-${row.need}`}>
        <span aria-hidden="true">{NEED_MARK[row.need]} </span>
        {needText}
      </p>
      {escalated > 0 && <p className="escalated">{t('dash.escalated')}</p>}
      {row.unreadMessages > 0 && (
        <p className="row-unread" data-testid="row-unread">
          <span aria-hidden="true">✉ </span>
          <span aria-hidden="true">{t('careteam.dash.unread', { n: row.unreadMessages })}</span>
          <span className="visually-hidden">{t('careteam.dash.unreadLabel', { n: row.unreadMessages })}</span>
        </p>
      )}
      <p>
        {t('team.day', { n: row.day })} ·{' '}
        {row.lastCheckInAt === null
          ? t('dash.noCheckIn')
          : t('dash.lastCheckIn', { time: formatInstant(locale, row.lastCheckInAt) })}
      </p>
      <p className={hasAlerts ? 'alert-count' : 'muted'}>
        {hasAlerts ? t('team.alerts', { emergency, contact: contactProvider }) : t('team.noAlerts')}
      </p>
      <dl className="row-stats">
        <div>
          <dt>{t('dash.pain')}</dt>
          <dd>
            {row.pain.latest === null ? t('dash.noValue') : t('dash.painValue', { n: row.pain.latest })}
            <Sparkline values={row.pain.trend} min={0} max={10} warnAt={7} label={trend(row.pain.trend)} />
          </dd>
        </div>
        <div>
          <dt>{t('dash.temperature')}</dt>
          <dd>
            {row.temperature.latest === null
              ? t('dash.noValue')
              : formatTemperature(locale, row.temperature.latest.value, row.temperature.latest.unit)}
            <Sparkline
              values={row.temperature.trend}
              min={35.5}
              max={40}
              warnAt={FEVER_C}
              label={trend(row.temperature.trend)}
            />
          </dd>
        </div>
        <div>
          <dt>{t('dash.doses')}</dt>
          <dd>
            {adherence === null
              ? t('dash.noDoses')
              : t('dash.dosesValue', { percent: Math.round(adherence * 100), taken, total: taken + skipped })}
          </dd>
        </div>
        <div>
          <dt>{t('dash.questions')}</dt>
          <dd>{row.openQuestions}</dd>
        </div>
      </dl>
    </li>
  );
}
