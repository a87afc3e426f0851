/**
 * Every migration can be undone, on SQLite and PostgreSQL: an operator who rolls a release back runs the `down()`s,
 * which nothing else exercises. Undoing them all leaves no table, index, trigger or function of ours; applying them
 * again gives the very same schema; undoing the latest one with data in place keeps the data.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { NO_MIGRATIONS, sql } from 'kysely';
import type { Kysely, MigrationResultSet } from 'kysely';
import type { DialectName } from './sql/dialects/dialect.ts';
import { migratorFor } from './sql/migrations/index.ts';
import type { Database } from './sql/schema.ts';
import { closeTestStores, DIALECTS, kyselyOf, openTestStore, testPatient } from './testing/index.ts';

/** The schema as the database itself describes it, in a stable order (Kysely's own bookkeeping left out). */
async function schemaOf(db: Kysely<Database>, dialect: DialectName): Promise<unknown[]> {
  if (dialect === 'sqlite') {
    const { rows } = await sql`select type, name, tbl_name, sql from sqlite_master
      where name not like 'kysely_%' and name not like 'sqlite_%' order by type, name`.execute(db);
    return rows;
  }
  const queries = [
    sql`select table_name, column_name, ordinal_position, data_type, is_nullable, column_default
      from information_schema.columns where table_schema = current_schema() and table_name not like 'kysely_%'
      order by table_name, ordinal_position`,
    sql`select indexname, indexdef from pg_indexes
      where schemaname = current_schema() and tablename not like 'kysely_%' order by indexname`,
    sql`select trigger_name, event_manipulation, event_object_table, action_timing, action_statement
      from information_schema.triggers where trigger_schema = current_schema()
      order by trigger_name, event_manipulation`,
    sql`select p.proname, pg_get_functiondef(p.oid) as definition from pg_proc p
      join pg_namespace n on n.oid = p.pronamespace
      left join pg_depend d on d.objid = p.oid and d.deptype = 'e'
      where n.nspname = current_schema() and d.objid is null order by p.proname`,
  ];
  const parts = [];
  for (const query of queries) {
    parts.push((await query.execute(db)).rows);
  }
  return parts;
}

/** Our objects only: what is left once every migration is undone must be empty. */
function isEmptySchema(schema: unknown[], dialect: DialectName): boolean {
  return dialect === 'sqlite' ? schema.length === 0 : schema.every((part) => (part as unknown[]).length === 0);
}

function expectApplied(result: MigrationResultSet): void {
  expect(result.error).toBeUndefined();
  expect(result.results?.every((step) => step.status === 'Success')).toBe(true);
}

for (const dialect of DIALECTS) {
  describe(`migrations on ${dialect}`, () => {
    afterEach(closeTestStores);

    it('undoes every migration down to nothing, then applies them again to the same schema', async () => {
      const db = kyselyOf(await openTestStore(dialect));
      const migrator = migratorFor(db, dialect);
      const latest = await schemaOf(db, dialect);
      const applied = (await migrator.getMigrations()).filter((m) => m.executedAt !== undefined);
      expect(applied.length).toBeGreaterThan(10);

      const undone = await migrator.migrateTo(NO_MIGRATIONS);
      expectApplied(undone);
      expect(undone.results).toHaveLength(applied.length);
      expect(isEmptySchema(await schemaOf(db, dialect), dialect)).toBe(true);

      expectApplied(await migrator.migrateToLatest());
      expect(await schemaOf(db, dialect)).toEqual(latest);
    });

    it('undoes the latest migration with patients and check-ins stored, and keeps them', async () => {
      const store = await openTestStore(dialect);
      const db = kyselyOf(store);
      const migrator = migratorFor(db, dialect);
      const org = await store.createOrganisation('Rollback Clinic', '2026-11-20T15:00:00.000Z');
      const patient = await store.createPatient(testPatient(org.id), '2026-11-20T15:01:00.000Z');
      const nurse = await store.createUser(
        {
          orgId: org.id,
          email: 'nurse@example.org',
          name: 'Nurse',
          role: 'clinician',
          passwordHash: '$argon2id$fake',
          language: 'en',
          patientId: null,
        },
        '2026-11-20T15:00:00.000Z',
      );
      await store.recordCheckIn({
        patientId: patient.id,
        submittedAt: '2026-11-21T09:00:00.000Z',
        payload: { pain: { score: 4 }, temperature: { value: 37.1, unit: 'C' } },
        triage: { disposition: 'self-care', fired: [] },
        disposition: 'self-care',
        idempotencyKey: null,
        recordedBy: nurse.id,
      });

      expectApplied(await migrator.migrateDown());
      expectApplied(await migrator.migrateToLatest());

      expect((await store.getPatient(patient.id))?.name).toBe(patient.name);
      expect(await store.listCheckIns(patient.id)).toHaveLength(1);
      const { entries } = await store.listDashboard({
        orgId: org.id,
        quietBefore: {},
        defaultQuietBefore: '2026-11-20T00:00:00.000Z',
      });
      expect(entries.map((entry) => entry.recentReadings)).toEqual([
        [{ pain: 4, temperature: { value: 37.1, unit: 'C' } }],
      ]);
    });
  });
}
