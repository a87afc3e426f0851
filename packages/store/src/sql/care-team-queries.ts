/** The care team's set-based reads (dashboard, alert details) and the escalation update: plain SQL both dialects run. */
import { sql } from 'kysely';
import type { Kysely, RawBuilder, Selectable } from 'kysely';
import type {
  Alert,
  AlertDetail,
  CheckIn,
  DashboardEntry,
  DashboardPage,
  DashboardQuery,
  Id,
  Instant,
  Need,
  User,
} from '../store.ts';
import { toAlert, toCheckIn, toInstant, toPatient, toUser } from './rows.ts';
import type { AlertsTable, CheckInsTable, Database, PatientActivityColumns, PatientsTable } from './schema.ts';

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
function quietCutoff(query: DashboardQuery): RawBuilder<string> {
  const plans = Object.entries(query.quietBefore);
  const fallback = toInstant(query.defaultQuietBefore);
  if (plans.length === 0) {
    return sql<string>`${fallback}`;
  }
  const branches = plans.map(([planId, before]) => sql`when ${planId} then ${toInstant(before)}`);
  return sql<string>`(case p.plan_id ${sql.join(branches, sql` `)} else ${fallback} end)`;
}

/** The latest of all cutoffs: an index range that holds every quiet patient, whatever their plan. */
function latestCutoff(query: DashboardQuery): string {
  return [query.defaultQuietBefore, ...Object.values(query.quietBefore)]
    .map(toInstant)
    .reduce((a, b) => (a > b ? a : b));
}

/** Whether a patient is quiet by their last sign of life (alerts aside), computed like the SQL does. */
function quietByActivity(query: DashboardQuery, row: PatientActivityColumns): boolean {
  const cutoff = row.plan_id === null ? undefined : query.quietBefore[row.plan_id];
  return row.last_activity_at < toInstant(cutoff ?? query.defaultQuietBefore);
}

/** The search and the open/closed scope, as conditions on `p` (closed follow-ups leave the default list). */
function searchOf(query: DashboardQuery): RawBuilder<unknown> {
  const scope =
    query.closed === true ? sql`and p.follow_up_closed_at is not null` : sql`and p.follow_up_closed_at is null`;
  return query.search === undefined || query.search.trim() === ''
    ? scope
    : sql`${scope} and lower(p.name) like ${containsPattern(query.search.trim())} escape '\\'`;
}

const NO_UNRESOLVED_ALERT = sql`not exists (select 1 from alerts x
  where x.patient_id = p.id and x.status in ('open', 'acknowledged'))`;

/**
 * Patients with unresolved alerts (few at any time): emergency ones first, then contact-provider ones; within each,
 * those nobody acknowledged yet first, oldest alert first.
 */
function flaggedPatients(db: Kysely<Database>, query: DashboardQuery): Promise<DashboardRow[]> {
  return sql<DashboardRow>`
    select p.*, a.emergency, a.contact, a.unacknowledged, a.escalated,
      case when a.emergency > 0 then 0 else 1 end as need_rank,
      case when a.emergency > 0
        then coalesce('0' || a.first_open_emergency_at, '1' || a.first_emergency_at)
        else coalesce('0' || a.first_open_contact_at, '1' || a.first_contact_at)
      end as sort_key
    from (
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
    ) a
    join patients p on p.id = a.patient_id
    where p.org_id = ${query.orgId} ${searchOf(query)}
    order by need_rank, sort_key, p.procedure_date desc, p.name, p.id`
    .execute(db)
    .then((result) => result.rows);
}

/** Quiet patients without unresolved alerts, the longest quiet first: the activity index read in order. */
function quietPatients(db: Kysely<Database>, query: DashboardQuery, limit: number): Promise<DashboardRow[]> {
  return sql<DashboardRow>`
    select p.*, 0 as emergency, 0 as contact, 0 as unacknowledged, 0 as escalated, 2 as need_rank
    from patients p
    where p.org_id = ${query.orgId} and p.last_activity_at < ${latestCutoff(query)}
      and p.last_activity_at < ${quietCutoff(query)} and ${NO_UNRESOLVED_ALERT} ${searchOf(query)}
    order by p.last_activity_at, p.id
    limit ${limit}`
    .execute(db)
    .then((result) => result.rows);
}

/** Everyone else, the earliest day of recovery first: the recovery index read in order until the page is full. */
function otherPatients(db: Kysely<Database>, query: DashboardQuery, limit: number): Promise<DashboardRow[]> {
  return sql<DashboardRow>`
    select p.*, 0 as emergency, 0 as contact, 0 as unacknowledged, 0 as escalated, 3 as need_rank
    from patients p
    where p.org_id = ${query.orgId} and p.last_activity_at >= ${quietCutoff(query)}
      and ${NO_UNRESOLVED_ALERT} ${searchOf(query)}
    order by p.procedure_date desc, p.name, p.id
    limit ${limit}`
    .execute(db)
    .then((result) => result.rows);
}

/**
 * The dashboard in three ordered reads that each stop once the page is full (flagged, quiet, the rest) and one
 * count; it never reads every patient's history, so a page stays fast with 100,000 patients.
 */
export async function listDashboard(db: Kysely<Database>, query: DashboardQuery): Promise<DashboardPage> {
  const limit = clampLimit(query.limit);
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const [flagged, totals] = await Promise.all([
    flaggedPatients(db, query),
    sql<{ total: Count; quiet: Count }>`select
        (select count(*) from patients p where p.org_id = ${query.orgId} ${searchOf(query)}) as total,
        (select count(*) from patients p where p.org_id = ${query.orgId}
          and p.last_activity_at < ${latestCutoff(query)} and p.last_activity_at < ${quietCutoff(query)}
          ${searchOf(query)}) as quiet`.execute(db),
  ]);
  const emergency = flagged.filter((row) => count(row.need_rank) === 0);
  const contact = flagged.filter((row) => count(row.need_rank) === 1);
  const totalRow = totals.rows[0];
  // The quiet count above includes flagged patients who are quiet too: they count under their alert instead.
  const quiet = count(totalRow?.quiet ?? 0) - flagged.filter((row) => quietByActivity(query, row)).length;
  const counts: Record<Need, number> = {
    emergency: emergency.length,
    'contact-provider': contact.length,
    quiet,
    ok: count(totalRow?.total ?? 0) - flagged.length - quiet,
  };

  const wanted = offset + limit;
  const rows: DashboardRow[] = [];
  for (const need of query.need === undefined ? NEEDS : [query.need]) {
    const missing = wanted - rows.length;
    if (missing <= 0) {
      break;
    }
    switch (need) {
      case 'emergency':
        rows.push(...emergency);
        break;
      case 'contact-provider':
        rows.push(...contact);
        break;
      case 'quiet':
        if (counts.quiet > 0) {
          rows.push(...(await quietPatients(db, query, missing)));
        }
        break;
      case 'ok':
        if (counts.ok > 0) {
          rows.push(...(await otherPatients(db, query, missing)));
        }
        break;
    }
  }
  return { entries: rows.slice(offset, wanted).map(toDashboardEntry), counts };
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
  };
}

export async function latestCheckIns(db: Kysely<Database>, patientIds: Id[], perPatient: number): Promise<CheckIn[]> {
  if (patientIds.length === 0 || perPatient < 1) {
    return [];
  }
  const result = await sql<Selectable<CheckInsTable>>`
    select id, patient_id, submitted_at, payload, triage, disposition, idempotency_key, recorded_by from (
      select c.*, row_number() over (partition by c.patient_id order by c.submitted_at desc, c.id desc) as rn
      from check_ins c
      where c.patient_id in (${sql.join(patientIds)})
    ) t
    where rn <= ${Math.floor(perPatient)}
    order by patient_id, submitted_at desc, id desc`.execute(db);
  return result.rows.map(toCheckIn);
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
