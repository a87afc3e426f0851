/** The list to carry and the calendar: the care team's phone on the organisation, and patients' private calendar feeds. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { AftercareError } from '@aftercare/core';
import type { CalendarFeed, Id, Instant, NewCalendarFeed, OrganisationContact } from '../store.ts';
import { toInstant } from './rows.ts';
import type { CalendarFeedsTable, Database, OrganisationPhoneColumns, OrganisationsTable } from './schema.ts';
import { inTransaction } from './transaction.ts';

/** The organisations table with the phone column of migration 0009. */
function withPhone(db: Kysely<Database>) {
  return db.withTables<{ organisations: OrganisationsTable & OrganisationPhoneColumns }>();
}

function toCalendarFeed(row: Selectable<CalendarFeedsTable>): CalendarFeed {
  return {
    id: row.id,
    patientId: row.patient_id,
    secretHash: row.secret_hash,
    includeDoses: row.include_doses === 1,
    createdBy: row.created_by,
    createdAt: toInstant(row.created_at),
    revokedAt: row.revoked_at === null ? null : toInstant(row.revoked_at),
  };
}

export async function getOrganisationContact(db: Kysely<Database>, id: Id): Promise<OrganisationContact | undefined> {
  const row = await withPhone(db)
    .selectFrom('organisations')
    .select(['id', 'name', 'phone'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, phone: row.phone };
}

export async function updateOrganisationContact(
  db: Kysely<Database>,
  id: Id,
  changes: { name?: string; phone?: string | null },
): Promise<OrganisationContact> {
  const set: { name?: string; phone?: string | null } = {};
  if (changes.name !== undefined) {
    set.name = changes.name;
  }
  if (changes.phone !== undefined) {
    set.phone = changes.phone;
  }
  if (Object.keys(set).length > 0) {
    await withPhone(db).updateTable('organisations').set(set).where('id', '=', id).execute();
  }
  const contact = await getOrganisationContact(db, id);
  if (contact === undefined) {
    throw new AftercareError('CARE_ERR_NOT_FOUND', 'We could not find that organisation.');
  }
  return contact;
}

export async function replaceCalendarFeed(db: Kysely<Database>, feed: NewCalendarFeed): Promise<CalendarFeed> {
  const row: Selectable<CalendarFeedsTable> = {
    id: randomUUID(),
    patient_id: feed.patientId,
    secret_hash: feed.secretHash,
    include_doses: feed.includeDoses ? 1 : 0,
    created_by: feed.createdBy,
    created_at: toInstant(feed.createdAt),
    revoked_at: null,
  };
  return inTransaction(db, async (trx) => {
    await revokeCalendarFeed(trx, feed.patientId, feed.createdAt);
    await trx.insertInto('calendar_feeds').values(row).execute();
    return toCalendarFeed(row);
  });
}

export async function findLiveCalendarFeed(
  db: Kysely<Database>,
  secretHash: string,
): Promise<CalendarFeed | undefined> {
  const row = await db
    .selectFrom('calendar_feeds')
    .selectAll()
    .where('secret_hash', '=', secretHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row && toCalendarFeed(row);
}

export async function getLiveCalendarFeed(db: Kysely<Database>, patientId: Id): Promise<CalendarFeed | undefined> {
  const row = await db
    .selectFrom('calendar_feeds')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row && toCalendarFeed(row);
}

export async function revokeCalendarFeed(db: Kysely<Database>, patientId: Id, at: Instant): Promise<boolean> {
  const result = await db
    .updateTable('calendar_feeds')
    .set({ revoked_at: toInstant(at) })
    .where('patient_id', '=', patientId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
