/** The Store contract for passkeys: credentials per account, the sign counter, one-use challenges, erasure. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewPasskey, NewUser, Store } from './store.ts';
import { closeTestStores, DIALECTS, openTestStore, rejectionCode, testPatient } from './testing/index.ts';

const T0 = Date.parse('2026-11-20T15:00:00.000Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

function userInput(orgId: string, email: string, role: NewUser['role'], patientId: string | null = null): NewUser {
  return { orgId, email, name: 'Someone', role, passwordHash: 'h', language: 'en', patientId };
}

function passkeyInput(userId: string, credentialId: string, counter = 0): NewPasskey {
  return {
    userId,
    credentialId,
    publicKey: 'pQECAyYgASFYIA',
    counter,
    transports: ['internal', 'hybrid'],
    deviceLabel: 'My phone',
    createdAt: at(1),
  };
}

for (const dialect of DIALECTS) {
  describe(`Store passkeys contract on ${dialect}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(closeTestStores);

    it('saves, lists, finds and removes passkeys of one account only', async () => {
      const org = await store.createOrganisation('Org', at(0));
      const ann = await store.createUser(userInput(org.id, 'ann@example.org', 'clinician'), at(0));
      const bob = await store.createUser(userInput(org.id, 'bob@example.org', 'clinician'), at(0));
      const first = await store.addPasskey(passkeyInput(ann.id, 'cred-1'));
      await store.addPasskey({ ...passkeyInput(ann.id, 'cred-2'), deviceLabel: null, createdAt: at(2) });
      await store.addPasskey(passkeyInput(bob.id, 'cred-3'));
      expect(first).toMatchObject({ userId: ann.id, credentialId: 'cred-1', counter: 0, lastUsedAt: null });
      expect(first.transports).toEqual(['internal', 'hybrid']);
      expect((await store.listPasskeys(ann.id)).map((p) => p.credentialId)).toEqual(['cred-1', 'cred-2']);
      expect((await store.getPasskeyByCredentialId('cred-1'))?.id).toBe(first.id);
      expect(await store.getPasskeyByCredentialId('nope')).toBeUndefined();
      expect(await rejectionCode(store.addPasskey(passkeyInput(bob.id, 'cred-1')))).toBe('CARE_ERR_CONFLICT');
      expect(await store.deletePasskey(first.id, bob.id)).toBe(false);
      expect(await store.deletePasskey(first.id, ann.id)).toBe(true);
      expect(await store.deletePasskey(first.id, ann.id)).toBe(false);
      expect((await store.listPasskeys(ann.id)).map((p) => p.credentialId)).toEqual(['cred-2']);
    });

    it('accepts a use only when the counter grows (or stays 0 for authenticators that keep none)', async () => {
      const org = await store.createOrganisation('Org', at(0));
      const ann = await store.createUser(userInput(org.id, 'ann@example.org', 'clinician'), at(0));
      const counting = await store.addPasskey(passkeyInput(ann.id, 'counting', 5));
      expect(await store.notePasskeyUse(counting.id, 5, at(3))).toBe(false);
      expect(await store.notePasskeyUse(counting.id, 4, at(3))).toBe(false);
      expect(await store.notePasskeyUse(counting.id, 0, at(3))).toBe(false);
      expect(await store.notePasskeyUse(counting.id, 6, at(3))).toBe(true);
      expect(await store.getPasskeyByCredentialId('counting')).toMatchObject({ counter: 6, lastUsedAt: at(3) });
      const still = await store.addPasskey(passkeyInput(ann.id, 'no-counter', 0));
      expect(await store.notePasskeyUse(still.id, 0, at(4))).toBe(true);
      expect(await store.notePasskeyUse(still.id, 0, at(5))).toBe(true);
      expect(await store.notePasskeyUse(still.id, 3_000_000_000, at(6))).toBe(true);
      expect((await store.getPasskeyByCredentialId('no-counter'))?.counter).toBe(3_000_000_000);
    });

    it('hands a challenge out once, for its purpose, before it expires', async () => {
      const org = await store.createOrganisation('Org', at(0));
      const ann = await store.createUser(userInput(org.id, 'ann@example.org', 'clinician'), at(0));
      await store.saveWebauthnChallenge(
        { challenge: 'c1', userId: ann.id, purpose: 'register', expiresAt: at(5) },
        at(0),
      );
      await store.saveWebauthnChallenge({ challenge: 'c2', userId: null, purpose: 'sign-in', expiresAt: at(5) }, at(0));
      await store.saveWebauthnChallenge({ challenge: 'c3', userId: null, purpose: 'sign-in', expiresAt: at(5) }, at(0));
      expect(await store.takeWebauthnChallenge('c1', 'sign-in', at(1))).toBeUndefined();
      expect(await store.takeWebauthnChallenge('c1', 'register', at(1))).toEqual({
        challenge: 'c1',
        userId: ann.id,
        purpose: 'register',
        expiresAt: at(5),
      });
      expect(await store.takeWebauthnChallenge('c1', 'register', at(1))).toBeUndefined();
      expect(await store.takeWebauthnChallenge('c2', 'sign-in', at(5))).toBeUndefined();
      expect((await store.takeWebauthnChallenge('c3', 'sign-in', at(4)))?.userId).toBeNull();
    });

    it("erases a patient's passkeys and challenges with the patient", async () => {
      const org = await store.createOrganisation('Org', at(0));
      const patient = await store.createPatient(testPatient(org.id, { name: 'Pat' }), at(0));
      const login = await store.createUser(userInput(org.id, 'pat@example.org', 'patient', patient.id), at(0));
      const clinician = await store.createUser(userInput(org.id, 'cli@example.org', 'clinician'), at(0));
      await store.addPasskey(passkeyInput(login.id, 'patient-key'));
      await store.addPasskey(passkeyInput(clinician.id, 'clinician-key'));
      await store.saveWebauthnChallenge(
        { challenge: 'p', userId: login.id, purpose: 'register', expiresAt: at(5) },
        at(0),
      );
      const report = await store.erasePatient(patient.id);
      expect(report).toMatchObject({ passkeys: 1, webauthn_challenges: 1 });
      expect(await store.getPasskeyByCredentialId('patient-key')).toBeUndefined();
      expect(await store.getPasskeyByCredentialId('clinician-key')).toBeDefined();
    });
  });
}
