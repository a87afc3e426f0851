/**
 * Writing a check-in: the check-in, its alert when triage asks for one, and the write's audit event, in one commit,
 * made as cheap as a single INSERT where it can be. On PostgreSQL it is one statement (INSERTs in a WITH clause): one
 * round trip instead of BEGIN, three INSERTs and COMMIT. On SQLite (in-process, one connection) the INSERTs run back to
 * back in one synchronous transaction: one turn of the connection instead of an await per statement, during which
 * every other request queued. A retried submission (its idempotency key is already stored) reads back what was stored
 * then, the same way on both.
 */
import { CompiledQuery, sql, type Kysely, type Selectable } from 'kysely';
import type { Alert, CheckIn, NewAuditEvent } from '../store.ts';
import { toAlert, toCheckIn, toInstant, toJsonText } from './rows.ts';
import type { AlertsTable, AuditEventsTable, CheckInsTable, Database } from './schema.ts';
import { timeOrderedId } from './time-ordered-id.ts';
import { inTransaction } from './transaction.ts';
import type { RunNow, SqlConnection } from './dialects/dialect.ts';

export interface RecordedCheckIn {
  checkIn: CheckIn;
  alert: Alert | null;
  replayed: boolean;
}

/** The rows a new check-in writes: the alert only when triage says more than self-care. */
interface CheckInRows {
  checkIn: Selectable<CheckInsTable>;
  alert: Omit<Selectable<AlertsTable>, 'escalated_at'> | null;
  audit: AuditEventRow | null;
}

type AuditEventRow = Omit<Selectable<AuditEventsTable>, 'seq'>;

/**
 * The audit table's row for an event (a fresh id; the sequence number is the database's). Every request that touches
 * patient data appends one, so its id is time-ordered too: the id index grows at its end.
 */
export function auditEventRow(event: NewAuditEvent): AuditEventRow {
  return {
    id: timeOrderedId(),
    at: toInstant(event.at),
    actor_id: event.actorId,
    action: event.action,
    patient_id: event.patientId,
    resource_type: event.resourceType,
    resource_id: event.resourceId,
    ip: event.ip,
  };
}

/**
 * @example
 * const saved = await recordCheckIn(db, connection, checkIn, auditEvent);
 */
export async function recordCheckIn(
  db: Kysely<Database>,
  { transactNow, prepareByName }: Pick<SqlConnection, 'transactNow' | 'prepareByName'>,
  checkIn: Omit<CheckIn, 'id'>,
  audit: NewAuditEvent | undefined,
): Promise<RecordedCheckIn> {
  const rows = rowsOf(checkIn, audit);
  const isNew =
    transactNow === undefined
      ? await insertInOneStatement(db, rows, prepareByName)
      : await transactNow(db, (run) => insertOneByOne(run, rows));
  return isNew ? recorded(checkIn, rows) : inTransaction(db, (tx) => replay(tx, rows));
}

function rowsOf(checkIn: Omit<CheckIn, 'id'>, audit: NewAuditEvent | undefined): CheckInRows {
  // Time-ordered ids (as for jobs): a new check-in and its alert land at the end of their id indexes (and of the
  // alert's check-in index), on pages already in memory. With random ids each went to a page of its own: on SQLite a
  // check-in with an alert cost about 40% more after 50,000 check-ins; with these ids about 15% (the clients'
  // idempotency keys stay random).
  const row = {
    id: timeOrderedId(),
    patient_id: checkIn.patientId,
    submitted_at: toInstant(checkIn.submittedAt),
    payload: toJsonText(checkIn.payload),
    triage: toJsonText(checkIn.triage),
    disposition: checkIn.disposition,
    idempotency_key: checkIn.idempotencyKey,
    recorded_by: checkIn.recordedBy,
  };
  // The alert is created at the check-in's `submittedAt`: the moment the patient reported the sign.
  const alert =
    checkIn.disposition === 'self-care'
      ? null
      : {
          id: timeOrderedId(),
          patient_id: row.patient_id,
          check_in_id: row.id,
          level: checkIn.disposition,
          status: 'open' as const,
          created_at: row.submitted_at,
          acknowledged_by: null,
          acknowledged_at: null,
          acknowledge_note: null,
          resolved_by: null,
          resolved_at: null,
        };
  return { checkIn: row, alert, audit: audit === undefined ? null : auditEventRow({ ...audit, resourceId: row.id }) };
}

/** What was written, from the objects given: the stored JSON holds the same values, so it is not parsed back. */
function recorded(checkIn: Omit<CheckIn, 'id'>, { checkIn: row, alert }: CheckInRows): RecordedCheckIn {
  return {
    checkIn: {
      id: row.id,
      patientId: row.patient_id,
      submittedAt: row.submitted_at,
      payload: checkIn.payload,
      triage: checkIn.triage,
      disposition: checkIn.disposition,
      idempotencyKey: row.idempotency_key,
      recordedBy: row.recorded_by,
    },
    alert: alert === null ? null : toAlert(alert),
    replayed: false,
  };
}

/**
 * True when the check-in is new (and so are its alert and audit event); false when its idempotency key was stored.
 * The alert and the audit event are inserted from `stored`, the check-in row the first INSERT wrote: on a replay it is
 * empty, and nothing else is written either. (Keys between rows of one statement are checked at its end.) Plain SQL:
 * building this WITH through Kysely's builder cost more CPU than the round trips it saves. Its text is one of four
 * (with or without alert and audit event), each sent as a named prepared statement: parsed and planned once.
 */
async function insertInOneStatement(
  db: Kysely<Database>,
  { checkIn: c, alert: a, audit }: CheckInRows,
  prepareByName: SqlConnection['prepareByName'],
): Promise<boolean> {
  const alerted =
    a === null
      ? sql``
      : sql`, alerted as (
          insert into alerts (id, patient_id, check_in_id, level, status, created_at)
          select ${a.id}, ${a.patient_id}, id, ${a.level}, ${a.status}, ${a.created_at} from stored
        )`;
  const audited =
    audit === null
      ? sql``
      : sql`, audited as (
          insert into audit_events (id, at, actor_id, action, patient_id, resource_type, resource_id, ip)
          select ${audit.id}, ${audit.at}, ${audit.actor_id}, ${audit.action}, ${audit.patient_id},
            ${audit.resource_type}, id, ${audit.ip} from stored
        )`;
  const statement = sql<{ id: string }>`
    with stored as (
      insert into check_ins (id, patient_id, submitted_at, payload, triage, disposition, idempotency_key, recorded_by)
      values (${c.id}, ${c.patient_id}, ${c.submitted_at}, ${c.payload}, ${c.triage}, ${c.disposition},
        ${c.idempotency_key}, ${c.recorded_by})
      on conflict (patient_id, idempotency_key) do nothing
      returning id
    )${alerted}${audited}
    select id from stored`.compile(db);
  prepareByName?.(statement.sql);
  const result = await db.executeQuery(statement);
  return result.rows.length > 0;
}

/**
 * SQLite's statements for `insertOneByOne`, written once: their text is the statement cache's key, and building them
 * through Kysely for every check-in cost more than running them. No RETURNING on the check-in: SQLite collects
 * returned rows in a temporary table of their own, dearer than asking how many rows the INSERT wrote.
 */
const SQLITE_INSERT_CHECK_IN = `insert into check_ins
  (id, patient_id, submitted_at, payload, triage, disposition, idempotency_key, recorded_by)
  values (?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (patient_id, idempotency_key) do nothing`;
const SQLITE_INSERT_ALERT = `insert into alerts (id, patient_id, check_in_id, level, status, created_at)
  values (?, ?, ?, ?, ?, ?)`;
const SQLITE_INSERT_AUDIT = `insert into audit_events
  (id, at, actor_id, action, patient_id, resource_type, resource_id, ip)
  values (?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * The same rows, one INSERT at a time, inside `transactNow` (no await in between). False when the idempotency key was
 * stored (the INSERT then wrote no row, and nothing else is written).
 */
function insertOneByOne(run: RunNow, { checkIn: c, alert: a, audit }: CheckInRows): boolean {
  const { written } = run(
    CompiledQuery.raw(SQLITE_INSERT_CHECK_IN, [
      c.id,
      c.patient_id,
      c.submitted_at,
      c.payload,
      c.triage,
      c.disposition,
      c.idempotency_key,
      c.recorded_by,
    ]),
  );
  if (written !== 1) {
    return false;
  }
  if (a !== null) {
    run(CompiledQuery.raw(SQLITE_INSERT_ALERT, [a.id, a.patient_id, a.check_in_id, a.level, a.status, a.created_at]));
  }
  if (audit !== null) {
    run(
      CompiledQuery.raw(SQLITE_INSERT_AUDIT, [
        audit.id,
        audit.at,
        audit.actor_id,
        audit.action,
        audit.patient_id,
        audit.resource_type,
        audit.resource_id,
        audit.ip,
      ]),
    );
  }
  return true;
}

/** What was stored under this idempotency key, and the audit event of this (repeated) submission. */
async function replay(tx: Kysely<Database>, rows: CheckInRows): Promise<RecordedCheckIn> {
  const { patient_id: patientId, idempotency_key: key } = rows.checkIn;
  if (key === null) {
    // Only a stored idempotency key can make the insert do nothing.
    throw new Error('A check-in without an idempotency key was not stored.');
  }
  const stored = await tx
    .selectFrom('check_ins')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('idempotency_key', '=', key)
    .executeTakeFirstOrThrow();
  const storedAlert = await tx.selectFrom('alerts').selectAll().where('check_in_id', '=', stored.id).executeTakeFirst();
  if (rows.audit !== null) {
    await tx
      .insertInto('audit_events')
      .values({ ...rows.audit, resource_id: stored.id })
      .execute();
  }
  return { checkIn: toCheckIn(stored), alert: storedAlert ? toAlert(storedAlert) : null, replayed: true };
}
