/** The Store contract: one suite, run unchanged against SQLite and PostgreSQL (real databases, no mocks). */
import { isAftercareError } from '@aftercare/core';
import type { ErrorCode } from '@aftercare/core';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DashboardQuery, Disposition, MedicationInput, NewPatient, NewUser, Role, Store } from './store.ts';
import { closeTestStores, DIALECTS, kyselyOf, openTestStore } from './testing/index.ts';

/** Matchers typed as unknown, so object literals that hold them stay type-safe. */
const anyString: unknown = expect.any(String);
const uuid: unknown = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

const T0 = Date.parse('2026-11-20T15:00:00.000Z');
/** The instant `minutes` after the start of the fixture's story. */
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

/** Resolves to the AftercareError code the promise rejects with (and checks no SQL leaks into its message). */
async function errorCode(promise: Promise<unknown>): Promise<ErrorCode> {
  try {
    await promise;
  } catch (error) {
    if (!isAftercareError(error)) {
      throw error;
    }
    expect(error.message).not.toMatch(/\b(select|insert|update|delete|constraint|sqlite|relation)\b/i);
    return error.code;
  }
  throw new Error('expected the promise to reject');
}

function newPatient(orgId: string, overrides: Partial<NewPatient> = {}): NewPatient {
  return {
    orgId,
    name: 'Renée Núñez',
    email: null,
    phone: '+1 555 0100',
    dateOfBirth: '1990-04-02',
    procedureDate: '2026-11-19',
    harvestSite: 'hip',
    marrowUse: 'donor',
    language: 'es',
    timeZone: 'America/Chicago',
    country: 'US',
    emergencyContact: null,
    ...overrides,
  };
}

const painRelief: MedicationInput = {
  name: 'Acetaminophen',
  kind: 'over-the-counter',
  amount: '500 mg',
  timing: { type: 'as-needed', minIntervalHours: 6, maxPerDay: 4 },
  reason: 'pain at the harvest site',
  startDate: '2026-11-19',
  endDate: null,
  planItem: 'pain-relief',
};

async function seed(store: Store) {
  const org = await store.createOrganisation('Northside Hematology', at(0));
  const clinicianInput: NewUser = {
    orgId: org.id,
    email: 'Nurse.Ana@Example.org',
    name: 'Ana',
    role: 'clinician',
    passwordHash: '$argon2id$fake',
    language: 'en',
    patientId: null,
  };
  const clinician = await store.createUser(clinicianInput, at(0));
  const patient = await store.createPatient(newPatient(org.id), at(1));
  const patientUser = await store.createUser(
    { ...clinicianInput, email: 'renee@example.org', name: 'Renée', role: 'patient', patientId: patient.id },
    at(2),
  );
  return { org, clinician, patient, patientUser };
}

for (const dialect of DIALECTS) {
  describe(`Store contract on ${dialect}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(closeTestStores);

    describe('lifecycle', () => {
      it('names its dialect and answers ping', async () => {
        expect(store.dialect).toBe(dialect);
        await expect(store.ping()).resolves.toBeUndefined();
      });

      it('migrates again without harm and keeps the data', async () => {
        const org = await store.createOrganisation('Team', at(0));
        await store.migrate();
        await store.migrate();
        expect(await store.getOrganisation(org.id)).toEqual(org);
      });

      it('rolls a failed transaction back completely', async () => {
        await expect(
          store.transaction(async (tx) => {
            const org = await tx.createOrganisation('Team', at(0));
            await tx.createUser(
              {
                orgId: org.id,
                email: 'a@example.org',
                name: 'A',
                role: 'admin',
                passwordHash: 'h',
                language: 'en',
                patientId: null,
              },
              at(0),
            );
            throw new Error('changed my mind');
          }),
        ).rejects.toThrow('changed my mind');
        expect(await store.countUsers()).toBe(0);
      });

      it('commits a transaction, joins nested ones, and translates errors inside', async () => {
        const { org } = await seed(store);
        const result = await store.transaction(async (tx) => {
          const patient = await tx.createPatient(newPatient(org.id, { name: 'Inner' }), at(5));
          const nested = await tx.transaction((inner) => inner.getPatient(patient.id));
          const code = await errorCode(tx.getUserByEmail('x').then(() => tx.createOrganisation('Team', 'not a time')));
          return { patient, nested, code };
        });
        expect(result.nested).toEqual(result.patient);
        expect(result.code).toBe('CARE_ERR_BAD_INPUT');
        expect(await store.getPatient(result.patient.id)).toEqual(result.patient);
      });

      it('refuses use of the outer store inside its own transaction (it would hang SQLite)', async () => {
        const outer = store;
        await expect(outer.transaction(() => outer.countUsers())).rejects.toThrow(/use the store passed to fn/);
        expect(await outer.countUsers()).toBe(0);
        // The check rests between transactions and wakes again with the next one.
        expect(await outer.transaction((tx) => tx.countUsers())).toBe(0);
        await expect(outer.transaction(() => outer.countUsers())).rejects.toThrow(/use the store passed to fn/);
      });

      it('keeps refusing the outer store in a transaction while another transaction ends', async () => {
        const outer = store;
        let release = (): void => undefined;
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        const waiting = outer.transaction(async () => {
          await gate;
          return outer.countUsers();
        });
        // SQLite has one connection: the second transaction waits for the first, so end the first one's wait now.
        const other = outer.transaction((tx) => tx.countUsers());
        if (outer.dialect === 'postgres') {
          expect(await other).toBe(0);
        }
        release();
        await expect(waiting).rejects.toThrow(/use the store passed to fn/);
        expect(await other).toBe(0);
      });

      it('refuses text holding a NUL character (PostgreSQL cannot store it)', async () => {
        const { patient, clinician } = await seed(store);
        const message = { patientId: patient.id, authorId: clinician.id, body: 'a\u0000b', createdAt: at(1) };
        expect(await errorCode(store.addMessage(message))).toBe('CARE_ERR_BAD_INPUT');
        expect(await errorCode(store.transaction((tx) => tx.addMessage(message)))).toBe('CARE_ERR_BAD_INPUT');
        expect(await store.listMessages(patient.id)).toEqual([]);
        // Deep inside a value too: a list in an object in the arguments.
        const checkIn = {
          patientId: patient.id,
          submittedAt: at(2),
          payload: { language: 'en', signs: ['fever', 'chills\u0000'] },
          triage: { disposition: 'self-care', reasons: [] },
          disposition: 'self-care' as const,
          idempotencyKey: null,
          recordedBy: clinician.id,
        };
        expect(await errorCode(store.recordCheckIn(checkIn))).toBe('CARE_ERR_BAD_INPUT');
        expect(await store.listCheckIns(patient.id)).toEqual([]);
      });

      it('refuses instants that are not ISO 8601 and stores the others in UTC with milliseconds', async () => {
        expect(await errorCode(store.createOrganisation('Team', 'yesterday'))).toBe('CARE_ERR_BAD_INPUT');
        const org = await store.createOrganisation('Team', '2026-11-20T16:00:00+01:00');
        expect(org.createdAt).toBe('2026-11-20T15:00:00.000Z');
        expect((await store.getOrganisation(org.id))?.createdAt).toBe('2026-11-20T15:00:00.000Z');
      });
    });

    describe('organisations and users', () => {
      it('creates and reads organisations', async () => {
        const org = await store.createOrganisation('Équipe de soins 🩺', at(0));
        expect(org).toEqual({
          id: uuid,
          name: 'Équipe de soins 🩺',
          createdAt: at(0),
        });
        expect(await store.getOrganisation(org.id)).toEqual(org);
        expect(await store.getOrganisation(crypto.randomUUID())).toBeUndefined();
      });

      it('creates users, finds them by e-mail in any case, and counts them', async () => {
        const { org, clinician, patient, patientUser } = await seed(store);
        expect(clinician).toMatchObject({
          orgId: org.id,
          email: 'Nurse.Ana@Example.org',
          disabledAt: null,
          createdAt: at(0),
        });
        expect(patientUser.patientId).toBe(patient.id);
        expect(await store.getUser(clinician.id)).toEqual(clinician);
        expect(await store.getUserByEmail('nurse.ana@example.org')).toEqual(clinician);
        expect(await store.getUserByEmail('NURSE.ANA@EXAMPLE.ORG')).toEqual(clinician);
        expect(await store.getUserByEmail('nobody@example.org')).toBeUndefined();
        expect(await store.getUser(crypto.randomUUID())).toBeUndefined();
        expect(await store.countUsers()).toBe(2);
        expect((await store.listUsers(org.id)).map((u) => u.id)).toEqual([clinician.id, patientUser.id]);
      });

      it('refuses a second account with the same e-mail in another case', async () => {
        const { org } = await seed(store);
        const again = store.createUser(
          {
            orgId: org.id,
            email: 'NURSE.ana@example.ORG',
            name: 'Other',
            role: 'admin',
            passwordHash: 'h',
            language: 'en',
            patientId: null,
          },
          at(3),
        );
        expect(await errorCode(again)).toBe('CARE_ERR_CONFLICT');
        expect(await store.countUsers()).toBe(2);
      });

      it('folds non-ASCII e-mail case the same way in both dialects', async () => {
        const { org } = await seed(store);
        const user = await store.createUser(
          {
            orgId: org.id,
            email: 'ÉLODIE@exemple.fr',
            name: 'Élodie',
            role: 'caregiver',
            passwordHash: 'h',
            language: 'es',
            patientId: null,
          },
          at(3),
        );
        expect((await store.getUserByEmail('élodie@EXEMPLE.fr'))?.id).toBe(user.id);
      });

      it('refuses a user of an organisation that does not exist', async () => {
        const orphan = store.createUser(
          {
            orgId: crypto.randomUUID(),
            email: 'x@example.org',
            name: 'X',
            role: 'admin',
            passwordHash: 'h',
            language: 'en',
            patientId: null,
          },
          at(0),
        );
        expect(await errorCode(orphan)).toBe('CARE_ERR_NOT_FOUND');
      });

      it('disables, re-enables and changes the password of a user', async () => {
        const { clinician } = await seed(store);
        await store.setUserDisabled(clinician.id, at(10));
        expect((await store.getUser(clinician.id))?.disabledAt).toBe(at(10));
        await store.setUserDisabled(clinician.id, null);
        expect((await store.getUser(clinician.id))?.disabledAt).toBeNull();
        await store.setUserPassword(clinician.id, '$argon2id$new');
        expect((await store.getUser(clinician.id))?.passwordHash).toBe('$argon2id$new');
        expect(await errorCode(store.setUserDisabled(crypto.randomUUID(), at(1)))).toBe('CARE_ERR_NOT_FOUND');
        expect(await errorCode(store.setUserPassword(crypto.randomUUID(), 'h'))).toBe('CARE_ERR_NOT_FOUND');
      });
    });

    describe('sessions', () => {
      it('creates, reads, touches and deletes sessions', async () => {
        const { clinician, patientUser } = await seed(store);
        const session = {
          idHash: 'a'.repeat(64),
          userId: clinician.id,
          createdAt: at(0),
          lastSeenAt: at(0),
          expiresAt: at(60 * 12),
        };
        await store.createSession(session);
        await store.createSession({ ...session, idHash: 'b'.repeat(64) });
        await store.createSession({ ...session, idHash: 'c'.repeat(64), userId: patientUser.id });
        expect(await store.getSession(session.idHash)).toEqual(session);
        await store.touchSession(session.idHash, at(30));
        expect((await store.getSession(session.idHash))?.lastSeenAt).toBe(at(30));
        await store.touchSession('gone', at(31));
        expect(await errorCode(store.createSession(session))).toBe('CARE_ERR_CONFLICT');

        await store.deleteSession(session.idHash);
        expect(await store.getSession(session.idHash)).toBeUndefined();
        await store.deleteSessionsOfUser(clinician.id);
        expect(await store.getSession('b'.repeat(64))).toBeUndefined();
        expect(await store.getSession('c'.repeat(64))).toBeDefined();
      });
    });

    describe('patients and enrolment', () => {
      it('creates, lists by organisation and updates patients', async () => {
        const { org, patient } = await seed(store);
        const otherOrg = await store.createOrganisation('Other team', at(0));
        await store.createPatient(newPatient(otherOrg.id, { name: 'Elsewhere' }), at(2));
        const second = await store.createPatient(newPatient(org.id, { name: '王芳', marrowUse: 'own' }), at(3));
        expect(await store.getPatient(patient.id)).toEqual(patient);
        expect(await store.getPatient(crypto.randomUUID())).toBeUndefined();
        expect((await store.listPatients(org.id)).map((p) => p.name)).toEqual(['Renée Núñez', '王芳']);

        const updated = await store.updatePatient(second.id, {
          email: 'wang@example.org',
          phone: null,
          harvestSite: 'both',
          language: 'en',
        });
        expect(updated).toEqual({
          ...second,
          email: 'wang@example.org',
          phone: null,
          harvestSite: 'both',
          language: 'en',
        });
        expect(await store.getPatient(second.id)).toEqual(updated);
        expect(await store.updatePatient(second.id, {})).toEqual(updated);
        expect(await errorCode(store.updatePatient(crypto.randomUUID(), { name: 'x' }))).toBe('CARE_ERR_NOT_FOUND');
      });

      it('keeps every enrolment and gives the latest', async () => {
        const { patient, clinician } = await seed(store);
        expect(await store.getEnrolment(patient.id)).toBeUndefined();
        expect((await store.getPatient(patient.id))?.planId).toBeNull();
        const first = {
          patientId: patient.id,
          planId: 'bone-marrow-harvest',
          planVersion: '1.0.0',
          returnToWork: null,
          enrolledAt: at(10),
          enrolledBy: clinician.id,
        };
        const enrolment = await store.createEnrolment(first);
        expect(enrolment).toEqual({ ...first, id: anyString, returnToWorkDate: null });
        expect(await store.getEnrolment(patient.id)).toEqual(enrolment);
        const newer = await store.createEnrolment({
          ...first,
          planVersion: '1.1.0',
          returnToWork: 'En 2 días',
          enrolledAt: at(20),
        });
        expect(await store.getEnrolment(patient.id)).toEqual(newer);
        await store.createEnrolment({ ...first, planId: 'another-plan', enrolledAt: at(30) });
        // The patient record carries the latest enrolment's plan (a trigger keeps it): a check-in reads no enrolment.
        expect((await store.getPatient(patient.id))?.planId).toBe('another-plan');
        expect((await store.listPatients(patient.orgId)).map((p) => p.planId)).toEqual(['another-plan']);
      });
    });

    describe('medications (versioned)', () => {
      it('adds version 1, then versions on change, keeping every earlier version', async () => {
        const { patient, clinician } = await seed(store);
        const v1 = await store.addMedication(patient.id, painRelief, clinician.id, at(10));
        expect(v1).toEqual({
          ...painRelief,
          id: anyString,
          version: 1,
          patientId: patient.id,
          effectiveFrom: at(10),
          stoppedAt: null,
          changedBy: clinician.id,
        });
        const v2 = await store.changeMedication(
          v1.id,
          { amount: '1000 mg', timing: { type: 'fixed-times', times: ['08:00', '20:00'] } },
          clinician.id,
          at(20),
        );
        expect(v2).toEqual({
          ...v1,
          version: 2,
          amount: '1000 mg',
          timing: { type: 'fixed-times', times: ['08:00', '20:00'] },
          effectiveFrom: at(20),
        });
        expect(await store.medicationHistory(v1.id)).toEqual([v1, v2]);
        expect(await store.listMedications(patient.id)).toEqual([v2]);
      });

      it('keeps the meaning of a dose logged against an older version', async () => {
        const { patient, clinician, patientUser } = await seed(store);
        const v1 = await store.addMedication(patient.id, painRelief, clinician.id, at(10));
        const dose = await store.recordDose({
          patientId: patient.id,
          medicationId: v1.id,
          medicationVersion: 1,
          scheduledFor: null,
          status: 'taken',
          at: at(15),
          idempotencyKey: null,
          recordedBy: patientUser.id,
        });
        await store.changeMedication(v1.id, { amount: '250 mg' }, clinician.id, at(20));
        const [stored] = await store.listDoses(patient.id);
        expect(stored).toEqual(dose);
        const version = (await store.medicationHistory(v1.id)).find((m) => m.version === stored!.medicationVersion);
        expect(version?.amount).toBe('500 mg');
      });

      it('stops a medicine with a new version, once, and refuses later changes', async () => {
        const { patient, clinician } = await seed(store);
        const v1 = await store.addMedication(patient.id, painRelief, clinician.id, at(10));
        const stopped = await store.stopMedication(v1.id, clinician.id, at(30));
        expect(stopped).toEqual({ ...v1, version: 2, stoppedAt: at(30), effectiveFrom: at(30) });
        expect(await store.stopMedication(v1.id, clinician.id, at(40))).toEqual(stopped);
        expect(await store.medicationHistory(v1.id)).toHaveLength(2);
        expect(await store.listMedications(patient.id)).toEqual([stopped]);
        expect(await errorCode(store.changeMedication(v1.id, { amount: '1 g' }, clinician.id, at(50)))).toBe(
          'CARE_ERR_CONFLICT',
        );
      });

      it('refuses changes to unknown medicines and changes dated before the current version', async () => {
        const { patient, clinician } = await seed(store);
        const v1 = await store.addMedication(patient.id, painRelief, clinician.id, at(10));
        expect(await errorCode(store.changeMedication(crypto.randomUUID(), {}, clinician.id, at(20)))).toBe(
          'CARE_ERR_NOT_FOUND',
        );
        expect(await errorCode(store.stopMedication(crypto.randomUUID(), clinician.id, at(20)))).toBe(
          'CARE_ERR_NOT_FOUND',
        );
        expect(await errorCode(store.changeMedication(v1.id, { amount: '1 g' }, clinician.id, at(5)))).toBe(
          'CARE_ERR_BAD_INPUT',
        );
        expect(await store.medicationHistory(v1.id)).toEqual([v1]);
        expect(await store.medicationHistory(crypto.randomUUID())).toEqual([]);
      });

      it('gives concurrent changes consecutive versions, none lost', async () => {
        const { patient, clinician } = await seed(store);
        const v1 = await store.addMedication(patient.id, painRelief, clinician.id, at(10));
        const amounts = ['1 mg', '2 mg', '3 mg', '4 mg'];
        const results = await Promise.all(
          amounts.map((amount) => store.changeMedication(v1.id, { amount }, clinician.id, at(20))),
        );
        expect(results.map((m) => m.version).sort()).toEqual([2, 3, 4, 5]);
        const history = await store.medicationHistory(v1.id);
        expect(history.map((m) => m.version)).toEqual([1, 2, 3, 4, 5]);
        expect(
          history
            .slice(1)
            .map((m) => m.amount)
            .sort(),
        ).toEqual(amounts);
      });

      it('lists the latest version of each medicine in the order they were added', async () => {
        const { patient, clinician } = await seed(store);
        const a = await store.addMedication(patient.id, painRelief, clinician.id, at(10));
        const b = await store.addMedication(
          patient.id,
          { ...painRelief, name: 'Hierro (sulfato ferroso)', kind: 'vitamin', planItem: null },
          clinician.id,
          at(11),
        );
        const a2 = await store.changeMedication(a.id, { reason: 'dolor leve' }, clinician.id, at(12));
        expect(await store.listMedications(patient.id)).toEqual([a2, b]);
      });
    });

    describe('allergies', () => {
      it('adds, lists and removes allergies', async () => {
        const { patient } = await seed(store);
        const latex = await store.addAllergy(patient.id, 'Látex', 'ronchas', at(1));
        const penicillin = await store.addAllergy(patient.id, 'Penicillin', 'rash', at(2));
        expect(await store.listAllergies(patient.id)).toEqual([latex, penicillin]);
        await store.removeAllergy(latex.id);
        expect(await store.listAllergies(patient.id)).toEqual([penicillin]);
        expect(await errorCode(store.removeAllergy(latex.id))).toBe('CARE_ERR_NOT_FOUND');
      });
    });

    describe('doses', () => {
      async function withMedicine() {
        const fixture = await seed(store);
        const medicine = await store.addMedication(fixture.patient.id, painRelief, fixture.clinician.id, at(5));
        const dose = (minutes: number, idempotencyKey: string | null = null) => ({
          patientId: fixture.patient.id,
          medicationId: medicine.id,
          medicationVersion: 1,
          scheduledFor: at(minutes),
          status: 'taken' as const,
          at: at(minutes),
          idempotencyKey,
          recordedBy: fixture.patientUser.id,
        });
        return { ...fixture, medicine, dose };
      }

      it('records doses and lists them newest first, a page at a time', async () => {
        const { patient, dose } = await withMedicine();
        const recorded = [];
        for (const minutes of [10, 30, 20, 40]) {
          recorded.push(await store.recordDose(dose(minutes)));
        }
        const listed = await store.listDoses(patient.id);
        expect(listed.map((d) => d.at)).toEqual([at(40), at(30), at(20), at(10)]);
        expect(listed).toContainEqual(recorded[0]);
        expect((await store.listDoses(patient.id, { limit: 2 })).map((d) => d.at)).toEqual([at(40), at(30)]);
        expect((await store.listDoses(patient.id, { before: at(30), limit: 2 })).map((d) => d.at)).toEqual([
          at(20),
          at(10),
        ]);
      });

      it('stores a replayed dose once and returns the stored one', async () => {
        const { patient, dose } = await withMedicine();
        const first = await store.recordDose(dose(10, 'offline-1'));
        const replay = await store.recordDose({ ...dose(11, 'offline-1'), status: 'skipped' });
        expect(replay).toEqual(first);
        expect(await store.listDoses(patient.id)).toEqual([first]);
        // Without a key, two identical doses are two doses.
        await store.recordDose(dose(20));
        await store.recordDose(dose(20));
        expect(await store.listDoses(patient.id)).toHaveLength(3);
      });

      it('stores concurrent replays of the same key once', async () => {
        const { patient, dose } = await withMedicine();
        const results = await Promise.all(Array.from({ length: 8 }, () => store.recordDose(dose(10, 'same-key'))));
        expect(new Set(results.map((d) => d.id)).size).toBe(1);
        expect(await store.listDoses(patient.id)).toEqual([results[0]]);
      });

      it('scopes idempotency keys to the patient', async () => {
        const { org, clinician, patient, dose } = await withMedicine();
        const other = await store.createPatient(newPatient(org.id, { name: 'Other' }), at(3));
        const otherMedicine = await store.addMedication(other.id, painRelief, clinician.id, at(5));
        await store.recordDose(dose(10, 'k'));
        await store.recordDose({ ...dose(10, 'k'), patientId: other.id, medicationId: otherMedicine.id });
        expect(await store.listDoses(patient.id)).toHaveLength(1);
        expect(await store.listDoses(other.id)).toHaveLength(1);
      });

      it('refuses a dose of another patient’s medicine or of a version that does not exist', async () => {
        const { org, dose } = await withMedicine();
        const other = await store.createPatient(newPatient(org.id, { name: 'Other' }), at(3));
        expect(await errorCode(store.recordDose({ ...dose(10), patientId: other.id }))).toBe('CARE_ERR_NOT_FOUND');
        expect(await errorCode(store.recordDose({ ...dose(10), medicationVersion: 7 }))).toBe('CARE_ERR_NOT_FOUND');
      });
    });

    describe('appointments and questions', () => {
      it('adds, updates, cancels and lists appointments soonest first', async () => {
        const { patient, clinician } = await seed(store);
        const base = {
          patientId: patient.id,
          withWhom: 'primary-care' as const,
          reason: 'wound-check',
          location: null,
          createdBy: clinician.id,
          createdAt: at(0),
        };
        const bloodTests = await store.addAppointment({
          ...base,
          withWhom: 'hematologist',
          reason: 'blood-tests',
          startsAt: at(60 * 24 * 14),
        });
        const woundCheck = await store.addAppointment({ ...base, startsAt: at(60 * 24 * 2) });
        expect(woundCheck.cancelledAt).toBeNull();
        expect(await store.getAppointment(woundCheck.id)).toEqual(woundCheck);
        expect(await store.listAppointments(patient.id)).toEqual([woundCheck, bloodTests]);

        const moved = await store.updateAppointment(woundCheck.id, {
          startsAt: at(60 * 24 * 3),
          location: 'Clínica Sur',
        });
        expect(moved).toEqual({ ...woundCheck, startsAt: at(60 * 24 * 3), location: 'Clínica Sur' });
        const cancelled = await store.updateAppointment(bloodTests.id, { cancelledAt: at(100) });
        expect(cancelled.cancelledAt).toBe(at(100));
        expect(await store.listAppointments(patient.id)).toEqual([moved, cancelled]);
        expect(await errorCode(store.updateAppointment(crypto.randomUUID(), { reason: 'x' }))).toBe(
          'CARE_ERR_NOT_FOUND',
        );
        expect(await store.getAppointment(crypto.randomUUID())).toBeUndefined();
      });

      it('adds, answers and lists questions oldest first', async () => {
        const { patient, clinician } = await seed(store);
        const visit = await store.addAppointment({
          patientId: patient.id,
          withWhom: 'hematologist',
          reason: 'blood-tests',
          location: null,
          startsAt: at(1000),
          createdBy: clinician.id,
          createdAt: at(0),
        });
        const q1 = await store.addQuestion({
          patientId: patient.id,
          appointmentId: null,
          text: '¿Cuándo puedo volver a correr? 🏃',
          createdAt: at(5),
        });
        const q2 = await store.addQuestion({
          patientId: patient.id,
          appointmentId: visit.id,
          text: 'Iron?',
          createdAt: at(6),
        });
        expect(q1).toMatchObject({ askedAt: null, answer: null });
        const answered = await store.updateQuestion(q1.id, {
          appointmentId: visit.id,
          askedAt: at(1000),
          answer: 'En 2 semanas',
        });
        expect(answered).toEqual({ ...q1, appointmentId: visit.id, askedAt: at(1000), answer: 'En 2 semanas' });
        expect(await store.getQuestion(q1.id)).toEqual(answered);
        expect(await store.listQuestions(patient.id)).toEqual([answered, q2]);
        expect(await errorCode(store.updateQuestion(crypto.randomUUID(), { text: 'x' }))).toBe('CARE_ERR_NOT_FOUND');
        expect(await store.getQuestion(crypto.randomUUID())).toBeUndefined();
      });
    });

    describe('check-ins and alerts', () => {
      async function withPatient() {
        const fixture = await seed(store);
        const checkIn = (
          minutes: number,
          disposition: 'emergency' | 'contact-provider' | 'self-care',
          idempotencyKey: string | null = null,
        ) => ({
          patientId: fixture.patient.id,
          submittedAt: at(minutes),
          payload: { language: 'es', text: 'Me duele un poco 😣', temperatureC: 37.2, pain: 3, signs: [] },
          triage: { disposition, fired: [{ rule: 'fever', evidence: { temperatureC: 38.4 } }] },
          disposition,
          idempotencyKey,
          recordedBy: fixture.patientUser.id,
        });
        /** The audit event of the patient's own check-in, as the route hands it to the store. */
        const createEvent = (minutes: number, ip: string | null) => ({
          at: at(minutes),
          actorId: fixture.patientUser.id,
          action: 'check-in.create',
          patientId: fixture.patient.id,
          resourceType: 'check-in',
          resourceId: null,
          ip,
        });
        return { ...fixture, checkIn, createEvent };
      }

      it('stores a self-care check-in without an alert, exactly as sent', async () => {
        const { patient, checkIn } = await withPatient();
        const input = checkIn(10, 'self-care');
        const { checkIn: stored, alert } = await store.recordCheckIn(input);
        expect(alert).toBeNull();
        expect(stored).toEqual({ ...input, id: anyString });
        expect(await store.listCheckIns(patient.id)).toEqual([stored]);
        expect(await store.listAlerts({ patientId: patient.id })).toEqual([]);
      });

      it('stores a check-in that needs attention together with its open alert', async () => {
        const { patient, checkIn } = await withPatient();
        const { checkIn: stored, alert } = await store.recordCheckIn(checkIn(10, 'emergency'));
        expect(alert).toEqual({
          id: anyString,
          patientId: patient.id,
          checkInId: stored.id,
          level: 'emergency',
          status: 'open',
          createdAt: at(10),
          acknowledgedBy: null,
          acknowledgedAt: null,
          acknowledgeNote: null,
          resolvedBy: null,
          resolvedAt: null,
          escalatedAt: null,
        });
        expect(await store.getAlert(alert!.id)).toEqual(alert);
      });

      it('stores neither the check-in nor the alert when the alert cannot be stored', async () => {
        const { patient, checkIn } = await withPatient();
        await kyselyOf(store).schema.dropTable('alerts').execute();
        expect(await errorCode(store.recordCheckIn(checkIn(10, 'contact-provider')))).toBe('CARE_ERR_INTERNAL');
        expect(await store.listCheckIns(patient.id)).toEqual([]);
      });

      it('returns what was stored for a replayed check-in, also under concurrency', async () => {
        const { patient, checkIn } = await withPatient();
        const first = await store.recordCheckIn(checkIn(10, 'contact-provider', 'ci-1'));
        expect(first.replayed).toBe(false);
        expect(await store.recordCheckIn(checkIn(12, 'self-care', 'ci-1'))).toEqual({ ...first, replayed: true });
        const replays = await Promise.all(
          Array.from({ length: 6 }, () => store.recordCheckIn(checkIn(20, 'emergency', 'ci-2'))),
        );
        expect(replays.filter((r) => !r.replayed)).toHaveLength(1);
        expect(new Set(replays.map((r) => r.checkIn.id)).size).toBe(1);
        expect(new Set(replays.map((r) => r.alert?.id)).size).toBe(1);
        expect(await store.listCheckIns(patient.id)).toHaveLength(2);
        expect(await store.listAlerts({ patientId: patient.id })).toHaveLength(2);
      });

      it('appends the audit event in the same commit, naming the stored check-in, also for replays', async () => {
        const { patient, checkIn, createEvent } = await withPatient();
        const event = createEvent(10, '127.0.0.1');
        const first = await store.recordCheckIn(checkIn(10, 'emergency', 'ci-a'), event);
        const again = await store.recordCheckIn(checkIn(11, 'self-care', 'ci-a'), { ...event, at: at(11) });
        expect(again).toEqual({ ...first, replayed: true });
        const concurrent = await Promise.all(
          Array.from({ length: 4 }, () => store.recordCheckIn(checkIn(20, 'contact-provider', 'ci-b'), event)),
        );
        expect(concurrent.filter((r) => !r.replayed)).toHaveLength(1);
        const second = concurrent[0]!;
        expect(second.alert).toMatchObject({ checkInId: second.checkIn.id, level: 'contact-provider', status: 'open' });
        const audit = await store.listAudit({ patientId: patient.id });
        expect(audit.map((e) => e.resourceId).sort()).toEqual(
          [first, first, ...concurrent].map((r) => r.checkIn.id).sort(),
        );
        expect(audit[audit.length - 1]).toEqual({ ...event, id: anyString, resourceId: first.checkIn.id });
        expect(await store.listAlerts({ patientId: patient.id })).toHaveLength(2);
      });

      it('stores neither the check-in nor its alert when its audit event cannot be stored, nor the reverse', async () => {
        const { patient, checkIn, createEvent } = await withPatient();
        const event = createEvent(10, null);
        await kyselyOf(store).schema.dropTable('alerts').execute();
        expect(await errorCode(store.recordCheckIn(checkIn(10, 'contact-provider'), event))).toBe('CARE_ERR_INTERNAL');
        expect(await store.listCheckIns(patient.id)).toEqual([]);
        expect(await store.listAudit({ patientId: patient.id })).toEqual([]);
        await kyselyOf(store).schema.dropTable('audit_events').execute();
        expect(await errorCode(store.recordCheckIn(checkIn(10, 'self-care'), event))).toBe('CARE_ERR_INTERNAL');
        expect(await store.listCheckIns(patient.id)).toEqual([]);
      });

      it('lists check-ins newest first, a page at a time', async () => {
        const { patient, checkIn } = await withPatient();
        for (const minutes of [30, 10, 20]) {
          await store.recordCheckIn(checkIn(minutes, 'self-care'));
        }
        expect((await store.listCheckIns(patient.id)).map((c) => c.submittedAt)).toEqual([at(30), at(20), at(10)]);
        expect((await store.listCheckIns(patient.id, { before: at(30), limit: 1 })).map((c) => c.submittedAt)).toEqual([
          at(20),
        ]);
      });

      it('filters alerts by organisation, patient and status, newest first', async () => {
        const { org, clinician, patient, checkIn } = await withPatient();
        const otherOrg = await store.createOrganisation('Other', at(0));
        const stranger = await store.createPatient(newPatient(otherOrg.id), at(0));
        const a1 = (await store.recordCheckIn(checkIn(10, 'contact-provider'))).alert!;
        const a2 = (await store.recordCheckIn(checkIn(20, 'emergency'))).alert!;
        const a3 = (await store.recordCheckIn({ ...checkIn(30, 'emergency'), patientId: stranger.id })).alert!;
        await store.acknowledgeAlert(a1.id, clinician.id, 'Called her', at(40));

        const ids = async (filter: Parameters<Store['listAlerts']>[0]) =>
          (await store.listAlerts(filter)).map((a) => a.id);
        expect(await ids({})).toEqual([a3.id, a2.id, a1.id]);
        expect(await ids({ orgId: org.id })).toEqual([a2.id, a1.id]);
        expect(await ids({ patientId: stranger.id })).toEqual([a3.id]);
        expect(await ids({ orgId: org.id, status: ['open'] })).toEqual([a2.id]);
        expect(await ids({ status: ['open', 'acknowledged'] })).toEqual([a3.id, a2.id, a1.id]);
        expect(await ids({ status: [] })).toEqual([]);
        expect(await ids({ orgId: otherOrg.id, patientId: patient.id })).toEqual([]);
      });

      it('acknowledges an open alert once, resolves it once', async () => {
        const { clinician, checkIn } = await withPatient();
        const alert = (await store.recordCheckIn(checkIn(10, 'emergency'))).alert!;
        const acknowledged = await store.acknowledgeAlert(alert.id, clinician.id, 'Llamé a la paciente ✔', at(15));
        expect(acknowledged).toEqual({
          ...alert,
          status: 'acknowledged',
          acknowledgedBy: clinician.id,
          acknowledgedAt: at(15),
          acknowledgeNote: 'Llamé a la paciente ✔',
        });
        expect(await errorCode(store.acknowledgeAlert(alert.id, clinician.id, 'again', at(16)))).toBe(
          'CARE_ERR_CONFLICT',
        );
        const resolved = await store.resolveAlert(alert.id, clinician.id, at(60));
        expect(resolved).toEqual({ ...acknowledged, status: 'resolved', resolvedBy: clinician.id, resolvedAt: at(60) });
        expect(await store.getAlert(alert.id)).toEqual(resolved);
        expect(await errorCode(store.resolveAlert(alert.id, clinician.id, at(61)))).toBe('CARE_ERR_CONFLICT');
        expect(await errorCode(store.acknowledgeAlert(alert.id, clinician.id, 'late', at(62)))).toBe(
          'CARE_ERR_CONFLICT',
        );
        expect(await errorCode(store.resolveAlert(crypto.randomUUID(), clinician.id, at(61)))).toBe(
          'CARE_ERR_NOT_FOUND',
        );
        expect(await errorCode(store.acknowledgeAlert(crypto.randomUUID(), clinician.id, '', at(61)))).toBe(
          'CARE_ERR_NOT_FOUND',
        );
        expect(await store.getAlert(crypto.randomUUID())).toBeUndefined();
      });

      it('resolves an alert straight from open', async () => {
        const { clinician, checkIn } = await withPatient();
        const alert = (await store.recordCheckIn(checkIn(10, 'contact-provider'))).alert!;
        const resolved = await store.resolveAlert(alert.id, clinician.id, at(20));
        expect(resolved).toMatchObject({ status: 'resolved', acknowledgedBy: null, resolvedAt: at(20) });
      });
    });

    describe('messages', () => {
      it('adds messages and lists them newest first, a page at a time', async () => {
        const { patient, clinician, patientUser } = await seed(store);
        const bodies = ['Hola 👋', '¿Cómo está la herida?', 'Bien, gracias 🙏', 'Ça va mieux — merci'];
        const messages = [];
        for (const [i, body] of bodies.entries()) {
          messages.push(
            await store.addMessage({
              patientId: patient.id,
              authorId: i % 2 === 0 ? patientUser.id : clinician.id,
              body,
              createdAt: at(i),
            }),
          );
        }
        expect(await store.listMessages(patient.id)).toEqual([...messages].reverse());
        expect(await store.listMessages(patient.id, { limit: 1 })).toEqual([messages[3]]);
        expect(await store.listMessages(patient.id, { before: at(2) })).toEqual([messages[1], messages[0]]);
      });
    });

    describe('audit', () => {
      it('appends events and lists them newest first, by patient or actor', async () => {
        const { patient, clinician } = await seed(store);
        const event = {
          at: at(10),
          actorId: clinician.id,
          action: 'patient.read',
          patientId: patient.id,
          resourceType: 'Patient',
          resourceId: patient.id,
          ip: '127.0.0.1',
        };
        await store.appendAudit(event);
        await store.appendAudit({ ...event, action: 'check-in.read' }); // same instant: order of appending
        await store.appendAudit({
          ...event,
          at: at(5),
          actorId: null,
          action: 'session.create',
          patientId: null,
          resourceId: null,
          ip: null,
        });
        const all = await store.listAudit({});
        expect(all.map((e) => e.action)).toEqual(['check-in.read', 'patient.read', 'session.create']);
        expect(all[1]).toEqual({ ...event, id: anyString });
        expect((await store.listAudit({ patientId: patient.id })).map((e) => e.action)).toEqual([
          'check-in.read',
          'patient.read',
        ]);
        expect(await store.listAudit({ actorId: clinician.id, limit: 1 })).toHaveLength(1);
      });

      it('is append-only, even below the Store interface', async () => {
        await store.appendAudit({
          at: at(1),
          actorId: null,
          action: 'session.create',
          patientId: null,
          resourceType: 'Session',
          resourceId: null,
          ip: null,
        });
        const db = kyselyOf(store);
        await expect(db.updateTable('audit_events').set({ action: 'forged' }).execute()).rejects.toThrow();
        await expect(db.deleteFrom('audit_events').execute()).rejects.toThrow();
        expect((await store.listAudit({})).map((e) => e.action)).toEqual(['session.create']);
      });
    });
  });
}

describe('SQLite settings', () => {
  afterEach(closeTestStores);

  it('uses WAL (checkpointed every 10,000 pages), full sync, foreign keys and a busy timeout', async () => {
    const db = kyselyOf(await openTestStore('sqlite'));
    const pragma = async (name: string) => (await sql.raw(`pragma ${name}`).execute(db)).rows[0];
    expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' });
    expect(await pragma('wal_autocheckpoint')).toEqual({ wal_autocheckpoint: 10_000 });
    expect(await pragma('synchronous')).toEqual({ synchronous: 2 });
    expect(await pragma('foreign_keys')).toEqual({ foreign_keys: 1 });
    expect(await pragma('busy_timeout')).toEqual({ timeout: 5000 });
  });
});

/** The care team's reads and the escalation update: the same contract, in both dialects. */
for (const dialect of DIALECTS) {
  describe(`Store contract (care team) on ${dialect}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(closeTestStores);

    /** A check-in as the patient sent it, and its alert when it needs one. */
    const checkIn = (patientId: string, by: string, minutes: number, disposition: Disposition, pain?: number) => ({
      patientId,
      submittedAt: at(minutes),
      payload: { language: 'en', text: 'words', ...(pain === undefined ? {} : { pain: { score: pain } }) },
      triage: { disposition, reasons: [{ sign: 's', level: disposition, evidence: 'words' }], advice: '' },
      disposition,
      idempotencyKey: null,
      recordedBy: by,
    });

    async function ward() {
      const { org, clinician, patient, patientUser } = await seed(store);
      const add = (name: string, procedureDate: string) =>
        store.createPatient(newPatient(org.id, { name, procedureDate }), at(1));
      const okEarly = await add('Olive Early', '2026-11-18');
      const okLate = await add('Oscar Late', '2026-11-10');
      const quiet = await add('Quinn Quiet', '2026-11-18');
      const contact = await add('Cora Contact', '2026-11-01');
      const emergency = await add('Emma Emergency', '2026-11-02');
      const resolved = await add('Rita 50%_Resolved', '2026-11-17');
      const by = patientUser.id;
      // Now is at(3000); quiet means no check-in since at(1000).
      for (const p of [okEarly, okLate, resolved]) {
        await store.recordCheckIn(checkIn(p.id, by, 2900, 'self-care', 2));
      }
      await store.recordCheckIn(checkIn(quiet.id, by, 500, 'self-care', 5));
      await store.recordCheckIn(checkIn(contact.id, by, 2000, 'contact-provider', 6));
      const alarm = (await store.recordCheckIn(checkIn(emergency.id, by, 2500, 'emergency', 9))).alert!;
      await store.acknowledgeAlert(alarm.id, clinician.id, 'On it', at(2510));
      const old = (await store.recordCheckIn(checkIn(resolved.id, by, 100, 'emergency'))).alert!;
      await store.resolveAlert(old.id, clinician.id, at(200));
      // Someone else's emergency stays in their organisation.
      const otherOrg = await store.createOrganisation('Elsewhere', at(0));
      const stranger = await store.createPatient(newPatient(otherOrg.id, { name: 'Stan Stranger' }), at(1));
      await store.recordCheckIn(checkIn(stranger.id, by, 2950, 'emergency'));
      // The seeded patient (Renée, no check-in, created at(1)) is quiet too.
      return { org, clinician, patientUser, patient, okEarly, okLate, quiet, contact, emergency, resolved, alarm };
    }

    const query = (orgId: string, extra: Partial<DashboardQuery> = {}): DashboardQuery => ({
      orgId,
      quietBefore: {},
      defaultQuietBefore: at(1000),
      ...extra,
    });

    it('orders the dashboard by need, then by alert age, quiet time and day of recovery', async () => {
      const w = await ward();
      const page = await store.listDashboard(query(w.org.id));
      expect(page.entries.map((e) => [e.patient.name, e.need])).toEqual([
        ['Emma Emergency', 'emergency'],
        ['Cora Contact', 'contact-provider'],
        ['Renée Núñez', 'quiet'],
        ['Quinn Quiet', 'quiet'],
        ['Olive Early', 'ok'],
        ['Rita 50%_Resolved', 'ok'],
        ['Oscar Late', 'ok'],
      ]);
      expect(page.counts).toEqual({ emergency: 1, 'contact-provider': 1, quiet: 2, ok: 3 });
      const emma = page.entries[0]!;
      expect(emma).toMatchObject({
        patient: w.emergency,
        planId: null,
        alerts: { emergency: 1, contactProvider: 0, unacknowledged: 0, escalated: 0 },
        lastCheckInAt: at(2500),
      });
      expect(page.entries.find((e) => e.patient.id === w.patient.id)?.lastCheckInAt).toBeNull();
      expect(page.entries[1]?.alerts).toEqual({ emergency: 0, contactProvider: 1, unacknowledged: 1, escalated: 0 });
    });

    it('filters the dashboard by need and name, pages it, and uses each plan’s quiet cutoff', async () => {
      const w = await ward();
      const names = async (extra: Partial<DashboardQuery>) =>
        (await store.listDashboard(query(w.org.id, extra))).entries.map((e) => e.patient.name);
      expect(await names({ need: 'quiet' })).toEqual(['Renée Núñez', 'Quinn Quiet']);
      expect(await names({ search: 'EM' })).toEqual(['Emma Emergency']);
      expect(await names({ search: ' o ' })).toEqual([
        'Cora Contact',
        'Olive Early',
        'Rita 50%_Resolved',
        'Oscar Late',
      ]);
      // LIKE wildcards in the search are plain characters.
      expect(await names({ search: '50%_' })).toEqual(['Rita 50%_Resolved']);
      expect(await names({ search: '%' })).toEqual(['Rita 50%_Resolved']);
      expect(await names({ limit: 2, offset: 3 })).toEqual(['Quinn Quiet', 'Olive Early']);
      const searched = await store.listDashboard(query(w.org.id, { search: 'o', need: 'ok' }));
      expect(searched.counts).toEqual({ emergency: 0, 'contact-provider': 1, quiet: 0, ok: 3 });

      // Quinn's plan expects a check-in far less often: not quiet under it.
      await store.createEnrolment({
        patientId: w.quiet.id,
        planId: 'weekly',
        planVersion: '1',
        returnToWork: null,
        enrolledAt: at(2),
        enrolledBy: w.clinician.id,
      });
      const page = await store.listDashboard(query(w.org.id, { quietBefore: { weekly: at(100) }, need: 'ok' }));
      expect(page.entries.map((e) => [e.patient.name, e.planId])).toEqual([
        ['Olive Early', null],
        ['Quinn Quiet', 'weekly'],
        ['Rita 50%_Resolved', null],
        ['Oscar Late', null],
      ]);
      expect((await store.listDashboard(query(crypto.randomUUID()))).entries).toEqual([]);
    });

    it('counts a search’s quiet patients beyond the page, and a quiet one with an alert under the alert', async () => {
      const w = await ward();
      // Quincy's last sign of life is before the cutoff, but his alert is unresolved: he counts as contact-provider.
      const quincy = await store.createPatient(
        newPatient(w.org.id, { name: 'Quincy Quiet', procedureDate: '2026-11-05' }),
        at(1),
      );
      await store.recordCheckIn(checkIn(quincy.id, w.patientUser.id, 500, 'contact-provider', 4));
      const counts = { emergency: 1, 'contact-provider': 2, quiet: 2, ok: 0 };
      const page = async (extra: Partial<DashboardQuery>) => {
        const listed = await store.listDashboard(query(w.org.id, { search: 'N', limit: 1, ...extra }));
        return { names: listed.entries.map((e) => e.patient.name), counts: listed.counts };
      };
      expect(await page({})).toEqual({ names: ['Emma Emergency'], counts });
      expect(await page({ need: 'quiet' })).toEqual({ names: ['Renée Núñez'], counts });
      expect(await page({ need: 'quiet', offset: 1 })).toEqual({ names: ['Quinn Quiet'], counts });
      expect(await page({ offset: 3 })).toEqual({ names: ['Renée Núñez'], counts });
      expect(await page({ need: 'quiet', search: 'zz' })).toEqual({
        names: [],
        counts: { emergency: 0, 'contact-provider': 0, quiet: 0, ok: 0 },
      });
    });

    it('gives the last check-in times, dose counts and open questions for a page, in one query each', async () => {
      const w = await ward();
      const by = w.patientUser.id;
      for (const minutes of [2910, 2920, 2930]) {
        await store.recordCheckIn(checkIn(w.okEarly.id, by, minutes, 'self-care', minutes % 7));
      }
      // The latest check-in's time from the patient rows: one sent late (an older time) does not move it back.
      await store.recordCheckIn(checkIn(w.okEarly.id, by, 2925, 'self-care', 1));
      expect(await store.lastCheckInTimes([w.okEarly.id, w.quiet.id, crypto.randomUUID()])).toEqual(
        new Map([
          [w.okEarly.id, at(2930)],
          [w.quiet.id, at(500)],
        ]),
      );
      expect(await store.lastCheckInTimes([])).toEqual(new Map());

      const medicine = await store.addMedication(w.okEarly.id, painRelief, w.clinician.id, at(2));
      const dose = (minutes: number, status: 'taken' | 'skipped') =>
        store.recordDose({
          patientId: w.okEarly.id,
          medicationId: medicine.id,
          medicationVersion: 1,
          scheduledFor: null,
          status,
          at: at(minutes),
          idempotencyKey: null,
          recordedBy: by,
        });
      await dose(10, 'taken');
      await dose(2000, 'taken');
      await dose(2100, 'taken');
      await dose(2200, 'skipped');
      expect(await store.countDoses([w.okEarly.id, w.quiet.id], at(1000))).toEqual([
        { patientId: w.okEarly.id, taken: 2, skipped: 1 },
      ]);
      expect(await store.countDoses([], at(0))).toEqual([]);

      const q1 = await store.addQuestion({ patientId: w.quiet.id, appointmentId: null, text: 'a?', createdAt: at(3) });
      await store.addQuestion({ patientId: w.quiet.id, appointmentId: null, text: 'b?', createdAt: at(4) });
      await store.addQuestion({ patientId: w.okEarly.id, appointmentId: null, text: 'c?', createdAt: at(4) });
      await store.updateQuestion(q1.id, { answer: 'yes' });
      const open = await store.countOpenQuestions([w.quiet.id, w.okEarly.id, w.okLate.id]);
      expect(open.sort((a, b) => a.open - b.open)).toEqual(
        [
          { patientId: w.okEarly.id, open: 1 },
          { patientId: w.quiet.id, open: 1 },
        ].sort((a, b) => a.open - b.open || (a.patientId < b.patientId ? -1 : 1)),
      );

      // The three figures in one call: the same counts as each read alone, unread messages only with a reader.
      await store.addMessage({ patientId: w.quiet.id, authorId: by, body: 'Hello?', createdAt: at(5) });
      await store.addMessage({ patientId: w.quiet.id, authorId: w.clinician.id, body: 'Hi', createdAt: at(6) });
      const ids = [w.okEarly.id, w.quiet.id, w.okLate.id, w.okEarly.id];
      const byPatient = <T extends { patientId: string }>(rows: T[]) =>
        [...rows].sort((a, b) => (a.patientId < b.patientId ? -1 : 1));
      const reader = { readerId: w.clinician.id, authorRoles: ['patient', 'caregiver'] as Role[] };
      const figures = await store.countDashboardFigures(ids, at(1000), reader);
      expect(figures.doses).toEqual([{ patientId: w.okEarly.id, taken: 2, skipped: 1 }]);
      expect(byPatient(figures.openQuestions)).toEqual(byPatient(open));
      expect(figures.unreadMessages).toEqual([{ patientId: w.quiet.id, unread: 1 }]);
      expect(figures.unreadMessages).toEqual(await store.countUnreadMessages(reader.readerId, ids, reader.authorRoles));
      expect((await store.countDashboardFigures(ids, at(2150))).doses).toEqual([
        { patientId: w.okEarly.id, taken: 0, skipped: 1 },
      ]);
      expect((await store.countDashboardFigures(ids, at(1000))).unreadMessages).toEqual([]);
      expect((await store.countDashboardFigures(ids, at(1000), { ...reader, authorRoles: [] })).unreadMessages).toEqual(
        [],
      );
      expect(await store.countDashboardFigures([], at(0), reader)).toEqual({
        doses: [],
        openQuestions: [],
        unreadMessages: [],
      });
    });

    it('lists alert details with the check-in and who acted, by organisation, patient and status', async () => {
      const w = await ward();
      const details = await store.listAlertDetails({ orgId: w.org.id, status: ['open', 'acknowledged'] });
      expect(details.map((d) => [d.patientName, d.status])).toEqual([
        ['Emma Emergency', 'acknowledged'],
        ['Cora Contact', 'open'],
      ]);
      expect(details[0]).toMatchObject({
        ...w.alarm,
        status: 'acknowledged',
        acknowledgedBy: w.clinician.id,
        acknowledgedAt: at(2510),
        acknowledgedByName: 'Ana',
        acknowledgeNote: 'On it',
        resolvedByName: null,
        checkIn: { id: w.alarm.checkInId, submittedAt: at(2500), disposition: 'emergency', payload: { text: 'words' } },
      });
      const mine = await store.listAlertDetails({ orgId: w.org.id, patientId: w.resolved.id });
      expect(mine.map((d) => [d.status, d.resolvedByName])).toEqual([['resolved', 'Ana']]);
      expect(await store.listAlertDetails({ orgId: w.org.id, status: [] })).toEqual([]);
      expect(await store.listAlertDetails({ orgId: w.org.id, limit: 1 })).toHaveLength(1);
    });

    it('escalates each overdue open emergency alert once, even when run concurrently', async () => {
      const w = await ward();
      const by = w.patientUser.id;
      const late = (await store.recordCheckIn(checkIn(w.okEarly.id, by, 2990, 'emergency'))).alert!;
      const fresh = (await store.recordCheckIn(checkIn(w.okLate.id, by, 2999, 'emergency'))).alert!;
      // Due: created at or before at(2990). The acknowledged one and the contact-provider one never escalate.
      const runs = await Promise.all(Array.from({ length: 4 }, () => store.escalateAlerts(at(2990), at(3000))));
      const escalated = runs.flat();
      // The other organisation's alert (at 2950) is due too: escalation runs for every organisation.
      expect(escalated.map((a) => a.patientId).sort()).toEqual(
        [
          late.patientId,
          (await store.listAlerts({ status: ['open'] })).find((a) => a.createdAt === at(2950))!.patientId,
        ].sort(),
      );
      expect(escalated.every((a) => a.escalatedAt === at(3000))).toBe(true);
      expect(await store.getAlert(late.id)).toMatchObject({ status: 'open', escalatedAt: at(3000) });
      expect(await store.getAlert(fresh.id)).toMatchObject({ escalatedAt: null });
      expect(await store.getAlert(w.alarm.id)).toMatchObject({ escalatedAt: null });
      expect(await store.escalateAlerts(at(2990), at(3001))).toEqual([]);
      const later = await store.escalateAlerts(at(3000), at(3010));
      expect(later.map((a) => a.id)).toEqual([fresh.id]);
      // Escalation keeps the alert open: a clinician still acknowledges it, and the dashboard counts it.
      const page = await store.listDashboard(query(w.org.id, { need: 'emergency' }));
      // Alerts nobody acknowledged come before acknowledged ones.
      expect(page.entries.map((e) => [e.patient.name, e.alerts.escalated])).toEqual([
        ['Olive Early', 1],
        ['Oscar Late', 1],
        ['Emma Emergency', 0],
      ]);
      const acknowledged = await store.acknowledgeAlert(late.id, w.clinician.id, 'Called', at(3020));
      expect(acknowledged).toMatchObject({ status: 'acknowledged', escalatedAt: at(3000) });
    });

    it('keeps each patient’s last check-in and latest plan up to date by itself, whoever writes', async () => {
      const { org, clinician, patient, patientUser } = await seed(store);
      const by = patientUser.id;
      const page = async () => (await store.listDashboard(query(org.id, { defaultQuietBefore: at(0) }))).entries[0];
      expect(await page()).toMatchObject({ lastCheckInAt: null, planId: null });
      await store.recordCheckIn(checkIn(patient.id, by, 30, 'self-care'));
      // A check-in sent late (queued offline) does not move the last check-in back.
      await store.recordCheckIn(checkIn(patient.id, by, 10, 'self-care'));
      expect(await page()).toMatchObject({ lastCheckInAt: at(30) });
      const enrol = (planId: string, minutes: number) =>
        store.createEnrolment({
          patientId: patient.id,
          planId,
          planVersion: '1',
          returnToWork: null,
          enrolledAt: at(minutes),
          enrolledBy: clinician.id,
        });
      await enrol('first', 5);
      await enrol('second', 50);
      // Stored later but dated earlier: the latest enrolment still wins.
      await enrol('older', 20);
      expect(await page()).toMatchObject({ planId: 'second' });
      expect((await store.getEnrolment(patient.id))?.planId).toBe('second');
      // Transactions roll the kept values back with the check-in.
      await expect(
        store.transaction(async (tx) => {
          await tx.recordCheckIn(checkIn(patient.id, by, 90, 'self-care'));
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await page()).toMatchObject({ lastCheckInAt: at(30) });
    });

    it('reads several users at once', async () => {
      const { clinician, patientUser } = await seed(store);
      const users = await store.getUsers([patientUser.id, clinician.id, crypto.randomUUID(), clinician.id]);
      expect(users.map((u) => u.id).sort()).toEqual([clinician.id, patientUser.id].sort());
      expect(await store.getUsers([])).toEqual([]);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`Store contract (invites) on ${dialect}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(closeTestStores);

    const hash = (label: string) => label.padEnd(64, '0');

    it('keeps an invite by its hashes and finds it by either one', async () => {
      const { clinician, patient } = await seed(store);
      const invite = await store.createInvite({
        patientId: patient.id,
        tokenHash: hash('a1'),
        codeHash: hash('c1'),
        createdBy: clinician.id,
        createdAt: at(0),
        expiresAt: at(60),
      });
      expect(invite).toEqual({
        id: uuid,
        patientId: patient.id,
        tokenHash: hash('a1'),
        codeHash: hash('c1'),
        createdBy: clinician.id,
        createdAt: at(0),
        expiresAt: at(60),
        usedAt: null,
        revokedAt: null,
        role: 'patient',
      });
      expect(await store.findInviteByTokenHash(hash('a1'))).toEqual(invite);
      expect(await store.findInviteByCodeHash(hash('c1'))).toEqual(invite);
      expect(await store.findInviteByTokenHash(hash('c1'))).toBeUndefined();
      expect(await store.findInviteByCodeHash(hash('zz'))).toBeUndefined();
    });

    it('lets an invite be used once, even by callers racing each other', async () => {
      const { clinician, patient } = await seed(store);
      const invite = await store.createInvite({
        patientId: patient.id,
        tokenHash: hash('a2'),
        codeHash: hash('c2'),
        createdBy: clinician.id,
        createdAt: at(0),
        expiresAt: at(60),
      });
      const wins = await Promise.all([1, 2, 3, 4].map((n) => store.markInviteUsed(invite.id, at(n))));
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect((await store.findInviteByTokenHash(hash('a2')))?.usedAt).toMatch(/^2026-11-20T15:0[1-4]/);
      expect(await store.markInviteUsed(invite.id, at(9))).toBe(false);
    });

    it('revokes the unused invites of a patient and refuses to use them', async () => {
      const { clinician, patient } = await seed(store);
      const make = (n: number) =>
        store.createInvite({
          patientId: patient.id,
          tokenHash: hash(`a${String(n)}`),
          codeHash: hash(`c${String(n)}`),
          createdBy: clinician.id,
          createdAt: at(n),
          expiresAt: at(60),
        });
      const used = await make(3);
      await store.markInviteUsed(used.id, at(4));
      const open = await make(5);
      expect(await store.revokeInvitesOf(patient.id, at(6))).toBe(1);
      expect((await store.findInviteByTokenHash(open.tokenHash))?.revokedAt).toBe(at(6));
      expect((await store.findInviteByTokenHash(used.tokenHash))?.revokedAt).toBeNull();
      expect(await store.markInviteUsed(open.id, at(7))).toBe(false);
      expect(await store.revokeInvitesOf(patient.id, at(8))).toBe(0);
    });

    it('refuses a second invite with the same token hash', async () => {
      const { clinician, patient } = await seed(store);
      const invite = {
        patientId: patient.id,
        tokenHash: hash('a9'),
        codeHash: hash('c9'),
        createdBy: clinician.id,
        createdAt: at(0),
        expiresAt: at(60),
      };
      await store.createInvite(invite);
      expect(await errorCode(store.createInvite({ ...invite, codeHash: hash('c10') }))).toBe('CARE_ERR_CONFLICT');
    });
  });
}
