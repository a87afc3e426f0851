/**
 * The care team's dashboard: every patient of the organisation ordered by need (open emergency alerts, then
 * contact-provider alerts, then quiet patients, then the rest by day of recovery), each with the few numbers a
 * nurse scans for. A handful of set-based store queries per page, whatever the number of patients.
 */
import { plans } from '@aftercare/plans';
import { RECENT_READINGS_KEPT } from '@aftercare/store';
import type { DashboardEntry, DashboardFigures, Instant, Need, RecentReading, Role, Store } from '@aftercare/store';
import { DEFAULT_PLAN_ID } from './enrol.ts';
import { recoveryDay } from '@aftercare/core';

const HOUR = 3_600_000;
/** How many of the latest check-ins make a trend: as many as the store keeps on each patient's row. */
export const TREND_LENGTH = RECENT_READINGS_KEPT;
/** Dose adherence looks back this many days. */
export const ADHERENCE_DAYS = 7;

export interface DashboardParams {
  search?: string | undefined;
  need?: Need | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  /** true: only patients whose follow-up is closed (the default list leaves them out). */
  closed?: boolean | undefined;
  /** Whose unread messages to count on each row (a team member); none counted without it. */
  readerId?: string | undefined;
}

export interface DashboardRow {
  patient: { id: string; name: string; procedureDate: string; timeZone: string; language: string; country: string };
  planId: string | null;
  need: Need;
  /** Day N since the procedure, in the patient's zone (day 0 = procedure day). */
  day: number;
  lastCheckInAt: Instant | null;
  /** For a quiet patient: since when (the last check-in, or the enrolment when there was none). */
  quietSince: Instant | null;
  alerts: DashboardEntry['alerts'];
  /** Pain scores 0-10 of the latest check-ins that had one, oldest first; `latest` is the newest. */
  pain: { latest: number | null; trend: number[] };
  /** Temperatures in °C (converted when sent in °F), oldest first; `latest` as the patient sent it. */
  temperature: { latest: { value: number; unit: 'C' | 'F' } | null; trend: number[] };
  /** Doses logged in the last 7 days; adherence = taken / (taken + skipped), null when none were logged. */
  doses: { taken: number; skipped: number; adherence: number | null };
  openQuestions: number;
  /** Messages from the patient (or caregiver) the reader has not read. */
  unreadMessages: number;
}

/** The fields of a row that come from the page's figures (doses, questions, messages), not from its entry. */
type FigureFields = 'doses' | 'openQuestions' | 'unreadMessages';

export interface Dashboard {
  rows: DashboardRow[];
  counts: Record<Need, number>;
}

/** The quiet cutoff of every plan this build knows: its check-in window plus the grace, before now. */
export function quietCutoffs(now: Date): { quietBefore: Record<string, Instant>; defaultQuietBefore: Instant } {
  const quietBefore: Record<string, Instant> = {};
  for (const [id, plan] of plans) {
    const { checkInWindowHours, missedCheckInGraceHours } = plan.settings;
    quietBefore[id] = new Date(now.getTime() - (checkInWindowHours + missedCheckInGraceHours) * HOUR).toISOString();
  }
  const fallback = quietBefore[DEFAULT_PLAN_ID] ?? new Date(now.getTime() - 36 * HOUR).toISOString();
  return { quietBefore, defaultQuietBefore: fallback };
}

interface Readings {
  pain: number[];
  temperatureC: number[];
  latestTemperature: { value: number; unit: 'C' | 'F' } | null;
}

/** The trends out of the latest check-ins' readings (oldest first), temperatures in °C to a tenth. */
export function readingsOf(recent: readonly RecentReading[]): Readings {
  const readings: Readings = { pain: [], temperatureC: [], latestTemperature: null };
  for (const { pain, temperature } of recent) {
    if (pain !== null) {
      readings.pain.push(pain);
    }
    if (temperature !== null) {
      const celsius = temperature.unit === 'F' ? ((temperature.value - 32) * 5) / 9 : temperature.value;
      readings.temperatureC.push(Math.round(celsius * 10) / 10);
      readings.latestTemperature = temperature;
    }
  }
  return readings;
}

/**
 * recoveryDay as of `now`, remembered by procedure date and zone: a page's patients share a few of each, and the
 * date arithmetic was a noticeable part of building a row.
 */
function dayOfRecovery(now: Date): (procedureDate: string, timeZone: string) => number {
  const known = new Map<string, number>();
  return (procedureDate, timeZone) => {
    const key = `${procedureDate} ${timeZone}`;
    let day = known.get(key);
    if (day === undefined) {
      day = recoveryDay(procedureDate, timeZone, now);
      known.set(key, day);
    }
    return day;
  };
}

/** Below this many patients a page's figures are one read: two would cost more in round trips than they save. */
const FIGURES_SPLIT_FROM = 100;

/**
 * The page's figures. On PostgreSQL a full page's are read as two halves side by side: one statement runs on one
 * core, and the figures of a page of 200 were the longest read of a page (~4 ms of ~16), its other core idle.
 * SQLite runs one query at a time: one read.
 */
async function countFigures(
  store: Store,
  ids: string[],
  since: Instant,
  unread: Parameters<Store['countDashboardFigures']>[2],
): Promise<DashboardFigures> {
  if (store.dialect !== 'postgres' || ids.length < FIGURES_SPLIT_FROM) {
    return store.countDashboardFigures(ids, since, unread);
  }
  const half = Math.ceil(ids.length / 2);
  return joinFigures(
    await Promise.all([
      store.countDashboardFigures(ids.slice(0, half), since, unread),
      store.countDashboardFigures(ids.slice(half), since, unread),
    ]),
  );
}

const NO_FIGURES: DashboardFigures = { doses: [], openQuestions: [], unreadMessages: [] };

/** The figures of two sets of patients with no patient in common, as one. */
function joinFigures([a, b]: [DashboardFigures, DashboardFigures]): DashboardFigures {
  return {
    doses: [...a.doses, ...b.doses],
    openQuestions: [...a.openQuestions, ...b.openQuestions],
    unreadMessages: [...a.unreadMessages, ...b.unreadMessages],
  };
}

/**
 * One page of the dashboard, as of `now`.
 * @example const { rows, counts } = await loadDashboard(store, user.orgId, clock.now(), { need: 'quiet' });
 */
export async function loadDashboard(
  store: Store,
  orgId: string,
  now: Date,
  params: DashboardParams = {},
): Promise<Dashboard> {
  const since = new Date(now.getTime() - ADHERENCE_DAYS * 24 * HOUR).toISOString();
  const unread =
    params.readerId === undefined
      ? undefined
      : { readerId: params.readerId, authorRoles: ['patient', 'caregiver'] satisfies Role[] };
  // The figures of the entries the store has while it reads the rest, started then (PostgreSQL).
  let first: { ids: Set<string>; figures: Promise<DashboardFigures> } | undefined;
  const startFirst = (ids: string[]) => {
    const figures = countFigures(store, ids, since, unread);
    // Awaited below; should the page's read fail first, its error is the one that counts.
    figures.catch(() => undefined);
    first = { ids: new Set(ids), figures };
  };
  const page = await store.listDashboard(
    {
      orgId,
      ...quietCutoffs(now),
      ...(params.search === undefined ? {} : { search: params.search }),
      ...(params.need === undefined ? {} : { need: params.need }),
      ...(params.limit === undefined ? {} : { limit: params.limit }),
      ...(params.offset === undefined ? {} : { offset: params.offset }),
      ...(params.closed === undefined ? {} : { closed: params.closed }),
    },
    startFirst,
  );
  const rest = page.entries.map((entry) => entry.patient.id).filter((id) => first?.ids.has(id) !== true);
  const reading = Promise.all([
    first?.figures ?? NO_FIGURES,
    rest.length === 0 ? NO_FIGURES : countFigures(store, rest, since, unread),
  ]);
  // Awaited below, once the rows are built: should building fail first, that error is the one that counts.
  reading.catch(() => undefined);
  // The rows are built while the figures are read (a millisecond of a page's time); the figures come last.
  const day = dayOfRecovery(now);
  const built = page.entries.map((entry): Omit<DashboardRow, FigureFields> => {
    const { patient } = entry;
    const readings = readingsOf(entry.recentReadings);
    return {
      patient: {
        id: patient.id,
        name: patient.name,
        procedureDate: patient.procedureDate,
        timeZone: patient.timeZone,
        language: patient.language,
        country: patient.country,
      },
      planId: entry.planId,
      need: entry.need,
      day: day(patient.procedureDate, patient.timeZone),
      lastCheckInAt: entry.lastCheckInAt,
      quietSince: entry.need === 'quiet' ? (entry.lastCheckInAt ?? patient.createdAt) : null,
      alerts: entry.alerts,
      pain: { latest: readings.pain.at(-1) ?? null, trend: readings.pain },
      temperature: { latest: readings.latestTemperature, trend: readings.temperatureC },
    };
  });
  const figures = joinFigures(await reading);
  const unreadBy = new Map(figures.unreadMessages.map((row) => [row.patientId, row.unread]));
  const dosesBy = new Map(figures.doses.map((row) => [row.patientId, row]));
  const questionsBy = new Map(figures.openQuestions.map((row) => [row.patientId, row.open]));
  const rows = built.map((row): DashboardRow => {
    const { id } = row.patient;
    const dose = dosesBy.get(id) ?? { taken: 0, skipped: 0 };
    const logged = dose.taken + dose.skipped;
    return {
      ...row,
      doses: { taken: dose.taken, skipped: dose.skipped, adherence: logged === 0 ? null : dose.taken / logged },
      openQuestions: questionsBy.get(id) ?? 0,
      unreadMessages: unreadBy.get(id) ?? 0,
    };
  });
  return { rows, counts: page.counts };
}
