/** The in-app inbox (one row per job and recipient), who gets a reminder, and each patient's reminder settings. */
import type { Kysely, Selectable } from 'kysely';
import type { NewNotification, RecipientFilter, ReminderSettings, StoredNotification } from '../reminders.ts';
import type { Id, Instant, Page, User } from '../store.ts';
import { toInstant, toUser } from './rows.ts';
import { olderThan } from './paging.ts';
import type { Database, NotificationsTable, ReminderSettingsTable } from './schema.ts';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

export function toNotification(row: Selectable<NotificationsTable>): StoredNotification {
  return {
    id: row.id,
    recipientId: row.recipient_id,
    patientId: row.patient_id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: row.created_at,
    readAt: row.read_at,
    jobId: row.job_id,
  };
}

/** Rows per multi-row INSERT: 10 columns a row, well inside both databases' limits on bound parameters. */
const ROWS_PER_INSERT = 1000;

function notificationRow(notification: NewNotification): Selectable<NotificationsTable> {
  return {
    id: notification.id,
    recipient_id: notification.recipientId,
    patient_id: notification.patientId,
    kind: notification.kind,
    title: notification.title,
    body: notification.body,
    link: notification.link,
    created_at: toInstant(notification.createdAt),
    read_at: null,
    job_id: notification.jobId,
  };
}

/** A new inbox row as it reads back once stored. */
export function storedNotification(notification: NewNotification): StoredNotification {
  return toNotification(notificationRow(notification));
}

/**
 * Stores inbox rows; a row for a job and recipient that already has one (stored before, or earlier in the list) is
 * not added again. Returns those added, in the order given.
 */
export async function insertNotifications(
  db: Kysely<Database>,
  notifications: NewNotification[],
): Promise<StoredNotification[]> {
  const rows = notifications.map(notificationRow);
  const added = new Set<string>();
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const inserted = await db
      .insertInto('notifications')
      .values(rows.slice(start, start + ROWS_PER_INSERT))
      .onConflict((oc) => oc.columns(['job_id', 'recipient_id']).doNothing())
      .returning('id')
      .execute();
    inserted.forEach((row) => added.add(row.id));
  }
  return rows.filter((row) => added.has(row.id)).map(toNotification);
}

/** A person's inbox, newest first. */
export async function listNotifications(
  db: Kysely<Database>,
  recipientId: Id,
  page?: Page,
): Promise<StoredNotification[]> {
  let query = db.selectFrom('notifications').selectAll().where('recipient_id', '=', recipientId);
  const older = olderThan('created_at', page);
  if (older !== undefined) {
    query = query.where(older);
  }
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(page?.limit ?? DEFAULT_LIMIT)));
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toNotification);
}

export async function countUnread(db: Kysely<Database>, recipientId: Id): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('recipient_id', '=', recipientId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getNotification(db: Kysely<Database>, id: Id): Promise<StoredNotification | undefined> {
  const row = await db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toNotification(row);
}

/** Marks one of the recipient's notifications read (the first reading counts); false when it is not theirs. */
export async function markNotificationRead(
  db: Kysely<Database>,
  id: Id,
  recipientId: Id,
  at: Instant,
): Promise<boolean> {
  const mine = await db
    .selectFrom('notifications')
    .select('id')
    .where('id', '=', id)
    .where('recipient_id', '=', recipientId)
    .executeTakeFirst();
  if (mine === undefined) {
    return false;
  }
  await db
    .updateTable('notifications')
    .set({ read_at: toInstant(at) })
    .where('id', '=', id)
    .where('read_at', 'is', null)
    .execute();
  return true;
}

/** Marks every unread notification of the recipient read; returns how many. */
export async function markAllNotificationsRead(db: Kysely<Database>, recipientId: Id, at: Instant): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: toInstant(at) })
    .where('recipient_id', '=', recipientId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Enabled accounts with these roles, of a patient or of an organisation, oldest first. */
export async function listRecipients(db: Kysely<Database>, filter: RecipientFilter): Promise<User[]> {
  if (filter.roles.length === 0 || (filter.patientId === undefined && filter.orgId === undefined)) {
    return [];
  }
  let query = db.selectFrom('users').selectAll().where('role', 'in', filter.roles).where('disabled_at', 'is', null);
  if (filter.patientId !== undefined) {
    query = query.where('patient_id', '=', filter.patientId);
  }
  if (filter.orgId !== undefined) {
    query = query.where('org_id', '=', filter.orgId);
  }
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map(toUser);
}

function toReminderSettings(row: Selectable<ReminderSettingsTable>): ReminderSettings {
  return {
    checkInTime: row.check_in_time,
    visitReminders: { dayBefore: row.visit_day_before === 1, hoursBefore: row.visit_hours_before },
    doseRepeat: { everyMinutes: row.dose_repeat_every_minutes, times: row.dose_repeat_times },
  };
}

export async function getReminderSettings(db: Kysely<Database>, patientId: Id): Promise<ReminderSettings | undefined> {
  const row = await db
    .selectFrom('reminder_settings')
    .selectAll()
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
  return row && toReminderSettings(row);
}

export async function putReminderSettings(
  db: Kysely<Database>,
  patientId: Id,
  settings: ReminderSettings,
  at: Instant,
): Promise<ReminderSettings> {
  const columns = {
    check_in_time: settings.checkInTime,
    visit_day_before: settings.visitReminders.dayBefore ? 1 : 0,
    visit_hours_before: settings.visitReminders.hoursBefore,
    dose_repeat_every_minutes: settings.doseRepeat.everyMinutes,
    dose_repeat_times: settings.doseRepeat.times,
    updated_at: toInstant(at),
  };
  await db
    .insertInto('reminder_settings')
    .values({ patient_id: patientId, ...columns })
    .onConflict((oc) => oc.column('patient_id').doUpdateSet(columns))
    .execute();
  return toReminderSettings({ patient_id: patientId, ...columns });
}
