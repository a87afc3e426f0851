/** Security's SQL: sign-in failure counts, the audit trail's filtered pages, and erasing a patient everywhere. */
import { AftercareError } from '@aftercare/core';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { AuditEntry, AuditPage, AuditQuery, ErasureReport, Id, Instant, LoginFailures, Role } from '../store.ts';
import { toAuditEvent, toInstant } from './rows.ts';
import type { Database } from './schema.ts';

const DEFAULT_AUDIT_LIMIT = 50;
const MAX_AUDIT_LIMIT = 500;

export async function recordLoginFailure(
  db: Kysely<Database>,
  key: string,
  at: Instant,
  forgetBefore: Instant,
): Promise<LoginFailures> {
  const now = toInstant(at);
  const cutoff = toInstant(forgetBefore);
  // One statement: concurrent failures from several processes all count.
  const row = await db
    .insertInto('login_failures')
    .values({ account_key: key, failures: 1, last_failure_at: now })
    .onConflict((oc) =>
      oc.column('account_key').doUpdateSet({
        failures: sql<number>`case when login_failures.last_failure_at < ${cutoff} then 1
          else login_failures.failures + 1 end`,
        last_failure_at: now,
      }),
    )
    .returning(['failures', 'last_failure_at'])
    .executeTakeFirstOrThrow();
  return { failures: row.failures, lastFailureAt: row.last_failure_at };
}

export async function getLoginFailures(db: Kysely<Database>, key: string): Promise<LoginFailures | undefined> {
  const row = await db
    .selectFrom('login_failures')
    .select(['failures', 'last_failure_at'])
    .where('account_key', '=', key)
    .executeTakeFirst();
  return row && { failures: row.failures, lastFailureAt: row.last_failure_at };
}

export async function clearLoginFailures(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('account_key', '=', key).execute();
}

export async function deleteOtherSessions(db: Kysely<Database>, userId: Id, keepIdHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('id_hash', '!=', keepIdHash).execute();
}

/** "<instant>|<seq>": the last entry of a page, so the next page starts right after it even within one instant. */
function cursorOf(at: string, seq: number | string | bigint): string {
  return `${at}|${String(seq)}`;
}

function parseCursor(cursor: string): { at: string; seq: number } {
  const match = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\|(\d{1,18})$/.exec(cursor);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new AftercareError('CARE_ERR_BAD_INPUT', 'The page cursor is not valid: start again from the first page.', [
      { path: 'before', message: 'not a cursor this server gave' },
    ]);
  }
  return { at: toInstant(match[1]), seq: Number(match[2]) };
}

function clampAuditLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) {
    return DEFAULT_AUDIT_LIMIT;
  }
  return Math.min(MAX_AUDIT_LIMIT, Math.max(1, Math.floor(limit)));
}

export async function searchAudit(db: Kysely<Database>, query: AuditQuery): Promise<AuditPage> {
  const limit = clampAuditLimit(query.limit);
  let q = db
    .selectFrom('audit_events as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select([
      'a.seq',
      'a.id',
      'a.at',
      'a.actor_id',
      'a.action',
      'a.patient_id',
      'a.resource_type',
      'a.resource_id',
      'a.ip',
      'u.name as actor_name',
      'u.role as actor_role',
    ]);
  const { orgId } = query;
  if (orgId !== undefined) {
    q = q.where((eb) =>
      eb.or([
        eb('u.org_id', '=', orgId),
        eb('a.patient_id', 'in', eb.selectFrom('patients').select('patients.id').where('patients.org_id', '=', orgId)),
      ]),
    );
  }
  if (query.actorId !== undefined) {
    q = q.where('a.actor_id', '=', query.actorId);
  }
  if (query.patientId !== undefined) {
    q = q.where('a.patient_id', '=', query.patientId);
  }
  if (query.action !== undefined) {
    q = q.where('a.action', '=', query.action);
  }
  if (query.from !== undefined) {
    q = q.where('a.at', '>=', toInstant(query.from));
  }
  if (query.to !== undefined) {
    q = q.where('a.at', '<', toInstant(query.to));
  }
  if (query.before !== undefined) {
    const { at, seq } = parseCursor(query.before);
    q = q.where((eb) => eb.or([eb('a.at', '<', at), eb.and([eb('a.at', '=', at), eb('a.seq', '<', seq)])]));
  }
  const rows = await q
    .orderBy('a.at', 'desc')
    .orderBy('a.seq', 'desc')
    .limit(limit + 1)
    .execute();
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  const entries: AuditEntry[] = shown.map((row) => ({
    ...toAuditEvent(row),
    actorName: row.actor_name,
    actorRole: row.actor_role as Role | null,
  }));
  return { entries, nextBefore: rows.length > limit && last !== undefined ? cursorOf(last.at, last.seq) : null };
}

/** Tables the erasure never touches: the append-only audit trail, the migrator's own, and the two it ends with. */
const NOT_ERASED = new Set(['audit_events', 'patients', 'users', 'kysely_migration', 'kysely_migration_lock']);

/** Known tables about a patient, children before parents (foreign keys). */
const KNOWN_ORDER = [
  'alerts',
  'dose_events',
  'questions',
  'messages',
  'invites',
  'check_ins',
  'appointments',
  'medication_versions',
  'medications',
  'allergies',
  'enrolments',
];

/**
 * Erases the patient in the transaction `db`. Tables are found by their columns (`patient_id`, or `user_id` for the
 * patient's own logins), so tables added later are erased too; known tables go in foreign-key order after them.
 */
export async function erasePatient(db: Kysely<Database>, patientId: Id): Promise<ErasureReport> {
  const exists = await db.selectFrom('patients').select('id').where('id', '=', patientId).executeTakeFirst();
  if (exists === undefined) {
    throw new AftercareError('CARE_ERR_NOT_FOUND', 'We could not find that patient.');
  }
  const userIds = (await db.selectFrom('users').select('id').where('patient_id', '=', patientId).execute()).map(
    (u) => u.id,
  );
  const tables = (await db.introspection.getTables()).filter((t) => !t.isView && !NOT_ERASED.has(t.name));
  const columnsOf = new Map(tables.map((t) => [t.name, new Set(t.columns.map((c) => c.name))]));
  const report: ErasureReport = {};
  const count = (table: string, deleted: bigint | number): void => {
    const n = Number(deleted);
    if (n > 0) {
      report[table] = (report[table] ?? 0) + n;
    }
  };
  // Untyped: tables of later migrations are not all known to this module.
  const untyped = db as unknown as Kysely<Record<string, Record<string, string>>>;

  const later = [...columnsOf.keys()].filter((name) => !KNOWN_ORDER.includes(name)).sort();
  for (const table of later) {
    const columns = columnsOf.get(table) ?? new Set<string>();
    if (columns.has('patient_id')) {
      const result = await untyped.deleteFrom(table).where('patient_id', '=', patientId).executeTakeFirst();
      count(table, result.numDeletedRows);
    }
    if (columns.has('user_id') && userIds.length > 0) {
      const result = await untyped.deleteFrom(table).where('user_id', 'in', userIds).executeTakeFirst();
      count(table, result.numDeletedRows);
    }
  }
  for (const table of KNOWN_ORDER.filter((name) => columnsOf.has(name))) {
    const result =
      table === 'medication_versions'
        ? await db
            .deleteFrom('medication_versions')
            .where('medication_id', 'in', db.selectFrom('medications').select('id').where('patient_id', '=', patientId))
            .executeTakeFirst()
        : await untyped.deleteFrom(table).where('patient_id', '=', patientId).executeTakeFirst();
    count(table, result.numDeletedRows);
  }
  count('users', (await db.deleteFrom('users').where('patient_id', '=', patientId).executeTakeFirst()).numDeletedRows);
  count('patients', (await db.deleteFrom('patients').where('id', '=', patientId).executeTakeFirst()).numDeletedRows);
  return report;
}
