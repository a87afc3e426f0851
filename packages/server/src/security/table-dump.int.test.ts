/** The fuzz wall's change watch: it must name every table a write touched, or the wall would miss changed data. */
import { afterAll, describe, expect, it } from 'vitest';
import { closeTestStores, openTestStore, testPatient } from '@aftercare/store/testing';
import { diffDumps, dumpTables, watchChanges } from './table-dump.ts';

const AT = '2026-12-01T09:00:00.000Z';

afterAll(closeTestStores);

describe('the change watch on sqlite', () => {
  it('names the tables written to since the last look, once, and never itself', async () => {
    const store = await openTestStore('sqlite');
    const org = await store.createOrganisation('Watch clinic', AT);
    const changedTables = await watchChanges(store);
    expect(await changedTables()).toEqual([]);

    const before = await dumpTables(store);
    const patient = await store.createPatient(testPatient(org.id, { name: 'Wanda Watch' }), AT);
    expect(await changedTables()).toContain('patients');
    expect(await changedTables()).toEqual([]);

    await store.updatePatient(patient.id, { name: 'Wanda Watched' });
    expect(await changedTables()).toContain('patients');
    const after = await dumpTables(store);
    expect([...after.keys()]).not.toContain('wall_changed_tables');
    expect(diffDumps(before, after).some((line) => line.includes('Wanda Watched'))).toBe(true);
  });
});
