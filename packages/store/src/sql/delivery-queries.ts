/** Delivery's SQL: push subscriptions (one row per device endpoint) and write-once server settings. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { NewPushSubscription, PushSubscription } from '../delivery.ts';
import type { Id, Instant } from '../store.ts';
import { toInstant } from './rows.ts';
import type { Database, PushSubscriptionsTable } from './schema.ts';

function toPushSubscription(row: Selectable<PushSubscriptionsTable>): PushSubscription {
  return {
    id: row.id,
    userId: row.user_id,
    endpoint: row.endpoint,
    p256dh: row.p256dh,
    auth: row.auth,
    deviceLabel: row.device_label,
    createdAt: row.created_at,
  };
}

/**
 * Saves a device's subscription. The endpoint is the device: saving one that exists hands it to this account with
 * the new keys (someone else signed in on that browser), keeping its id.
 */
export async function savePushSubscription(
  db: Kysely<Database>,
  subscription: NewPushSubscription,
  at: Instant,
): Promise<PushSubscription> {
  const row = {
    id: randomUUID(),
    user_id: subscription.userId,
    endpoint: subscription.endpoint,
    p256dh: subscription.p256dh,
    auth: subscription.auth,
    device_label: subscription.deviceLabel,
    created_at: toInstant(at),
  };
  const saved = await db
    .insertInto('push_subscriptions')
    .values(row)
    .onConflict((oc) =>
      oc.column('endpoint').doUpdateSet({
        user_id: row.user_id,
        p256dh: row.p256dh,
        auth: row.auth,
        device_label: row.device_label,
        created_at: row.created_at,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPushSubscription(saved);
}

export async function listPushSubscriptions(db: Kysely<Database>, userId: Id): Promise<PushSubscription[]> {
  const rows = await db
    .selectFrom('push_subscriptions')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toPushSubscription);
}

/** Removes one subscription (only this account's, when `userId` is given); true when a row went. */
export async function deletePushSubscription(db: Kysely<Database>, id: Id, userId?: Id): Promise<boolean> {
  let query = db.deleteFrom('push_subscriptions').where('id', '=', id);
  if (userId !== undefined) {
    query = query.where('user_id', '=', userId);
  }
  const result = await query.executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function getServerSetting(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('server_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Stores `value` unless the key has one already; returns the value kept (the first writer's, when several race). */
export async function putServerSettingOnce(
  db: Kysely<Database>,
  key: string,
  value: string,
  at: Instant,
): Promise<string> {
  await db
    .insertInto('server_settings')
    .values({ key, value, created_at: toInstant(at) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const kept = await getServerSetting(db, key);
  if (kept === undefined) {
    throw new Error(`The server setting ${key} was not kept.`);
  }
  return kept;
}

export async function firstAdminEmail(db: Kysely<Database>): Promise<string | undefined> {
  const row = await db
    .selectFrom('users')
    .select('email')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.email;
}
