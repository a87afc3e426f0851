/** The patient app's own rows: preferences that have no column on `patients`, and recovery milestones. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Id, Instant, Milestone, MilestoneKind, PatientPreferences, TemperatureUnit } from '../store.ts';
import { toInstant } from './rows.ts';
import type { Database, MilestonesTable } from './schema.ts';

function toTemperatureUnit(value: string | null): TemperatureUnit | null {
  return value === 'C' || value === 'F' ? value : null;
}

function toMilestone(row: Selectable<MilestonesTable>): Milestone {
  return {
    id: row.id,
    patientId: row.patient_id,
    kind: row.kind as MilestoneKind,
    reachedOn: row.reached_on,
    recordedAt: toInstant(row.recorded_at),
    recordedBy: row.recorded_by,
  };
}

export async function getPatientPreferences(db: Kysely<Database>, patientId: Id): Promise<PatientPreferences> {
  const row = await db
    .selectFrom('patient_preferences')
    .select(['temperature_unit'])
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
  return { temperatureUnit: toTemperatureUnit(row?.temperature_unit ?? null) };
}

/** Insert or update in one statement: two saves at once cannot both insert. */
export async function setPatientPreferences(
  db: Kysely<Database>,
  patientId: Id,
  changes: Partial<PatientPreferences>,
  at: Instant,
): Promise<PatientPreferences> {
  if (changes.temperatureUnit !== undefined) {
    const updatedAt = toInstant(at);
    await db
      .insertInto('patient_preferences')
      .values({ patient_id: patientId, temperature_unit: changes.temperatureUnit, updated_at: updatedAt })
      .onConflict((oc) =>
        oc.column('patient_id').doUpdateSet({ temperature_unit: changes.temperatureUnit, updated_at: updatedAt }),
      )
      .execute();
  }
  return getPatientPreferences(db, patientId);
}

/** Adds a milestone once per kind; when the kind is already there, the first one is kept and returned. */
export async function addMilestone(
  db: Kysely<Database>,
  milestone: Omit<Milestone, 'id'>,
): Promise<{ milestone: Milestone; created: boolean }> {
  const id = randomUUID();
  await db
    .insertInto('milestones')
    .values({
      id,
      patient_id: milestone.patientId,
      kind: milestone.kind,
      reached_on: milestone.reachedOn,
      recorded_at: toInstant(milestone.recordedAt),
      recorded_by: milestone.recordedBy,
    })
    .onConflict((oc) => oc.columns(['patient_id', 'kind']).doNothing())
    .execute();
  const row = await db
    .selectFrom('milestones')
    .selectAll()
    .where('patient_id', '=', milestone.patientId)
    .where('kind', '=', milestone.kind)
    .executeTakeFirstOrThrow();
  return { milestone: toMilestone(row), created: row.id === id };
}

/** Oldest first (by the day reached, then when it was recorded). */
export async function listMilestones(db: Kysely<Database>, patientId: Id): Promise<Milestone[]> {
  const rows = await db
    .selectFrom('milestones')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('reached_on')
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  return rows.map(toMilestone);
}

/** Takes a check-off back (a tap by mistake); returns whether there was one. */
export async function removeMilestone(db: Kysely<Database>, patientId: Id, kind: MilestoneKind): Promise<boolean> {
  const result = await db
    .deleteFrom('milestones')
    .where('patient_id', '=', patientId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
