/**
 * The care team's set-based reads (dashboard, alert details) and the escalation update: plain SQL, with a dialect
 * branch where the two differ (the latest check-ins, the search count, the flagged patients' read).
 */
import { CompiledQuery, sql } from 'kysely';
import type { Kysely, RawBuilder, Selectable } from 'kysely';
import type {
  Alert,
  AlertDetail,
  DashboardEntry,
  DashboardFigures,
  DashboardPage,
  DashboardQuery,
  Id,
  Instant,
  Need,
  RecentReading,
  Role,
  User,
} from '../store.ts';
import { toAlert, toCheckIn, toInstant, toPatient, toUser } from './rows.ts';
import { countUnreadMessages } from './careteam-queries.ts';
import { countNameMatches, nameMatchIds, trigramPhrase } from './dashboard-search.ts';
import type { DialectName, SqlConnection } from './dialects/dialect.ts';
import type { AlertsTable, Database, PatientActivityColumns, PatientsTable } from './schema.ts';

/** Dashboard order: the index of a need is its rank in SQL. */
export const NEEDS: readonly Need[] = ['emergency', 'contact-provider', 'quiet', 'ok'];

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** Counts come back as numbers (SQLite), or as strings for bigint (PostgreSQL). */
type Count = number | string | bigint | null;

type DashboardRow = Selectable<PatientsTable> &
  PatientActivityColumns & {
    emergency: Count;
    contact: Count;
    unacknowledged: Count;
    escalated: Count;
    need_rank: Count;
  };

/** A quiet patient's row; with how many quiet patients the list holds in all, when the read was asked to count. */
type QuietRow = DashboardRow & { quiet_total?: Count };

/** What the order needs of a patient with alerts (SQLite reads these for every flagged patient, the rest by id). */
type FlaggedRow = Pick<
  DashboardRow,
  'id' | 'plan_id' | 'last_activity_at' | 'emergency' | 'contact' | 'unacknowledged' | 'escalated' | 'need_rank'
>;

/** Totals over every flagged patient: by need, and how many of them are quiet too (they count under their alert). */
interface FlaggedTotals {
  emergency: number;
  contact: number;
  quiet: number;
}

/** The totals as SQL returns them: one row (or, on PostgreSQL, the same on every flagged row read). */
interface TotalsColumns {
  emergency_total: Count;
  contact_total: Count;
  quiet_total: Count;
}

/** The flagged rows a page shows (whole rows, in order) and the totals over all flagged patients. */
type Flagged = FlaggedTotals & { rows: DashboardRow[] };

function count(value: Count): number {
  return value === null ? 0 : Number(value);
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) {
    return DEFAULT_LIMIT;
  }
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

/** A LIKE pattern matching `text` anywhere, with the wildcards in `text` taken literally (escape character `\`). */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The quiet cutoff of each patient's plan, as one SQL CASE over the plan ids the caller knows. */
function quietCutoff(query: DashboardQuery, alias = 'p'): RawBuilder<string> {
  const plans = Object.entries(query.quietBefore);
  const fallback = toInstant(query.defaultQuietBefore);
  if (plans.length === 0) {
    return sql<string>`${fallback}`;
  }
  const branches = plans.map(([planId, before]) => sql`when ${planId} then ${toInstant(before)}`);
  return sql<string>`(case ${sql.raw(`${alias}.plan_id`)} ${sql.join(branches, sql` `)} else ${fallback} end)`;
}

/** The latest of all cutoffs: an index range that holds every quiet patient, whatever their plan. */
function latestCutoff(query: DashboardQuery): string {
  return [query.defaultQuietBefore, ...Object.values(query.quietBefore)]
    .map(toInstant)
    .reduce((a, b) => (a > b ? a : b));
}

/**
 * The search and the open/closed scope, as conditions on the patients row `alias` (closed follow-ups leave the
 * default list).
 * The `|| ''` keeps PostgreSQL's planner from guessing at a trigram index for the ordered page reads: it
 * underestimates how many names a common fragment matches, and would then fetch and sort every match instead of
 * reading its own index in order until the page is full. `strpos` says the same as the LIKE (the search, lower-cased,
 * held in the lower-cased name: the LIKE's wildcards are escaped) where PostgreSQL's planner is to guess that many
 * names match (see otherPatients).
 */
function searchOf(query: DashboardQuery, alias = 'p', contains: 'like' | 'strpos' = 'like'): RawBuilder<unknown> {
  const closedAt = sql.raw(`${alias}.follow_up_closed_at`);
  const scope = query.closed === true ? sql`and ${closedAt} is not null` : sql`and ${closedAt} is null`;
  const text = searchText(query);
  const name = sql.raw(`${alias}.name`);
  if (text === undefined) {
    return scope;
  }
  return contains === 'strpos'
    ? sql`${scope} and strpos(lower(${name}), ${text.toLowerCase()}) > 0`
    : sql`${scope} and (lower(${name}) || '') like ${containsPattern(text)} escape '\\'`;
}

/** The search as typed without the spaces around it; undefined when there is none. */
function searchText(query: DashboardQuery): string | undefined {
  const text = query.search?.trim() ?? '';
  return text === '' ? undefined : text;
}

/** The patients row `alias` has no open or acknowledged alert (those are listed under their alert instead). */
function noUnresolvedAlert(alias = 'p'): RawBuilder<unknown> {
  return sql`not exists (select 1 from alerts x
    where x.patient_id = ${sql.raw(`${alias}.id`)} and x.status in ('open', 'acknowledged'))`;
}

/** Each flagged patient's unresolved alerts, summed up (a derived table `a` by patient_id). */
const UNRESOLVED_BY_PATIENT = sql`(
  select patient_id,
    sum(case when level = 'emergency' then 1 else 0 end) as emergency,
    sum(case when level = 'contact-provider' then 1 else 0 end) as contact,
    sum(case when status = 'open' then 1 else 0 end) as unacknowledged,
    sum(case when status = 'open' and escalated_at is not null then 1 else 0 end) as escalated,
    min(case when level = 'emergency' then created_at end) as first_emergency_at,
    min(case when level = 'contact-provider' then created_at end) as first_contact_at,
    min(case when level = 'emergency' and status = 'open' then created_at end) as first_open_emergency_at,
    min(case when level = 'contact-provider' and status = 'open' then created_at end) as first_open_contact_at
  from alerts
  where status in ('open', 'acknowledged')
  group by patient_id
) a`;

/**
 * The flagged patients of the list: `a` joined to their patient `p`.
 * CROSS JOIN keeps SQLite reading the few unresolved alerts first (it would walk every patient otherwise).
 */
function flaggedOf(query: DashboardQuery): RawBuilder<unknown> {
  return sql`${UNRESOLVED_BY_PATIENT} cross join patients p
    where p.id = a.patient_id and p.org_id = ${query.orgId} ${searchOf(query)}`;
}

/**
 * The order of flagged patients: emergency ones first, then contact-provider ones; within each, those nobody
 * acknowledged yet first, oldest alert first.
 * The sort key is a flag and an ISO instant: byte order is its order. PostgreSQL is told so (COLLATE "C"): it then
 * compares bytes rather than going through the database's collation (about 2 ms less on 400 flagged patients);
 * SQLite compares bytes anyway.
 */
function flaggedOrder(dialect: DialectName): RawBuilder<unknown> {
  const bytewise = dialect === 'postgres' ? sql` collate "C"` : sql``;
  return sql`case when a.emergency > 0 then 0 else 1 end as need_rank,
    case when a.emergency > 0
      then coalesce('0' || a.first_open_emergency_at, '1' || a.first_emergency_at)
      else coalesce('0' || a.first_open_contact_at, '1' || a.first_contact_at)
    end${bytewise} as sort_key`;
}

/**
 * The totals as sums over flagged rows `a`/`p`: plain aggregates, or window sums with `over ()`. Cast to integer:
 * pg hands a bigint to Node as a string, checked with a new RegExp each time, and the flagged read carries the totals
 * on each of its rows (with its alert counts, cast too, that check was some 8% of what a default page allocated).
 */
function totalsOf(query: DashboardQuery, over: RawBuilder<unknown> = sql``): RawBuilder<unknown> {
  return sql`cast(sum(case when a.emergency > 0 then 1 else 0 end)${over} as integer) as emergency_total,
    cast(sum(case when a.emergency > 0 then 0 else 1 end)${over} as integer) as contact_total,
    cast(sum(case when p.last_activity_at < ${quietCutoff(query)} then 1 else 0 end)${over} as integer) as quiet_total`;
}

function totalsFrom(row: TotalsColumns | undefined): FlaggedTotals {
  return {
    emergency: count(row?.emergency_total ?? 0),
    contact: count(row?.contact_total ?? 0),
    quiet: count(row?.quiet_total ?? 0),
  };
}

/** Only the totals, as one row (an aggregate without GROUP BY gives one row even with no flagged patient). */
function flaggedTotalsRow(query: DashboardQuery): RawBuilder<unknown> {
  return sql`select ${totalsOf(query)} from ${flaggedOf(query)}`;
}

async function flaggedTotals(db: Kysely<Database>, query: DashboardQuery): Promise<FlaggedTotals> {
  const { rows } = await sql<TotalsColumns>`${flaggedTotalsRow(query)}`.execute(db);
  return totalsFrom(rows[0]);
}

/** The ranks of the needs a page shows that are flagged ones (emergency 0, contact-provider 1). */
function flaggedRanks(needs: readonly Need[]): number[] {
  return needs.map((need) => NEEDS.indexOf(need)).filter((rank) => rank === 0 || rank === 1);
}

/**
 * Patients with unresolved alerts (few at any time), in their order, for a page that shows some (`ranks`): every one
 * is counted, but a page shows at most `wanted` of them.
 */
function flaggedPatients(
  db: Kysely<Database>,
  dialect: DialectName,
  query: DashboardQuery,
  ranks: number[],
  wanted: number,
  prepareByName: SqlConnection['prepareByName'],
): Promise<Flagged> {
  return dialect === 'postgres'
    ? flaggedInOneRead(db, query, ranks, wanted, prepareByName)
    : flaggedThenById(db, query, ranks, wanted);
}

/**
 * The patient columns a dashboard row reads (toPatient and toDashboardEntry), the flagged read's tie-breaks first:
 * PostgreSQL finds a sort key by walking the columns before it, and walking past some twenty on every comparison was
 * a tenth of that read. The follow-up's closing columns, which the page never shows, are left out.
 */
const FLAGGED_PATIENT_COLUMNS = [
  'procedure_date',
  'name',
  'id',
  'org_id',
  'email',
  'phone',
  'date_of_birth',
  'harvest_site',
  'marrow_use',
  'language',
  'time_zone',
  'country',
  'emergency_contact',
  'created_at',
  'last_check_in_at',
  'last_activity_at',
  'plan_id',
  'recent_readings',
] as const satisfies readonly (keyof DashboardRow)[];
const FLAGGED_PATIENT_COLUMNS_OF_P = sql.raw(FLAGGED_PATIENT_COLUMNS.map((column) => `p.${column}`).join(', '));
const FLAGGED_PATIENT_COLUMNS_OF_F = sql.raw(FLAGGED_PATIENT_COLUMNS.join(', '));

/**
 * PostgreSQL: one statement gives the totals (window sums over every flagged patient) and the whole rows of the
 * first `wanted` of the page: one round trip where there were two (the patient rows were read again by id, after).
 * A page of one need with none of it gets no row to carry the totals: those are then read alone (rare).
 * Its text is one of a few (by search, scope, needs shown), sent as a named prepared statement: planning it was about
 * a tenth of its time. The plan does not depend on the values: it always starts from the few unresolved alerts.
 */
async function flaggedInOneRead(
  db: Kysely<Database>,
  query: DashboardQuery,
  ranks: number[],
  wanted: number,
  prepareByName: SqlConnection['prepareByName'],
): Promise<Flagged> {
  const statement = sql<DashboardRow & TotalsColumns>`
    select need_rank, ${FLAGGED_PATIENT_COLUMNS_OF_F}, emergency, contact, unacknowledged, escalated,
      emergency_total, contact_total, quiet_total
    from (
      select ${flaggedOrder('postgres')}, ${FLAGGED_PATIENT_COLUMNS_OF_P}, cast(a.emergency as integer) as emergency,
        cast(a.contact as integer) as contact, cast(a.unacknowledged as integer) as unacknowledged,
        cast(a.escalated as integer) as escalated, ${totalsOf(query, sql` over ()`)}
      from ${flaggedOf(query)}
    ) f
    where need_rank in (${sql.join(ranks)})
    order by need_rank, sort_key, procedure_date desc, name, id
    limit ${wanted}`.compile(db);
  prepareByName?.(statement.sql);
  const { rows } = await db.executeQuery(statement);
  const totals = rows.length === 0 ? await flaggedTotals(db, query) : totalsFrom(rows[0]);
  return { rows, ...totals };
}

/**
 * SQLite: the short rows of every flagged patient (it sorts whole rows slowly: 400 of them took twice as long), the
 * totals counted from them, then the page's whole rows read by id (no round trip to save on SQLite).
 */
async function flaggedThenById(
  db: Kysely<Database>,
  query: DashboardQuery,
  ranks: number[],
  wanted: number,
): Promise<Flagged> {
  const { rows: flagged } = await sql<FlaggedRow>`
    select p.id, p.plan_id, p.last_activity_at, a.emergency, a.contact, a.unacknowledged, a.escalated,
      ${flaggedOrder('sqlite')}
    from ${flaggedOf(query)}
    order by need_rank, sort_key, p.procedure_date desc, p.name, p.id`.execute(db);
  const emergency = flagged.filter((row) => count(row.need_rank) === 0).length;
  const quiet = flagged.filter(quietByActivity(query)).length;
  const shown = flagged.filter((row) => ranks.includes(count(row.need_rank))).slice(0, wanted);
  const patients =
    shown.length === 0
      ? []
      : (
          await sql<Selectable<PatientsTable> & PatientActivityColumns>`
            select * from patients where id in (${sql.join(shown.map((row) => row.id))})`.execute(db)
        ).rows;
  const byId = new Map(patients.map((patient) => [patient.id, patient]));
  const rows = shown.flatMap((row): DashboardRow[] => {
    const patient = byId.get(row.id);
    // Erased between the two reads: left out rather than shown half.
    return patient === undefined ? [] : [{ ...patient, ...row }];
  });
  return { rows, emergency, contact: flagged.length - emergency, quiet };
}

/**
 * Whether a patient is quiet by their last sign of life (alerts aside), decided like the SQL does; the cutoffs are
 * checked once, not once per patient.
 */
function quietByActivity(
  query: DashboardQuery,
): (row: Pick<PatientActivityColumns, 'plan_id' | 'last_activity_at'>) => boolean {
  const fallback = toInstant(query.defaultQuietBefore);
  const byPlan = new Map(Object.entries(query.quietBefore).map(([planId, before]) => [planId, toInstant(before)]));
  return (row) => row.last_activity_at < ((row.plan_id === null ? undefined : byPlan.get(row.plan_id)) ?? fallback);
}

/**
 * Quiet patients without unresolved alerts, the longest quiet first: the activity index read in order. With a
 * search, most quiet patients are read only to be dropped by their name: the ids are picked from the activity
 * index alone (it holds the name), and only the rows kept are read (SQLite 3.5 → 1.5 ms, PostgreSQL
 * ~2,800 → ~850 pages for "garc"). `counted` (with a search): each row also carries how many there are in all
 * (`quiet_total`, a window count before the limit), so that the page need not count them in a scan of its own.
 */
function quietPatients(
  db: Kysely<Database>,
  query: DashboardQuery,
  limit: number,
  counted = false,
): Promise<QuietRow[]> {
  const quiet = (alias: string) => {
    const activity = sql.raw(`${alias}.last_activity_at`);
    return sql`${sql.raw(`${alias}.org_id`)} = ${query.orgId}
      and ${activity} < ${latestCutoff(query)} and ${activity} < ${quietCutoff(query, alias)}`;
  };
  const searching = searchText(query) !== undefined;
  const ids = (columns: RawBuilder<unknown>) => sql`select ${columns} from patients q
    where ${quiet('q')} and ${noUnresolvedAlert('q')} ${searchOf(query, 'q')}
    order by q.last_activity_at, q.id
    limit ${limit}`;
  let read: RawBuilder<QuietRow>;
  if (searching && counted) {
    read = sql<QuietRow>`
      select p.*, 0 as emergency, 0 as contact, 0 as unacknowledged, 0 as escalated, 2 as need_rank, q.quiet_total
      from (${ids(sql`q.id, q.last_activity_at, count(*) over () as quiet_total`)}) q
      cross join patients p
      where p.id = q.id
      order by q.last_activity_at, q.id`;
  } else if (searching) {
    read = sql<QuietRow>`
      select p.*, 0 as emergency, 0 as contact, 0 as unacknowledged, 0 as escalated, 2 as need_rank
      from patients p
      where p.id in (${ids(sql`q.id`)})
      order by p.last_activity_at, p.id`;
  } else {
    read = sql<QuietRow>`
      select p.*, 0 as emergency, 0 as contact, 0 as unacknowledged, 0 as escalated, 2 as need_rank
      from patients p
      where ${quiet('p')} and ${noUnresolvedAlert('p')} ${searchOf(query)}
      order by p.last_activity_at, p.id
      limit ${limit}`;
  }
  return read.execute(db).then((result) => result.rows);
}

/**
 * A search with at most this many matches in the list reads its "ok" patients from the matches (found by name, sorted
 * after): a lookup each. The walk of the recovery index reads about m·n/k entries for m rows wanted among n patients
 * with k matches: the rarer the name, the further it goes. A full name (~200 matches in 100,000) walked every patient,
 * and its page took ~100 ms on PostgreSQL and ~27 ms of CPU on SQLite; read by id, ~31 and ~18 (a loaded machine).
 * The lookups win while k² < m·n (~3,000 for a page of 200 among 50,000): kept lower, a lookup costing more than a step.
 */
const FEW_MATCHES = 1000;

/**
 * Everyone else, the earliest day of recovery first: the recovery index read in order until the page is full, or,
 * for a search with few matches (`listed`, the matches the list holds), those matches read by id and sorted.
 * PostgreSQL, the walk with a search: its planner guessed from a LIKE that 0.5% of names match; for a limit near what
 * that makes (a page of 200 "garc" patients under need = ok) it read every patient and sorted them instead (60 ms,
 * where the index gives the page in 1). The same search written with strpos is guessed at a third: the index, always.
 */
async function otherPatients(
  db: Kysely<Database>,
  dialect: DialectName,
  query: DashboardQuery,
  limit: number,
  listed?: number,
): Promise<DashboardRow[]> {
  const search = searchText(query);
  const matches =
    search === undefined || listed === undefined || listed > FEW_MATCHES
      ? undefined
      : nameMatchIds(dialect, query.orgId, query.closed === true, containsPattern(search), trigramSearch(query));
  // The matches first, then each one's row by id: CROSS JOIN keeps SQLite in that order; on PostgreSQL, the
  // `offset 0` of a LATERAL read does (a lookup per match).
  const patients =
    matches === undefined
      ? sql`patients p`
      : dialect === 'postgres'
        ? sql`(${matches}) m cross join lateral (select * from patients p where p.id = m.id offset 0) p`
        : sql`(${matches}) m cross join patients p`;
  const byMatch = matches === undefined || dialect === 'postgres' ? sql`` : sql`p.id = m.id and`;
  const statement = sql<DashboardRow>`
    select p.*, 0 as emergency, 0 as contact, 0 as unacknowledged, 0 as escalated, 3 as need_rank
    from ${patients}
    where ${byMatch} p.org_id = ${query.orgId} and p.last_activity_at >= ${quietCutoff(query)}
      and ${noUnresolvedAlert()} ${searchOf(query, 'p', dialect === 'postgres' ? 'strpos' : 'like')}
    order by p.procedure_date desc, p.name, p.id
    limit ${limit}`;
  return (await statement.execute(db)).rows;
}

/** SQLite: the search as a phrase of its name index (migration 0019), lower-cased as the LIKE is; or none. */
function trigramSearch(query: DashboardQuery): string | undefined {
  const text = searchText(query);
  return text === undefined ? undefined : trigramPhrase(text.toLowerCase());
}

/**
 * How many patients the list holds (open or closed follow-ups, matching the search), as a one-row `n`: without a
 * search, the count migration 0013's triggers keep; with one, from the narrow name tables (SQLite: migration 0019's
 * index counts a search of three characters or more by itself, exactly as the LIKE would; PostgreSQL: migration
 * 0017's table, whose trigram index the planner picks by itself, the LIKE deciding). A shorter search on SQLite takes
 * the LIKE of searchOf over the patients.
 */
function listedCount(dialect: DialectName, query: DashboardQuery): RawBuilder<unknown> {
  const closed = query.closed === true;
  const search = searchText(query);
  if (search === undefined) {
    return sql`select ${sql.raw(closed ? 'closed_patients' : 'open_patients')} as n
      from org_patient_counts where org_id = ${query.orgId}`;
  }
  const pattern = containsPattern(search);
  if (dialect === 'postgres') {
    return sql`select count(*) as n from patient_name_search s
      where s.org_id = ${query.orgId} and s.open = ${!closed} and s.name like ${pattern} escape '\\'`;
  }
  const phrase = trigramSearch(query);
  if (phrase !== undefined) {
    return countNameMatches(query.orgId, closed, phrase);
  }
  return sql`select count(*) as n from patients p where p.org_id = ${query.orgId} ${searchOf(query)}`;
}

/** Patients quiet by their last sign of life (flagged ones included): a range of the activity index, read alone. */
function quietByActivityCount(query: DashboardQuery): RawBuilder<unknown> {
  return sql`select count(*) as n from patients p where p.org_id = ${query.orgId}
    and p.last_activity_at < ${latestCutoff(query)} and p.last_activity_at < ${quietCutoff(query)}
    ${searchOf(query)}`;
}

/**
 * Both counts in one statement (each its own subquery and plan): one round trip and one statement fewer. A page
 * that shows no flagged patient (quiet, ok) takes the flagged totals from it as well, rather than from a read of
 * their own. Without `withQuiet`, the quiet patients are left to the read that counts them (quietCountedByRead).
 */
async function countListedAndQuiet(
  db: Kysely<Database>,
  dialect: DialectName,
  query: DashboardQuery,
  withTotals: boolean,
  withQuiet: boolean,
): Promise<{ listed: number; quietAll: number; totals: FlaggedTotals | undefined }> {
  const quietCount = withQuiet ? sql`, (${quietByActivityCount(query)}) as quiet` : sql``;
  const counts = sql`(${listedCount(dialect, query)}) as listed ${quietCount}`;
  const result = await (
    withTotals
      ? sql<{ listed: Count; quiet?: Count } & TotalsColumns>`select ${counts}, t.* from (${flaggedTotalsRow(query)}) t`
      : sql<{ listed: Count; quiet?: Count } & Partial<TotalsColumns>>`select ${counts}`
  ).execute(db);
  const row = result.rows[0];
  return {
    listed: count(row?.listed ?? 0),
    quietAll: count(row?.quiet ?? 0),
    totals: withTotals ? totalsFrom(row as TotalsColumns | undefined) : undefined,
  };
}

/**
 * The dashboard in three ordered reads that each stop once the page is full (flagged, quiet, the rest) and the
 * counts (one statement, with the flagged totals on a page that shows no flagged patient); it never reads every
 * patient's history, so a page stays fast with 100,000 patients. PostgreSQL: before waiting on a read of more rows,
 * the ids of the entries the page already has go to `onFirstEntries` (once), for the caller to start on their figures
 * meanwhile (a search's ok read and its figures had run one after the other).
 */
export async function listDashboard(
  db: Kysely<Database>,
  dialect: DialectName,
  query: DashboardQuery,
  prepareByName?: SqlConnection['prepareByName'],
  onFirstEntries?: (patientIds: Id[]) => void,
): Promise<DashboardPage> {
  const limit = clampLimit(query.limit);
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const wanted = offset + limit;
  const needs = query.need === undefined ? NEEDS : [query.need];
  const ranks = flaggedRanks(needs);
  const quietByRead = quietCountedByRead(dialect, query);
  const [shown, counted, early] = await Promise.all([
    ranks.length === 0 ? undefined : flaggedPatients(db, dialect, query, ranks, wanted, prepareByName),
    countListedAndQuiet(db, dialect, query, ranks.length === 0, !quietByRead),
    readEarly(db, dialect, query, wanted),
  ]);
  const flagged: Flagged = shown ?? { rows: [], ...(counted.totals ?? { emergency: 0, contact: 0, quiet: 0 }) };
  // The quiet count above includes flagged patients who are quiet too: they count under their alert instead (the
  // read's own count leaves them out already).
  const quiet = quietByRead ? count(early?.rows[0]?.quiet_total ?? 0) : counted.quietAll - flagged.quiet;
  const counts: Record<Need, number> = {
    emergency: flagged.emergency,
    'contact-provider': flagged.contact,
    quiet,
    ok: counted.listed - flagged.emergency - flagged.contact - quiet,
  };

  const rows: DashboardRow[] = [...flagged.rows];
  // The page's entries, built as their rows come (those read first while the database reads more).
  const entries: DashboardEntry[] = [];
  const buildEntries = () => {
    for (const row of rows.slice(offset + entries.length, wanted)) {
      entries.push(toDashboardEntry(row));
    }
  };
  let told = dialect !== 'postgres' || onFirstEntries === undefined;
  for (const need of needs) {
    const missing = wanted - rows.length;
    if (missing <= 0) {
      break;
    }
    // Flagged patients came in the first read; a need without patients has nothing to read.
    const left = need === 'quiet' ? counts.quiet : need === 'ok' ? counts.ok : 0;
    if (left === 0) {
      continue;
    }
    if (early?.need === need) {
      rows.push(...early.rows.slice(0, missing));
      continue;
    }
    const more =
      need === 'quiet' ? quietPatients(db, query, missing) : otherPatients(db, dialect, query, missing, counted.listed);
    // While that read runs, the caller may start on the entries the page has (rows are only appended after them).
    const first = told ? [] : rows.slice(offset, wanted).map((row) => row.id);
    if (first.length > 0) {
      told = true;
      onFirstEntries?.(first);
    }
    buildEntries();
    rows.push(...(await more));
  }
  buildEntries();
  return { entries, counts };
}

/**
 * Whether the quiet patients of a page are counted by its early read of them (a window count) rather than by a count
 * of their own: a search's, on PostgreSQL. The count scanned the same range of patients_org_activity as the read,
 * checking every name there (~2 ms of the ~5 of the counts' statement for "garc"); the read checks them anyway.
 * Without a search, the count reads that index alone while the read stops at the page: counting there stays apart.
 */
function quietCountedByRead(dialect: DialectName, query: DashboardQuery): boolean {
  const searching = searchText(query) !== undefined;
  return dialect === 'postgres' && searching && (query.need === undefined || query.need === 'quiet');
}

/**
 * On PostgreSQL (its pool runs queries side by side), the quiet or ok rows a page will need, read at the same time
 * as the counts rather than after them: the first `wanted` (a page can need no more; the caller keeps what it
 * misses). For a page of one need; and for a search's page, whose few flagged patients leave room for quiet ones.
 * SQLite runs one query at a time: it waits for the counts, which can spare it the read. Never the ok rows of a
 * search: with no match, that read would go through every patient to find none.
 */
function readEarly(
  db: Kysely<Database>,
  dialect: DialectName,
  query: DashboardQuery,
  wanted: number,
): Promise<{ need: Need; rows: QuietRow[] } | undefined> {
  const searching = searchText(query) !== undefined;
  const read = (need: Need, rows: Promise<QuietRow[]>) => rows.then((list) => ({ need, rows: list }));
  if (dialect !== 'postgres') {
    return Promise.resolve(undefined);
  }
  if (query.need === 'quiet' || (query.need === undefined && searching)) {
    return read('quiet', quietPatients(db, query, wanted, quietCountedByRead(dialect, query)));
  }
  return query.need === 'ok' && !searching
    ? read('ok', otherPatients(db, dialect, query, wanted))
    : Promise.resolve(undefined);
}

function toDashboardEntry(row: DashboardRow): DashboardEntry {
  return {
    patient: toPatient(row),
    planId: row.plan_id,
    need: NEEDS[count(row.need_rank)] ?? 'ok',
    alerts: {
      emergency: count(row.emergency),
      contactProvider: count(row.contact),
      unacknowledged: count(row.unacknowledged),
      escalated: count(row.escalated),
    },
    lastCheckInAt: row.last_check_in_at,
    recentReadings: recentReadingsOf(row.recent_readings),
  };
}

/** Migration 0014's `[pain, temperature value, unit]` per check-in back into readings (anything odd reads as none). */
export function recentReadingsOf(text: string | null): RecentReading[] {
  const list: unknown = text === null ? [] : JSON.parse(text);
  if (!Array.isArray(list)) {
    return [];
  }
  return list.map((item): RecentReading => {
    const [pain, value, unit] = Array.isArray(item) ? (item as unknown[]) : [];
    return {
      pain: typeof pain === 'number' ? pain : null,
      temperature: typeof value === 'number' ? { value, unit: unit === 'F' ? 'F' : 'C' } : null,
    };
  });
}

export async function countDoses(
  db: Kysely<Database>,
  patientIds: Id[],
  since: Instant,
): Promise<{ patientId: Id; taken: number; skipped: number }[]> {
  if (patientIds.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('dose_events')
    .select((eb) => [
      'patient_id',
      eb.fn.sum<Count>(eb.case().when('status', '=', 'taken').then(1).else(0).end()).as('taken'),
      eb.fn.sum<Count>(eb.case().when('status', '=', 'skipped').then(1).else(0).end()).as('skipped'),
    ])
    .where('patient_id', 'in', patientIds)
    .where('at', '>=', toInstant(since))
    .groupBy('patient_id')
    .orderBy('patient_id')
    .execute();
  return rows.map((row) => ({ patientId: row.patient_id, taken: count(row.taken), skipped: count(row.skipped) }));
}

export async function countOpenQuestions(
  db: Kysely<Database>,
  patientIds: Id[],
): Promise<{ patientId: Id; open: number }[]> {
  if (patientIds.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('questions')
    .select((eb) => ['patient_id', eb.fn.countAll<number | string | bigint>().as('open')])
    .where('patient_id', 'in', patientIds)
    .where('answer', 'is', null)
    .groupBy('patient_id')
    .orderBy('patient_id')
    .execute();
  return rows.map((row) => ({ patientId: row.patient_id, open: count(row.open) }));
}

/**
 * PostgreSQL: countDoses, countOpenQuestions and countUnreadMessages as the three branches of one UNION ALL (`figure`
 * tells them apart; `a`/`b` are the counts, as integers: a bigint comes to Node as a string), the ids as one array
 * parameter. One round trip instead of three, and a fixed text sent as a named prepared statement: with 200 ids
 * written out, planning was a good part of each count.
 */
const FIGURES = `
  select 0 as figure, patient_id, cast(count(*) filter (where status = 'taken') as integer) as a,
    cast(count(*) filter (where status = 'skipped') as integer) as b
  from dose_events where patient_id = any($1::text[]) and at >= $2
  group by patient_id
  union all
  select 1, patient_id, cast(count(*) as integer), 0 from questions
  where patient_id = any($1::text[]) and answer is null
  group by patient_id`;
const UNREAD_FIGURE = `
  union all
  select 2, m.patient_id, cast(count(*) as integer), 0 from messages m
    join users u on u.id = m.author_id
    left join read_marks r on r.patient_id = m.patient_id and r.user_id = $3 and r.thread = 'messages'
  where m.patient_id = any($1::text[]) and m.author_id <> $3 and u.role = any($4::text[])
    and (r.read_at is null or m.created_at > r.read_at)
  group by m.patient_id`;
const FIGURES_WITH_UNREAD = FIGURES + UNREAD_FIGURE;

/** A dashboard page's figures (see Store.countDashboardFigures). SQLite runs the three reads: it has no round trip. */
export async function countDashboardFigures(
  db: Kysely<Database>,
  { name, prepareByName }: Pick<SqlConnection, 'name' | 'prepareByName'>,
  patientIds: Id[],
  since: Instant,
  unread: { readerId: Id; authorRoles: Role[] } | undefined,
): Promise<DashboardFigures> {
  const counted = unread !== undefined && unread.authorRoles.length > 0;
  if (name !== 'postgres' || patientIds.length === 0) {
    return {
      doses: await countDoses(db, patientIds, since),
      openQuestions: await countOpenQuestions(db, patientIds),
      unreadMessages: counted ? await countUnreadMessages(db, unread.readerId, patientIds, unread.authorRoles) : [],
    };
  }
  const ids = [...new Set(patientIds)];
  const statement = counted
    ? CompiledQuery.raw(FIGURES_WITH_UNREAD, [ids, toInstant(since), unread.readerId, unread.authorRoles])
    : CompiledQuery.raw(FIGURES, [ids, toInstant(since)]);
  prepareByName?.(statement.sql);
  const { rows } = await db.executeQuery<{ figure: Count; patient_id: Id; a: Count; b: Count }>(statement);
  const figures: DashboardFigures = { doses: [], openQuestions: [], unreadMessages: [] };
  for (const { figure, patient_id: patientId, a, b } of rows) {
    const which = count(figure);
    if (which === 0) {
      figures.doses.push({ patientId, taken: count(a), skipped: count(b) });
    } else if (which === 1) {
      figures.openQuestions.push({ patientId, open: count(a) });
    } else {
      figures.unreadMessages.push({ patientId, unread: count(a) });
    }
  }
  return figures;
}

export async function getUsers(db: Kysely<Database>, ids: Id[]): Promise<User[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .orderBy('id')
    .execute();
  return rows.map(toUser);
}

export async function listAlertDetails(
  db: Kysely<Database>,
  filter: { orgId: Id; patientId?: Id; status?: Alert['status'][]; limit?: number },
): Promise<AlertDetail[]> {
  if (filter.status?.length === 0) {
    return [];
  }
  let query = db
    .selectFrom('alerts as a')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .innerJoin('check_ins as c', 'c.id', 'a.check_in_id')
    .leftJoin('users as ack', 'ack.id', 'a.acknowledged_by')
    .leftJoin('users as res', 'res.id', 'a.resolved_by')
    .selectAll('a')
    .select([
      'p.name as patient_name',
      'c.submitted_at as c_submitted_at',
      'c.payload as c_payload',
      'c.triage as c_triage',
      'c.disposition as c_disposition',
      'c.idempotency_key as c_idempotency_key',
      'c.recorded_by as c_recorded_by',
      'ack.name as acknowledged_by_name',
      'res.name as resolved_by_name',
    ])
    .where('p.org_id', '=', filter.orgId);
  if (filter.patientId !== undefined) {
    query = query.where('a.patient_id', '=', filter.patientId);
  }
  if (filter.status !== undefined) {
    query = query.where('a.status', 'in', filter.status);
  }
  const rows = await query
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(clampLimit(filter.limit))
    .execute();
  return rows.map((row) => ({
    ...toAlert(row),
    patientName: row.patient_name,
    checkIn: toCheckIn({
      id: row.check_in_id,
      patient_id: row.patient_id,
      submitted_at: row.c_submitted_at,
      payload: row.c_payload,
      triage: row.c_triage,
      disposition: row.c_disposition,
      idempotency_key: row.c_idempotency_key,
      recorded_by: row.c_recorded_by,
    }),
    acknowledgedByName: row.acknowledged_by_name,
    resolvedByName: row.resolved_by_name,
  }));
}

/** One UPDATE … RETURNING: the status and escalated_at conditions make each alert escalate once, whoever runs it. */
export async function escalateAlerts(db: Kysely<Database>, createdBefore: Instant, at: Instant): Promise<Alert[]> {
  const rows: Selectable<AlertsTable>[] = await db
    .updateTable('alerts')
    .set({ escalated_at: toInstant(at) })
    .where('level', '=', 'emergency')
    .where('status', '=', 'open')
    .where('escalated_at', 'is', null)
    .where('created_at', '<=', toInstant(createdBefore))
    .returningAll()
    .execute();
  return rows.map(toAlert).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
