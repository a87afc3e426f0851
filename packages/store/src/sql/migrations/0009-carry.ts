/** 0009: the care team's phone on the organisation, and each patient's private calendar feed (only its secret's hash). */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects/dialect.ts';

export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('organisations').addColumn('phone', 'text').execute();
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    // 0 or 1: both dialects read an integer the same way.
    .addColumn('include_doses', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  // At most one live feed per patient: making a new one must revoke the old one first.
  await sql`create unique index calendar_feeds_live on calendar_feeds (patient_id) where revoked_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.dropTable('calendar_feeds').execute();
  await db.schema.alterTable('organisations').dropColumn('phone').execute();
}
