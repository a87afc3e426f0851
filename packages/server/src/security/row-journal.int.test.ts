/** The fuzz wall's row journal: it must name every row whose bytes a write changed, or the wall would miss changed data. */
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { closeTestStores, kyselyOf, openTestStore, testPatient } from '@aftercare/store/testing';
import { watchRows } from './row-journal.ts';

const AT = '2026-12-01T09:00:00.000Z';

afterAll(closeTestStores);

/** A store with a table of every kind of value, and a journal watching it. */
async function watched(mode: 'all' | 'rewrites' = 'all') {
  const store = await openTestStore('sqlite');
  const db = kyselyOf(store);
  await sql`create table probe_rows (id text primary key, label text, data blob, amount real, count integer)`.execute(
    db,
  );
  await sql`insert into probe_rows values ('a', 'Alpha', x'00ff', 0.1, 1), ('b', 'Beta', null, 2.5, 2)`.execute(db);
  const journal = await watchRows(store, (table) => (table === 'probe_rows' ? mode : 'none'));
  return { store, db, journal };
}

describe('the row journal on sqlite', () => {
  it('names rows inserted, changed and deleted, with their bytes before and after, once', async () => {
    const { db, journal } = await watched();
    expect(await journal.changes()).toEqual([]);

    await sql`insert into probe_rows values ('c', 'Gamma', null, null, 3)`.execute(db);
    await sql`update probe_rows set label = 'Alpha!' where id = 'a'`.execute(db);
    await sql`delete from probe_rows where id = 'b'`.execute(db);
    const changes = await journal.changes();
    expect(changes.map((c) => [c.before === null, c.after === null])).toEqual([
      [true, false],
      [false, false],
      [false, true],
    ]);
    expect(changes[0]?.after).toContain("label='Gamma'");
    expect(changes[1]?.before).toContain("label='Alpha'");
    expect(changes[1]?.after).toContain("label='Alpha!'");
    expect(changes[2]?.before).toContain("label='Beta'");
    expect(await journal.changes()).toEqual([]);
  });

  it('sees a changed byte of a blob and the last bit of a real, and nothing in a write of the same bytes', async () => {
    const { db, journal } = await watched();
    await sql`update probe_rows set label = label, data = data, amount = amount`.execute(db);
    expect(await journal.changes()).toEqual([]);

    await sql`update probe_rows set data = x'00fe' where id = 'a'`.execute(db);
    expect(await journal.changes()).toHaveLength(1);
    await sql`update probe_rows set amount = ${0.1 + Number.EPSILON / 8} where id = 'a'`.execute(db);
    expect(await journal.changes()).toHaveLength(1);
    await sql`update probe_rows set count = '1' where id = 'a'`.execute(db);
    expect(await journal.changes(), 'an integer column keeps 1 for the text "1": same value').toEqual([]);
  });

  it('sees no change when a row comes back as it was, or when a transaction rolls back', async () => {
    const { db, journal } = await watched();
    await sql`update probe_rows set label = 'Other' where id = 'a'`.execute(db);
    await sql`update probe_rows set label = 'Alpha' where id = 'a'`.execute(db);
    await sql`insert into probe_rows values ('tmp', 'Gone soon', null, null, 0)`.execute(db);
    await sql`delete from probe_rows where id = 'tmp'`.execute(db);
    expect(await journal.changes()).toEqual([]);

    await expect(
      db.transaction().execute(async (trx) => {
        await sql`update probe_rows set label = 'Rolled back' where id = 'b'`.execute(trx);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await journal.changes()).toEqual([]);
  });

  it('watches only rewrites of an append-only table: new rows pass, a changed one does not', async () => {
    const { db, journal } = await watched('rewrites');
    await sql`insert into probe_rows values ('c', 'Gamma', null, null, 3)`.execute(db);
    expect(await journal.changes()).toEqual([]);
    await sql`delete from probe_rows where id = 'c'`.execute(db);
    expect((await journal.changes()).map((c) => c.after)).toEqual([null]);
  });

  it("watches the store's own tables and never itself", async () => {
    const store = await openTestStore('sqlite');
    const org = await store.createOrganisation('Watch clinic', AT);
    const journal = await watchRows(store);
    const patient = await store.createPatient(testPatient(org.id, { name: 'Wanda Watch' }), AT);
    const inserted = await journal.changes();
    expect(inserted.some((c) => c.table === 'patients' && c.after?.includes('Wanda Watch'))).toBe(true);
    expect(inserted.map((c) => c.table)).not.toContain('wall_row_journal');

    await store.updatePatient(patient.id, { name: 'Wanda Watched' });
    const updated = await journal.changes();
    expect(updated.find((c) => c.table === 'patients')?.after).toContain('Wanda Watched');
  });

  it('reads only the tables asked for, and forgets the others', async () => {
    const store = await openTestStore('sqlite');
    const org = await store.createOrganisation('Watch clinic', AT);
    const journal = await watchRows(store);
    await store.createPatient(testPatient(org.id, { name: 'Olive Only' }), AT);
    await store.updateOrganisationContact(org.id, { name: 'Watched clinic' });
    expect((await journal.changes(['organisations'])).map((c) => c.table)).toEqual(['organisations']);
    expect(await journal.changes()).toEqual([]);
    await store.createPatient(testPatient(org.id, { name: 'Nobody Asked' }), AT);
    expect(await journal.changes([])).toEqual([]);
    expect(await journal.changes()).toEqual([]);
  });
});
