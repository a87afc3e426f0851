/** Passkeys' SQL: WebAuthn credentials per account, and one-use challenges that expire. */
import { randomUUID } from 'node:crypto';
import { AftercareError } from '@aftercare/core';
import type { Kysely, Selectable } from 'kysely';
import type { Id, Instant, NewPasskey, Passkey, WebauthnChallenge, WebauthnPurpose } from '../store.ts';
import { toInstant } from './rows.ts';
import type { Database, PasskeysTable } from './schema.ts';

function toPasskey(row: Selectable<PasskeysTable>): Passkey {
  const transports: unknown = JSON.parse(row.transports);
  return {
    id: row.id,
    userId: row.user_id,
    credentialId: row.credential_id,
    publicKey: row.public_key,
    counter: Number(row.counter),
    transports: Array.isArray(transports) ? transports.filter((t): t is string => typeof t === 'string') : [],
    deviceLabel: row.device_label,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

export async function addPasskey(db: Kysely<Database>, passkey: NewPasskey): Promise<Passkey> {
  const taken = await db
    .selectFrom('passkeys')
    .select('id')
    .where('credential_id', '=', passkey.credentialId)
    .executeTakeFirst();
  if (taken !== undefined) {
    throw new AftercareError('CARE_ERR_CONFLICT', 'This passkey is already saved.');
  }
  const row = await db
    .insertInto('passkeys')
    .values({
      id: randomUUID(),
      user_id: passkey.userId,
      credential_id: passkey.credentialId,
      public_key: passkey.publicKey,
      counter: passkey.counter,
      transports: JSON.stringify(passkey.transports),
      device_label: passkey.deviceLabel,
      created_at: toInstant(passkey.createdAt),
      last_used_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPasskey(row);
}

export async function listPasskeys(db: Kysely<Database>, userId: Id): Promise<Passkey[]> {
  const rows = await db
    .selectFrom('passkeys')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toPasskey);
}

export async function getPasskeyByCredentialId(
  db: Kysely<Database>,
  credentialId: string,
): Promise<Passkey | undefined> {
  const row = await db.selectFrom('passkeys').selectAll().where('credential_id', '=', credentialId).executeTakeFirst();
  return row === undefined ? undefined : toPasskey(row);
}

/**
 * Records a sign-in with the passkey. The counter must grow (a copied authenticator replays an old one); authenticators
 * that keep no counter send 0 every time. The check is in the update, so two sign-ins at once cannot both pass.
 */
export async function notePasskeyUse(db: Kysely<Database>, id: Id, counter: number, at: Instant): Promise<boolean> {
  const result = await db
    .updateTable('passkeys')
    .set({ counter, last_used_at: toInstant(at) })
    .where('id', '=', id)
    .where((eb) => (counter === 0 ? eb('counter', '=', 0) : eb('counter', '<', counter)))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Removes one of this account's passkeys; true when a row went. */
export async function deletePasskey(db: Kysely<Database>, id: Id, userId: Id): Promise<boolean> {
  const result = await db.deleteFrom('passkeys').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Stores a new challenge, and forgets the ones that expired (nobody can use them any more). */
export async function saveWebauthnChallenge(
  db: Kysely<Database>,
  challenge: WebauthnChallenge,
  at: Instant,
): Promise<void> {
  await db.deleteFrom('webauthn_challenges').where('expires_at', '<=', toInstant(at)).execute();
  await db
    .insertInto('webauthn_challenges')
    .values({
      challenge: challenge.challenge,
      user_id: challenge.userId,
      purpose: challenge.purpose,
      expires_at: toInstant(challenge.expiresAt),
    })
    .execute();
}

/** Takes a challenge out (one use): undefined when unknown, for another purpose, or expired. */
export async function takeWebauthnChallenge(
  db: Kysely<Database>,
  challenge: string,
  purpose: WebauthnPurpose,
  at: Instant,
): Promise<WebauthnChallenge | undefined> {
  const row = await db
    .deleteFrom('webauthn_challenges')
    .where('challenge', '=', challenge)
    .where('purpose', '=', purpose)
    .returningAll()
    .executeTakeFirst();
  if (row === undefined || row.expires_at <= toInstant(at)) {
    return undefined;
  }
  return { challenge: row.challenge, userId: row.user_id, purpose, expiresAt: row.expires_at };
}
