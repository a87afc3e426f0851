import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../open-store.ts';
import { closeTestStores, createTestDatabase, DIALECTS, openTestStore } from './index.ts';

for (const dialect of DIALECTS) {
  describe(`test databases on ${dialect}`, () => {
    afterEach(closeTestStores);

    it('gives an empty database that migrates, and removes it afterwards', async () => {
      const target = await createTestDatabase(dialect);
      const store = await openStore(target);
      await store.migrate();
      expect(await store.countUsers()).toBe(0);
      await store.close();
      await closeTestStores();
      if ('file' in target) {
        expect(existsSync(target.file)).toBe(false);
      } else {
        await expect(openStore(target).then((s) => s.ping())).rejects.toMatchObject({ code: 'CARE_ERR_UNAVAILABLE' });
      }
    });

    it('gives separate stores that do not see each other', async () => {
      const [a, b] = await Promise.all([openTestStore(dialect), openTestStore(dialect)]);
      const org = await a.createOrganisation('A', '2026-11-20T00:00:00.000Z');
      expect(await a.getOrganisation(org.id)).toEqual(org);
      expect(await b.getOrganisation(org.id)).toBeUndefined();
    });
  });
}
