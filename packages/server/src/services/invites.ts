/** Patient invites: a secret link token and a short typed code, kept only as hashes, usable once before they expire. */
import { createHash, randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { AftercareError } from '@aftercare/core';
import type { Id, Invite, Language, Patient, Store, User } from '@aftercare/store';
import { createAccount } from './accounts.ts';

/** No 0/O, 1/I: easy to read aloud and type. 32 letters, so one random byte picks one without bias (byte & 31). */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface IssuedInvite {
  invite: Invite;
  /** The secret in the link; shown once, never stored. */
  token: string;
  /** The short code, as shown ("ABCD-EFGH"); never stored. */
  code: string;
}

export interface InviteAnswer {
  url: string;
  code: string;
  expiresAt: string;
  /** The link as a QR code (SVG text). */
  qrSvg: string;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A code as typed ("abcd efgh", "ABCD-EFGH") in the one form that is hashed ("ABCDEFGH"); null if it cannot be one. */
export function normaliseCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  return code.length === CODE_LENGTH && Array.from(code).every((c) => CODE_ALPHABET.includes(c)) ? code : null;
}

export function newCode(): string {
  const letters = [...randomBytes(CODE_LENGTH)].map((byte) => CODE_ALPHABET[byte & 31] ?? '');
  return `${letters.slice(0, 4).join('')}-${letters.slice(4).join('')}`;
}

/**
 * Makes a new invite for the patient (or, with role 'caregiver', for a caregiver of the patient), revoking the ones
 * before it for the same role (only the newest works). Run inside a transaction.
 */
export async function issueInvite(
  tx: Store,
  patientId: Id,
  by: Id,
  now: Date,
  days: number,
  role: Invite['role'] = 'patient',
): Promise<IssuedInvite> {
  await tx.revokeInvitesOf(patientId, now.toISOString(), role);
  const token = randomBytes(32).toString('base64url');
  const code = newCode();
  const invite = await tx.createInvite({
    patientId,
    tokenHash: hashSecret(token),
    codeHash: hashSecret(normaliseCode(code) ?? code),
    createdBy: by,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + days * DAY_MS).toISOString(),
    role,
  });
  return { invite, token, code };
}

/** What the care team gets back: the link on this site, the code, the expiry and the QR code of the link. */
export async function inviteAnswer(issued: IssuedInvite, origin: string): Promise<InviteAnswer> {
  const url = `${origin}/#/join/${issued.token}`;
  const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { url, code: issued.code, expiresAt: issued.invite.expiresAt, qrSvg };
}

/** The invite a link token or a typed code opens, if still usable; else 404 (unknown) or 410 (expired, used, revoked). */
export async function usableInvite(store: Store, secret: string, now: Date): Promise<Invite> {
  const code = normaliseCode(secret);
  const invite =
    code === null
      ? await store.findInviteByTokenHash(hashSecret(secret))
      : await store.findInviteByCodeHash(hashSecret(code));
  if (invite === undefined) {
    throw new AftercareError(
      'CARE_ERR_NOT_FOUND',
      'We could not find this invite. Check the link or code, or ask your care team for a new one.',
    );
  }
  if (invite.usedAt !== null || invite.revokedAt !== null || Date.parse(invite.expiresAt) <= now.getTime()) {
    throw new AftercareError('CARE_ERR_INVITE_GONE');
  }
  return invite;
}

export interface AcceptInput {
  secret: string;
  email: string;
  password: string;
  language: Language;
  timeZone: string;
  country: string;
  /** The caregiver's name (caregiver invites only; the patient's name is already known). */
  name?: string | undefined;
}

/**
 * Uses the invite: marks it used first (the row update decides which of racing callers wins), then makes the
 * patient's login and saves their choices. Run inside a transaction, so a refused password leaves the invite unused.
 */
export async function acceptInvite(
  tx: Store,
  input: AcceptInput,
  now: Date,
): Promise<{ user: User; patient: Patient; invite: Invite }> {
  const invite = await usableInvite(tx, input.secret, now);
  if (!(await tx.markInviteUsed(invite.id, now.toISOString()))) {
    throw new AftercareError('CARE_ERR_INVITE_GONE');
  }
  const found = await tx.getPatient(invite.patientId);
  if (found === undefined) {
    throw new AftercareError('CARE_ERR_NOT_FOUND', 'We could not find this invite.');
  }
  if (invite.role === 'caregiver') {
    // A caregiver's choices are their own: the patient's language, zone and country stay as they are.
    const user = await createAccount(
      tx,
      {
        orgId: found.orgId,
        name: input.name?.trim() || 'Caregiver',
        email: input.email,
        password: input.password,
        role: 'caregiver',
        language: input.language,
        patientId: found.id,
      },
      now,
    );
    return { user, patient: found, invite: { ...invite, usedAt: now.toISOString() } };
  }
  const patient = await tx.updatePatient(found.id, {
    language: input.language,
    timeZone: input.timeZone,
    country: input.country,
  });
  const user = await createAccount(
    tx,
    {
      orgId: patient.orgId,
      name: patient.name,
      email: input.email,
      password: input.password,
      role: 'patient',
      language: input.language,
      patientId: patient.id,
    },
    now,
  );
  return { user, patient, invite: { ...invite, usedAt: now.toISOString() } };
}

/** The first word of the name: all a person opening the link learns about whose invite it is. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}
