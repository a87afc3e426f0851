/** Records a change the care team made to a patient's plan, for the patient's "plan changes" feed and card. */
import type { FastifyRequest } from 'fastify';
import type { Id, PlanChangeKind, Store } from '@aftercare/store';
import { isTeam } from '../../http/access.ts';
import { signedInUser } from '../../http/caller.ts';

/**
 * Adds one entry to the feed when the caller is on the care team (a patient's own edits are not news to them).
 * Call it with the store of the same transaction as the change, so both are kept or neither.
 * @example await recordPlanChange(tx, request, patient.id, 'medicine-changed', med.id, { name, before, after }, now);
 */
export async function recordPlanChange(
  store: Store,
  request: FastifyRequest,
  patientId: Id,
  kind: PlanChangeKind,
  subjectId: Id | null,
  details: Record<string, unknown>,
  at: string,
): Promise<void> {
  const user = signedInUser(request);
  if (!isTeam(user)) {
    return;
  }
  await store.addPlanChange({ patientId, at, changedBy: user.id, kind, subjectId, details });
}

/** The parts of a medicine the patient reads about in a change (never the internal ids). */
export function medicineDetails(medication: {
  name: string;
  amount: string;
  timing: unknown;
  reason: string;
  endDate: string | null;
}): Record<string, unknown> {
  return {
    name: medication.name,
    amount: medication.amount,
    timing: medication.timing,
    reason: medication.reason,
    endDate: medication.endDate,
  };
}

/** Only the fields that differ, before and after. */
export function differences(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const changed = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return {
    before: Object.fromEntries(changed.map((key) => [key, before[key]])),
    after: Object.fromEntries(changed.map((key) => [key, after[key]])),
  };
}
