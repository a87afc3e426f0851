/** 0002: alerts remember when they were raised again to the whole team (nobody acknowledged an emergency in time). */
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects/dialect.ts';

export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('alerts').addColumn('escalated_at', 'text').execute();
  // The escalation check and the dashboard read unresolved alerts by level: a small, hot slice of the table.
  await db.schema.createIndex('alerts_status_level').on('alerts').columns(['status', 'level', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.dropIndex('alerts_status_level').execute();
  await db.schema.alterTable('alerts').dropColumn('escalated_at').execute();
}
