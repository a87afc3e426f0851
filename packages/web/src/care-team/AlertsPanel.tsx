/** The alerts that still need someone: emergencies first, then "call today", each oldest first. */
import type { CarePlan } from '@aftercare/core';
import type { AlertDetail } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AlertCard } from './AlertCard.tsx';

/** Unacknowledged before acknowledged, emergency before "call today", then oldest first. */
export function sortAlerts(alerts: readonly AlertDetail[]): AlertDetail[] {
  const rank = (alert: AlertDetail) => (alert.status === 'open' ? 0 : 2) + (alert.level === 'emergency' ? 0 : 1);
  return [...alerts].sort((a, b) => rank(a) - rank(b) || a.createdAt.localeCompare(b.createdAt));
}

export function AlertsPanel({
  alerts,
  plan,
  onChanged,
}: {
  alerts: readonly AlertDetail[] | null;
  plan: CarePlan | null;
  onChanged: (message: string) => void;
}) {
  const { t } = useI18n();
  return (
    <section className="alerts-panel" aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('alerts.title')}</h2>
      {alerts === null && <p className="loading">{t('app.loading')}</p>}
      {alerts?.length === 0 && <p className="muted">{t('alerts.none')}</p>}
      {alerts !== null &&
        sortAlerts(alerts).map((alert) => <AlertCard key={alert.id} alert={alert} plan={plan} onChanged={onChanged} />)}
    </section>
  );
}
