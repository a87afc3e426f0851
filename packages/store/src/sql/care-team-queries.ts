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
import type { AlertsTable, CheckInsTable, Database, PatientsTable } from './schema.ts';

/** Dashboard order: the index of a need is its rank in SQL. */
export const NEEDS: readonly Need[] = ['emergency', 'contact-provider', 'quiet', 'ok'];

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** Counts come back as numbers (SQLite), or as strings for bigint (PostgreSQL). */
type Count = number | string | bigint | null;

interface DashboardRow extends Selectable<PatientsTable> {
  plan_id: string | null;
  last_check_in_at: string | null;
  emergency: Count;
  contact: Count;
  unacknowledged: Count;
  escalated: Count;
  need_rank: Count;
}

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

/** The quiet cutoff of a patient's plan, as one SQL CASE over the plan ids the caller knows. */
function quietCutoff(query: DashboardQuery): RawBuilder<string> {
  const plans = Object.entries(query.quietBefore);
  const fallback = toInstant(query.defaultQuietBefore);
  if (plans.length === 0) {
    return sql<string>`${fallback}`;
  }
  const branches = plans.map(([planId, before]) => sql`when ${planId} then ${toInstant(before)}`);
  return sql<string>`(case b.plan_id ${sql.join(branches, sql` `)} else ${fallback} end)`;
}

/**
 * Every patient of the organisation (matching the search) with what the order needs: the latest plan, the last
 * check-in, unresolved alerts by level, the need's rank and a sort key within the need. Unresolved alerts are few,
 * so they are grouped once; the last check-in and the plan are index lookups per patient.
 */
function rankedPatients(query: DashboardQuery): RawBuilder<unknown> {
  const search =
    query.search === undefined || query.search.trim() === ''
      ? sql``
      : sql`and lower(p.name) like ${containsPattern(query.search.trim())} escape '\\'`;
  return sql`
    base as (
      select p.*,
        (select max(c.submitted_at) from check_ins c where c.patient_id = p.id) as last_check_in_at,
        (select e.plan_id from enrolments e where e.patient_id = p.id
          order by e.enrolled_at desc, e.id desc limit 1) as plan_id,
        a.emergency, a.contact, a.unacknowledged, a.escalated, a.first_emergency_at, a.first_contact_at
      from patients p
      left join (
        select patient_id,
          sum(case when level = 'emergency' then 1 else 0 end) as emergency,
          sum(case when level = 'contact-provider' then 1 else 0 end) as contact,
          sum(case when status = 'open' then 1 else 0 end) as unacknowledged,
          sum(case when status = 'open' and escalated_at is not null then 1 else 0 end) as escalated,
          min(case when level = 'emergency' then created_at end) as first_emergency_at,
          min(case when level = 'contact-provider' then created_at end) as first_contact_at
        from alerts
        where status in ('open', 'acknowledged')
        group by patient_id
      ) a on a.patient_id = p.id
      where p.org_id = ${query.orgId} ${search}
    ),
    ranked as (
      select b.*,
        case
          when coalesce(b.emergency, 0) > 0 then 0
          when coalesce(b.contact, 0) > 0 then 1
          when coalesce(b.last_check_in_at, b.created_at) < ${quietCutoff(query)} then 2
          else 3
        end as need_rank
      from base b
    )`;
}

/** Within a need: the oldest alert first; the longest quiet first; then the earliest day of recovery. */
const SORT_KEY = sql`case need_rank
  when 0 then first_emergency_at
  when 1 then first_contact_at
  when 2 then coalesce(last_check_in_at, created_at)
  else '' end`;

export async function listDashboard(db: Kysely<Database>, query: DashboardQuery): Promise<DashboardPage> {
  const ranked = rankedPatients(query);
  const needFilter = query.need === undefined ? sql`` : sql`where need_rank = ${NEEDS.indexOf(query.need)}`;
  const limit = clampLimit(query.limit);
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const [page, counts] = await Promise.all([
    sql<DashboardRow>`with ${ranked}
      select * from ranked ${needFilter}
      order by need_rank, ${SORT_KEY}, procedure_date desc, name, id
      limit ${limit} offset ${offset}`.execute(db),
    sql<{ need_rank: Count; n: Count }>`with ${ranked}
      select need_rank, count(*) as n from ranked group by need_rank`.execute(db),
  ]);
  const byNeed: Record<Need, number> = { emergency: 0, 'contact-provider': 0, quiet: 0, ok: 0 };
  for (const row of counts.rows) {
    const need = NEEDS[count(row.need_rank)];
    if (need !== undefined) {
      byNeed[need] = count(row.n);
    }
  }
  return { entries: page.rows.map(toDashboardEntry), counts: byNeed };
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
