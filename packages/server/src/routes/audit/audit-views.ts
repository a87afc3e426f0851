/** What the audit routes send: entries with who acted, shaped for an administrator or for the patient themself. */
import type { AuditEntry, Patient, Role, Store, User } from '@aftercare/store';
import { z } from 'zod';
import { InstantSchema, RoleSchema } from '../../http/schemas.ts';

export const AuditActorSchema = z.object({ id: z.string(), name: z.string().nullable(), role: RoleSchema.nullable() });

export const AdminAuditEntrySchema = z.object({
  id: z.string(),
  at: InstantSchema,
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  patientId: z.string().nullable(),
  patientName: z.string().nullable(),
  ip: z.string().nullable(),
  actor: AuditActorSchema.nullable(),
});

export const AccessLogEntrySchema = z.object({
  id: z.string(),
  at: InstantSchema,
  action: z.string(),
  resourceType: z.string(),
  /** null: the system (a job), or an account that no longer exists. */
  actor: z
    .object({
      name: z.string().nullable(),
      role: RoleSchema.nullable(),
      you: z.boolean(),
    })
    .nullable(),
});

export type AdminAuditEntry = z.infer<typeof AdminAuditEntrySchema>;
export type AccessLogEntry = z.infer<typeof AccessLogEntrySchema>;

/** For an administrator: everything, with the names of the organisation's patients beside their ids. */
export async function adminEntries(store: Store, entries: AuditEntry[], orgId: string): Promise<AdminAuditEntry[]> {
  const patientIds = [...new Set(entries.map((e) => e.patientId).filter((id): id is string => id !== null))];
  const names = new Map<string, string>();
  for (const id of patientIds) {
    const patient: Patient | undefined = await store.getPatient(id);
    if (patient?.orgId === orgId) {
      names.set(id, patient.name);
    }
  }
  return entries.map((e) => ({
    id: e.id,
    at: e.at,
    action: e.action,
    resourceType: e.resourceType,
    resourceId: e.resourceId,
    patientId: e.patientId,
    patientName: e.patientId === null ? null : (names.get(e.patientId) ?? null),
    ip: e.ip,
    actor: e.actorId === null ? null : { id: e.actorId, name: e.actorName, role: e.actorRole },
  }));
}

const TEAM_ROLES: readonly Role[] = ['admin', 'clinician'];

/**
 * For the patient (or their caregiver or team): who and what, never an address, and never the name of an account
 * that is not the team's or this patient's own.
 */
export async function accessLogEntries(
  store: Store,
  entries: AuditEntry[],
  patient: Patient,
  viewer: User,
): Promise<AccessLogEntry[]> {
  const actorIds = [...new Set(entries.map((e) => e.actorId).filter((id): id is string => id !== null))];
  const actors = new Map((await store.getUsers(actorIds)).map((u) => [u.id, u]));
  return entries.map((e) => {
    const actor = e.actorId === null ? undefined : actors.get(e.actorId);
    if (actor === undefined) {
      return { id: e.id, at: e.at, action: e.action, resourceType: e.resourceType, actor: null };
    }
    const nameable = TEAM_ROLES.includes(actor.role) ? actor.orgId === patient.orgId : actor.patientId === patient.id;
    return {
      id: e.id,
      at: e.at,
      action: e.action,
      resourceType: e.resourceType,
      actor: { name: nameable ? actor.name : null, role: actor.role, you: actor.id === viewer.id },
    };
  });
}
