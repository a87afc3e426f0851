/** Store contract for the patient app's rows (preferences, milestones): the same cases on SQLite and PostgreSQL. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './store.ts';
import { closeTestStores, DIALECTS, openTestStore, testPatient } from './testing/index.ts';

const T0 = Date.parse('2026-11-20T15:00:00.000Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

async function seed(store: Store) {
  const org = await store.createOrganisation('Northside Hematology', at(0));
  const patient = await store.createPatient(testPatient(org.id, { name: 'Renée Núñez', language: 'es' }), at(1));
  const user = await store.createUser(
    {
      orgId: org.id,
      email: 'renee@example.org',
      name: 'Renée',
      role: 'patient',
      passwordHash: '$argon2id$fake',
      language: 'es',
      patientId: patient.id,
    },
    at(2),
  );
  const other = await store.createPatient({ ...patient, name: 'Otto' }, at(3));
  return { patient, user, other };
}

for (const dialect of DIALECTS) {
  describe(`patient app rows on ${dialect}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(closeTestStores);

    it('keeps preferences per patient, with defaults before the first save', async () => {
      const { patient, other } = await seed(store);
      expect(await store.getPatientPreferences(patient.id)).toEqual({ temperatureUnit: null });
      expect(await store.setPatientPreferences(patient.id, { temperatureUnit: 'F' }, at(5))).toEqual({
        temperatureUnit: 'F',
      });
      // A second save updates the one row; an empty change leaves it alone.
      expect(await store.setPatientPreferences(patient.id, { temperatureUnit: 'C' }, at(6))).toEqual({
        temperatureUnit: 'C',
      });
      expect(await store.setPatientPreferences(patient.id, {}, at(7))).toEqual({ temperatureUnit: 'C' });
      expect(await store.setPatientPreferences(patient.id, { temperatureUnit: null }, at(8))).toEqual({
        temperatureUnit: null,
      });
      expect(await store.getPatientPreferences(other.id)).toEqual({ temperatureUnit: null });
    });

    it('saves preferences inside a transaction with the patient change, or not at all', async () => {
      const { patient } = await seed(store);
      await expect(
        store.transaction(async (tx) => {
          await tx.updatePatient(patient.id, { timeZone: 'Europe/Madrid' });
          await tx.setPatientPreferences(patient.id, { temperatureUnit: 'F' }, at(5));
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await store.getPatientPreferences(patient.id)).toEqual({ temperatureUnit: null });
      expect((await store.getPatient(patient.id))?.timeZone).toBe('America/Chicago');
    });

    it('adds each milestone kind once, lists them oldest first, and takes one back', async () => {
      const { patient, user, other } = await seed(store);
      const first = await store.addMilestone({
        patientId: patient.id,
        kind: 'returned-to-work',
        reachedOn: '2026-11-24',
        recordedAt: at(10),
        recordedBy: user.id,
      });
      expect(first.created).toBe(true);
      expect(first.milestone).toEqual({
        id: expect.any(String) as unknown,
        patientId: patient.id,
        kind: 'returned-to-work',
        reachedOn: '2026-11-24',
        recordedAt: at(10),
        recordedBy: user.id,
      });
      const again = await store.addMilestone({
        patientId: patient.id,
        kind: 'returned-to-work',
        reachedOn: '2026-11-30',
        recordedAt: at(20),
        recordedBy: user.id,
      });
      expect(again).toEqual({ milestone: first.milestone, created: false });
      await store.addMilestone({
        patientId: patient.id,
        kind: 'feels-recovered',
        reachedOn: '2026-11-22',
        recordedAt: at(30),
        recordedBy: user.id,
      });
      expect((await store.listMilestones(patient.id)).map((m) => m.kind)).toEqual([
        'feels-recovered',
        'returned-to-work',
      ]);
      expect(await store.listMilestones(other.id)).toEqual([]);

      expect(await store.removeMilestone(patient.id, 'feels-recovered')).toBe(true);
      expect(await store.removeMilestone(patient.id, 'feels-recovered')).toBe(false);
      expect((await store.listMilestones(patient.id)).map((m) => m.kind)).toEqual(['returned-to-work']);
    });

    it('adds the same milestone from two requests at once exactly once', async () => {
      const { patient, user } = await seed(store);
      const input = {
        patientId: patient.id,
        kind: 'feels-recovered' as const,
        reachedOn: '2026-11-25',
        recordedAt: at(10),
        recordedBy: user.id,
      };
      const results = await Promise.all([store.addMilestone(input), store.addMilestone(input)]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(results[0].milestone.id).toBe(results[1].milestone.id);
      expect(await store.listMilestones(patient.id)).toHaveLength(1);
    });
  });
}
