/**
 * The care team's home: the alerts to act on, then every patient ordered by need (emergency, call today, quiet,
 * then by day of recovery) with search and a filter. It refreshes by itself when the server reports a change.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import type { AlertDetail, Dashboard, Need } from '../api/types.ts';
import { useUser } from '../auth/session.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/index.ts';
import { usePlan } from '../patient/use-plan.ts';
import { href } from '../router.ts';
import { FormMessage } from '../ui/Field.tsx';
import { describeError } from '../ui/form-errors.ts';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { AlertsPanel } from './AlertsPanel.tsx';
import { DashboardRowCard } from './DashboardRowCard.tsx';
import { useLiveEvents, type LiveEvent, type LiveState } from './use-live-events.ts';
import './care-team.css';

const NEEDS: readonly Need[] = ['emergency', 'contact-provider', 'quiet', 'ok'];
/** Events often come in bursts (a check-in and its alert): read once for the lot. */
const REFRESH_DELAY_MS = 250;
const SEARCH_DELAY_MS = 300;
/** Rows per page; "Show more" adds another page. */
const PAGE = 200;

const LIVE_TEXT: Record<LiveState, MessageKey> = {
  connecting: 'dash.live.connecting',
  live: 'dash.live.on',
  retrying: 'dash.live.off',
};

export function CareTeamHome() {
  const { t } = useI18n();
  const user = useUser();
  const plan = usePlan();
  const searchId = useId();
  const filterId = useId();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [need, setNeed] = useState<Need | 'all'>('all');
  const [closed, setClosed] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [alerts, setAlerts] = useState<AlertDetail[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const generation = useRef(0);
  /** Alerts that arrived live, to announce by name once the fresh list has them. */
  const arrived = useRef<Set<string>>(new Set());

  const load = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const [board, active] = await Promise.all([
        api.dashboard({ search: query, need: need === 'all' ? undefined : need, limit, closed }),
        api.activeAlerts(),
      ]);
      // A slower, older answer must not overwrite a newer one.
      if (mine !== generation.current) {
        return;
      }
      setDashboard(board);
      setAlerts(active.alerts);
      setError(null);
      const fresh = active.alerts.filter((alert) => arrived.current.has(alert.id));
      if (fresh.length > 0) {
        setAnnouncement(fresh.map((alert) => t('dash.newAlert', { name: alert.patientName })).join(' '));
        arrived.current.clear();
      }
    } catch (failure) {
      if (mine === generation.current) {
        setError(failure);
      }
    }
  }, [query, need, limit, closed, t]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(search);
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [search]);

  const onEvent = useCallback(
    (event: LiveEvent) => {
      if (event.type === 'alert.created' && event.alertId !== null) {
        arrived.current.add(event.alertId);
      }
      clearTimeout(refreshTimer.current);
      refreshTimer.current = setTimeout(() => void load(), REFRESH_DELAY_MS);
    },
    [load],
  );
  useEffect(
    () => () => {
      clearTimeout(refreshTimer.current);
    },
    [],
  );
  const live = useLiveEvents(onEvent);

  const changed = useCallback(
    (message: string) => {
      if (message !== '') {
        setAnnouncement(message);
      }
      void load();
    },
    [load],
  );

  const counts = dashboard?.counts;
  const total = counts === undefined ? 0 : NEEDS.reduce((sum, key) => sum + counts[key], 0);
  const matching = need === 'all' ? total : (counts?.[need] ?? 0);
  const filterLabel = (key: Need | 'all'): string => {
    const n = key === 'all' ? total : (counts?.[key] ?? 0);
    return t(key === 'all' ? 'dash.filter.all' : (`dash.filter.${key}` as MessageKey), { n });
  };

  return (
    <section className="screen care-team">
      <ScreenTitle>{t('team.title')}</ScreenTitle>
      <p className="muted">{t('team.signedInAs', { name: user.name })}</p>
      <div className="actions">
        <a className="button primary" href={href('/enrol')}>
          {t('team.enrol')}
        </a>
        {user.role === 'admin' && (
          <>
            <a className="button" href={href('/team')}>
              {t('team.addClinician')}
            </a>
            <a className="button" href={href('/members')}>
              {t('team.careTeam')}
            </a>
          </>
        )}
      </div>
      <p className={`live-state live-state-${live}`}>{t(LIVE_TEXT[live])}</p>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {error !== null && (
        <div>
          <FormMessage>{describeError(t, error)}</FormMessage>
          <button type="button" onClick={() => void load()}>
            {t('dash.refresh')}
          </button>
        </div>
      )}

      <AlertsPanel alerts={alerts} plan={plan} onChanged={changed} />

      <section aria-labelledby="patients-title">
        <h2 id="patients-title">{t('dash.listTitle')}</h2>
        <form
          className="dashboard-filters"
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            setQuery(search);
          }}
        >
          <div className="field">
            <label htmlFor={searchId}>{t('dash.search')}</label>
            <input
              id={searchId}
              type="search"
              value={search}
              autoComplete="off"
              onChange={(event) => {
                setSearch(event.target.value);
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={filterId}>{t('dash.filter')}</label>
            <select
              id={filterId}
              value={need}
              onChange={(event) => {
                const value = event.target.value;
                setNeed(value === 'all' ? 'all' : (NEEDS.find((key) => key === value) ?? 'all'));
              }}
            >
              {(['all', ...NEEDS] as const).map((key) => (
                <option key={key} value={key}>
                  {filterLabel(key)}
                </option>
              ))}
            </select>
          </div>
          <label className="choice">
            <input
              type="checkbox"
              checked={closed}
              onChange={(event) => {
                setClosed(event.target.checked);
              }}
            />
            <span>{t('careteam.dash.showClosed')}</span>
          </label>
        </form>
        {dashboard === null && error === null && <p className="loading">{t('app.loading')}</p>}
        {dashboard !== null && total === 0 && query === '' && <p>{t('team.noPatients')}</p>}
        {dashboard !== null && dashboard.rows.length === 0 && (total > 0 || query !== '') && <p>{t('dash.noMatch')}</p>}
        {dashboard !== null && dashboard.rows.length > 0 && (
          <ul className="patient-list dashboard-list">
            {dashboard.rows.map((row) => (
              <DashboardRowCard key={row.patient.id} row={row} />
            ))}
          </ul>
        )}
        {dashboard !== null && dashboard.rows.length < matching && (
          <button
            type="button"
            onClick={() => {
              setLimit((n) => n + PAGE);
            }}
          >
            {t('dash.showMore', { shown: dashboard.rows.length, total: matching })}
          </button>
        )}
      </section>
    </section>
  );
}
