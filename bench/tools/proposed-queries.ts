/**
 * A proposed rewrite of the dashboard's "latest check-ins per patient" read (packages/store/src/sql/care-team-queries.ts),
 * measured beside the current one: each patient's newest N through the check_ins_patient_latest index, instead of a
 * window over every check-in the page's patients ever sent. Plain SQL that both dialects run.
 */
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { CheckIn, Store } from '../../packages/store/src/index.ts';
import { toCheckIn } from '../../packages/store/src/sql/rows.ts';
import type { CheckInsTable } from '../../packages/store/src/sql/schema.ts';
import { SqlStore } from '../../packages/store/src/sql/sql-store.ts';

async function latestCheckInsPerPatient(store: SqlStore, patientIds: string[], perPatient: number): Promise<CheckIn[]> {
  if (patientIds.length === 0 || perPatient < 1) {
    return [];
  }
  const result = await sql<Selectable<CheckInsTable>>`
    select c.id, c.patient_id, c.submitted_at, c.payload, c.triage, c.disposition, c.idempotency_key, c.recorded_by
    from patients p
    join check_ins c on c.id in (
      select c2.id from check_ins c2 where c2.patient_id = p.id
      order by c2.submitted_at desc, c2.id desc
      limit ${Math.floor(perPatient)})
    where p.id in (${sql.join(patientIds)})
    order by c.patient_id, c.submitted_at desc, c.id desc`.execute(store.db);
  return result.rows.map(toCheckIn);
}

/** The same store, with the proposed latest-check-ins read in place of the current one. */
export function withProposedLatestCheckIns(store: Store): Store {
  if (!(store instanceof SqlStore)) {
    throw new Error('Not a SQL store.');
  }
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'latestCheckIns') {
        return (ids: string[], perPatient: number) => latestCheckInsPerPatient(target, ids, perPatient);
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
