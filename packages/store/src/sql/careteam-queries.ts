/** The careteam store block: return-to-work, a closed follow-up, the plan-changes feed, read marks, caregivers. */
import { randomUUID } from 'node:crypto';
import { AftercareError } from '@aftercare/core';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type {
  Enrolment,
  FollowUp,
  Id,
  Instant,
  Page,
  PlanChange,
  PlanChangeKind,
  ReadThread,
  Role,
  User,
} from '../store.ts';
import { toEnrolment, toInstant, toOptionalInstant, toUser } from './rows.ts';
import { olderThan } from './paging.ts';
import type { Database, PlanChangesTable } from './schema.ts';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

function notFound(what: string): AftercareError {
  return new AftercareError('CARE_ERR_NOT_FOUND', `We could not find that ${what}.`);
}

export async function updateEnrolment(
  db: Kysely<Database>,
  id: Id,
  changes: Partial<Pick<Enrolment, 'returnToWork' | 'returnToWorkDate'>>,
): Promise<Enrolment> {
  const columns: { return_to_work?: string | null; return_to_work_date?: string | null } = {};
  if (changes.returnToWork !== undefined) {
    columns.return_to_work = changes.returnToWork;
  }
  if (changes.returnToWorkDate !== undefined) {
    columns.return_to_work_date = changes.returnToWorkDate;
  }
  if (Object.keys(columns).length > 0) {
    const result = await db.updateTable('enrolments').set(columns).where('id', '=', id).executeTakeFirst();
    if (result.numUpdatedRows === 0n) {
      throw notFound('enrolment');
    }
  }
  const row = await db.selectFrom('enrolments').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) {
    throw notFound('enrolment');
  }
  return toEnrolment(row);
}

interface FollowUpRow {
  follow_up_closed_at: string | null;
  follow_up_closed_by: string | null;
  follow_up_close_reason: string | null;
  follow_up_close_note: string | null;
}

function toFollowUp(row: FollowUpRow): FollowUp {
  const reason = row.follow_up_close_reason;
  return {
    closedAt: row.follow_up_closed_at,
    closedBy: row.follow_up_closed_by,
    reason: reason === 'recovered' || reason === 'other' ? reason : null,
    note: row.follow_up_close_note,
  };
}

export async function getFollowUp(db: Kysely<Database>, patientId: Id): Promise<FollowUp> {
  const result = await sql<FollowUpRow>`select follow_up_closed_at, follow_up_closed_by, follow_up_close_reason,
      follow_up_close_note from patients where id = ${patientId}`.execute(db);
  const row = result.rows[0];
  if (row === undefined) {
    throw notFound('patient');
  }
  return toFollowUp(row);
}

export async function setFollowUp(db: Kysely<Database>, patientId: Id, followUp: FollowUp): Promise<FollowUp> {
  const result = await sql`update patients set follow_up_closed_at = ${toOptionalInstant(followUp.closedAt)},
      follow_up_closed_by = ${followUp.closedBy}, follow_up_close_reason = ${followUp.reason},
      follow_up_close_note = ${followUp.note}
    where id = ${patientId}`.execute(db);
  if (result.numAffectedRows === 0n) {
    throw notFound('patient');
  }
  return getFollowUp(db, patientId);
}

function toPlanChange(row: PlanChangesTable): PlanChange {
  let details: unknown;
  try {
    details = JSON.parse(row.details);
  } catch {
    details = {};
  }
  return {
    id: row.id,
    patientId: row.patient_id,
    at: row.at,
    changedBy: row.changed_by,
    kind: row.kind as PlanChangeKind,
    subjectId: row.subject_id,
    details:
      typeof details === 'object' && details !== null && !Array.isArray(details)
        ? (details as Record<string, unknown>)
        : {},
  };
}

export async function addPlanChange(db: Kysely<Database>, change: Omit<PlanChange, 'id'>): Promise<PlanChange> {
  const row: PlanChangesTable = {
    id: randomUUID(),
    patient_id: change.patientId,
    at: toInstant(change.at),
    changed_by: change.changedBy,
    kind: change.kind,
    subject_id: change.subjectId,
    details: JSON.stringify(change.details),
  };
  await db.insertInto('plan_changes').values(row).execute();
  return toPlanChange(row);
}

export async function listPlanChanges(db: Kysely<Database>, patientId: Id, page?: Page): Promise<PlanChange[]> {
  let query = db.selectFrom('plan_changes').selectAll().where('patient_id', '=', patientId);
  const older = olderThan('at', page);
  if (older !== undefined) {
    query = query.where(older);
  }
  const limit =
    page?.limit === undefined || !Number.isFinite(page.limit)
      ? DEFAULT_LIMIT
      : Math.min(MAX_LIMIT, Math.max(1, Math.floor(page.limit)));
  const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toPlanChange);
}

/** An upsert that only moves the mark forward: reading an old page in another tab never makes messages unread. */
export async function markRead(
  db: Kysely<Database>,
  userId: Id,
  patientId: Id,
  thread: ReadThread,
  at: Instant,
): Promise<void> {
  const readAt = toInstant(at);
  await db
    .insertInto('read_marks')
    .values({ user_id: userId, patient_id: patientId, thread, read_at: readAt })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'patient_id', 'thread'])
        .doUpdateSet({ read_at: readAt })
        .where('read_marks.read_at', '<', readAt),
    )
    .execute();
}

export async function getReadMark(
  db: Kysely<Database>,
  userId: Id,
  patientId: Id,
  thread: ReadThread,
): Promise<Instant | undefined> {
  const row = await db
    .selectFrom('read_marks')
    .select('read_at')
    .where('user_id', '=', userId)
    .where('patient_id', '=', patientId)
    .where('thread', '=', thread)
    .executeTakeFirst();
  return row?.read_at;
}

export async function countUnreadMessages(
  db: Kysely<Database>,
  readerId: Id,
  patientIds: Id[],
  authorRoles: Role[],
): Promise<{ patientId: Id; unread: number }[]> {
  if (patientIds.length === 0 || authorRoles.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('messages as m')
    .innerJoin('users as u', 'u.id', 'm.author_id')
    .leftJoin('read_marks as r', (join) =>
      join.onRef('r.patient_id', '=', 'm.patient_id').on('r.user_id', '=', readerId).on('r.thread', '=', 'messages'),
    )
    .select((eb) => ['m.patient_id', eb.fn.countAll<number | string | bigint>().as('unread')])
    .where('m.patient_id', 'in', [...new Set(patientIds)])
    .where('m.author_id', '<>', readerId)
    .where('u.role', 'in', authorRoles)
    .where((eb) => eb.or([eb('r.read_at', 'is', null), eb('m.created_at', '>', eb.ref('r.read_at'))]))
    .groupBy('m.patient_id')
    .orderBy('m.patient_id')
    .execute();
  return rows.map((row) => ({ patientId: row.patient_id, unread: Number(row.unread) }));
}

export async function listCaregivers(db: Kysely<Database>, patientId: Id): Promise<User[]> {
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('role', '=', 'caregiver')
    .where('disabled_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toUser);
}
