/** Looks up a thing by id and makes sure it belongs to the patient of the route; otherwise "not found". */
import { AftercareError } from '@aftercare/core';
import { isId } from './ids.ts';

/** Returns the found value when its patientId matches, else throws CARE_ERR_NOT_FOUND (never a 500 for a bad id). */
export async function ownedBy<T extends { patientId: string }>(
  patientId: string,
  id: string,
  find: (id: string) => Promise<T | undefined>,
  what: string,
): Promise<T> {
  const found = isId(id) ? await find(id) : undefined;
  if (found?.patientId !== patientId) {
    throw new AftercareError('CARE_ERR_NOT_FOUND', `We could not find that ${what}.`);
  }
  return found;
}
