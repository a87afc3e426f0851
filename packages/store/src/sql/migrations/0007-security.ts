/** 0007: failed sign-ins per account (for the growing delay), and an index for the audit trail's action filter. */
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects/dialect.ts';

export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('account_key', 'text', (c) => c.primaryKey().notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_action').on('audit_events').columns(['action', 'at']).execute();
}

export async function down(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.dropIndex('audit_events_action').execute();
  await db.schema.dropTable('login_failures').execute();
}
