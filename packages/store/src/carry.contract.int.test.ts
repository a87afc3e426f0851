/** Store contract for the list to carry and the calendar feed: the same cases on SQLite and PostgreSQL. */
import { isAftercareError } from '@aftercare/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './store.ts';
import { closeTestStores, DIALECTS, openTestStore, testPatient } from './testing/index.ts';

const T0 = Date.parse('2026-11-20T15:00:00.000Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

async function seed(store: Store) {
  const org = await store.createOrganisation('Northside Hematology', at(0));
  const nurse = await store.createUser(
    {
      orgId: org.id,
      email: 'nurse@example.org',
      name: 'Ana',
      role: 'clinician',
      passwordHash: '$argon2id$fake',
      language: 'en',
      patientId: null,
    },
    at(0),
  );
  const newPatient = (name: string) => store.createPatient(testPatient(org.id, { name, language: 'es' }), at(1));
  return { org, nurse, patient: await newPatient('Renée Núñez'), other: await newPatient('Otto Other') };
}

for (const dialect of DIALECTS) {
  describe(`carry store contract on ${dialect}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(closeTestStores);

    describe('organisation contact', () => {
      it('starts without a phone, sets and clears it, renames, and leaves the organisation record alone', async () => {
        const { org } = await seed(store);
        expect(await store.getOrganisationContact(org.id)).toEqual({ id: org.id, name: org.name, phone: null });
        expect(await store.updateOrganisationContact(org.id, { phone: '+1 555 0100' })).toEqual({
          id: org.id,
          name: 'Northside Hematology',
          phone: '+1 555 0100',
        });
        expect(await store.updateOrganisationContact(org.id, { name: 'Northside Marrow Team' })).toEqual({
          id: org.id,
          name: 'Northside Marrow Team',
          phone: '+1 555 0100',
        });
        expect((await store.updateOrganisationContact(org.id, { phone: null })).phone).toBeNull();
        expect(await store.updateOrganisationContact(org.id, {})).toEqual({
          id: org.id,
          name: 'Northside Marrow Team',
          phone: null,
        });
        expect(await store.getOrganisation(org.id)).toEqual({ ...org, name: 'Northside Marrow Team' });
      });

      it('answers undefined, or not found on update, for an unknown organisation', async () => {
        const unknown = '00000000-0000-4000-8000-000000000000';
        expect(await store.getOrganisationContact(unknown)).toBeUndefined();
        const failure = await store.updateOrganisationContact(unknown, { phone: '1' }).catch((error: unknown) => error);
        expect(isAftercareError(failure) && failure.code).toBe('CARE_ERR_NOT_FOUND');
      });
    });

    describe('calendar feeds', () => {
      it('stores a feed, finds it by secret hash and by patient', async () => {
        const { nurse, patient } = await seed(store);
        const feed = await store.replaceCalendarFeed({
          patientId: patient.id,
          secretHash: 'a'.repeat(64),
          includeDoses: true,
          createdBy: nurse.id,
          createdAt: at(10),
        });
        expect(feed).toEqual({
          id: expect.any(String) as unknown,
          patientId: patient.id,
          secretHash: 'a'.repeat(64),
          includeDoses: true,
          createdBy: nurse.id,
          createdAt: at(10),
          revokedAt: null,
        });
        expect(await store.findLiveCalendarFeed('a'.repeat(64))).toEqual(feed);
        expect(await store.getLiveCalendarFeed(patient.id)).toEqual(feed);
        expect(await store.findLiveCalendarFeed('b'.repeat(64))).toBeUndefined();
      });

      it('replacing revokes the old feed: only the new secret works, one live feed per patient', async () => {
        const { nurse, patient, other } = await seed(store);
        const base = { patientId: patient.id, createdBy: nurse.id };
        await store.replaceCalendarFeed({ ...base, secretHash: '1'.repeat(64), includeDoses: false, createdAt: at(1) });
        const otherFeed = await store.replaceCalendarFeed({
          ...base,
          patientId: other.id,
          secretHash: '3'.repeat(64),
          includeDoses: false,
          createdAt: at(1),
        });
        const second = await store.replaceCalendarFeed({
          ...base,
          secretHash: '2'.repeat(64),
          includeDoses: false,
          createdAt: at(2),
        });
        expect(second.includeDoses).toBe(false);
        expect(await store.findLiveCalendarFeed('1'.repeat(64))).toBeUndefined();
        expect(await store.findLiveCalendarFeed('2'.repeat(64))).toEqual(second);
        expect(await store.getLiveCalendarFeed(patient.id)).toEqual(second);
        // Another patient's feed is not touched.
        expect(await store.findLiveCalendarFeed('3'.repeat(64))).toEqual(otherFeed);
      });

      it('revokes: the secret stops working; revoking again reports nothing to revoke', async () => {
        const { nurse, patient } = await seed(store);
        await store.replaceCalendarFeed({
          patientId: patient.id,
          secretHash: 'c'.repeat(64),
          includeDoses: false,
          createdBy: nurse.id,
          createdAt: at(1),
        });
        expect(await store.revokeCalendarFeed(patient.id, at(5))).toBe(true);
        expect(await store.findLiveCalendarFeed('c'.repeat(64))).toBeUndefined();
        expect(await store.getLiveCalendarFeed(patient.id)).toBeUndefined();
        expect(await store.revokeCalendarFeed(patient.id, at(6))).toBe(false);
      });

      it('refuses a secret hash already used, keeping the live feed', async () => {
        const { nurse, patient, other } = await seed(store);
        const feed = await store.replaceCalendarFeed({
          patientId: patient.id,
          secretHash: 'd'.repeat(64),
          includeDoses: false,
          createdBy: nurse.id,
          createdAt: at(1),
        });
        const failure = await store
          .replaceCalendarFeed({
            patientId: other.id,
            secretHash: 'd'.repeat(64),
            includeDoses: false,
            createdBy: nurse.id,
            createdAt: at(2),
          })
          .catch((error: unknown) => error);
        expect(isAftercareError(failure) && failure.code).toBe('CARE_ERR_CONFLICT');
        expect(await store.findLiveCalendarFeed('d'.repeat(64))).toEqual(feed);
      });
    });
  });
}
