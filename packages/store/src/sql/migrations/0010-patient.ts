/** 0010: the patient's own preferences (temperature unit) and the recovery milestones they check off. */
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects/dialect.ts';

export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  // One row per patient, made on the first change; no row means "the defaults".
  await db.schema
    .createTable('patient_preferences')
    .addColumn('patient_id', 'text', (c) => c.primaryKey().notNull().references('patients.id'))
    .addColumn('temperature_unit', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('milestones')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reached_on', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .execute();
  // Each milestone is reached once: a second tap (or a replayed request) finds the first.
  await db.schema
    .createIndex('milestones_patient_kind')
    .on('milestones')
    .columns(['patient_id', 'kind'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.dropTable('milestones').execute();
  await db.schema.dropTable('patient_preferences').execute();
}
