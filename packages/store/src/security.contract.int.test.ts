/** The Store contract for security: sign-in failure counts, audit pages, and erasing a patient, on both dialects. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewUser, Store } from './store.ts';
import { closeTestStores, DIALECTS, openTestStore, rejectionCode, testPatient } from './testing/index.ts';

const T0 = Date.parse('2026-11-20T15:00:00.000Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

function userInput(orgId: string, email: string, role: NewUser['role'], patientId: string | null = null): NewUser {
  return { orgId, email, name: email.split('@')[0] ?? email, role, passwordHash: 'h', language: 'en', patientId };
}

/** A patient with a row in every table that can hold something about them. */
async function fullPatient(store: Store, orgId: string, clinicianId: string, name: string) {
  const patient = await store.createPatient(testPatient(orgId, { name }), at(1));
  const login = await store.createUser(
    userInput(orgId, `${name.toLowerCase()}@example.org`, 'patient', patient.id),
    at(1),
  );
  const carer = await store.createUser(
    userInput(orgId, `${name.toLowerCase()}.carer@example.org`, 'caregiver', patient.id),
    at(1),
  );
  await store.createSession({
    idHash: `s-${name}`,
    userId: login.id,
    createdAt: at(2),
    lastSeenAt: at(2),
    expiresAt: at(600),
  });
  await store.createEnrolment({
    patientId: patient.id,
    planId: 'bone-marrow-harvest',
    planVersion: '1',
    returnToWork: null,
    enrolledAt: at(2),
    enrolledBy: clinicianId,
  });
  const med = await store.addMedication(
    patient.id,
    {
      name: 'Acetaminophen',
      kind: 'over-the-counter',
      amount: '500 mg',
      timing: { type: 'fixed-times', times: ['08:00'] },
      reason: 'pain',
      startDate: '2026-11-19',
      endDate: null,
      planItem: null,
    },
    clinicianId,
    at(3),
  );
  await store.changeMedication(med.id, { amount: '1 g' }, clinicianId, at(4));
  await store.recordDose({
    patientId: patient.id,
    medicationId: med.id,
    medicationVersion: 2,
    scheduledFor: null,
    status: 'taken',
    at: at(5),
    idempotencyKey: null,
    recordedBy: login.id,
  });
  await store.addAllergy(patient.id, 'Latex', 'Rash', at(5));
  const visit = await store.addAppointment({
    patientId: patient.id,
    withWhom: 'hematologist',
    reason: 'wound-check',
    location: null,
    startsAt: at(3000),
    createdBy: clinicianId,
    createdAt: at(5),
  });
  await store.addQuestion({ patientId: patient.id, appointmentId: visit.id, text: 'Shower?', createdAt: at(6) });
  const { alert } = await store.recordCheckIn({
    patientId: patient.id,
    submittedAt: at(7),
    payload: { text: 'bleeding' },
    triage: {},
    disposition: 'emergency',
    idempotencyKey: null,
    recordedBy: login.id,
  });
  if (alert !== null) {
    await store.acknowledgeAlert(alert.id, clinicianId, 'called', at(8));
  }
  await store.addMessage({ patientId: patient.id, authorId: login.id, body: 'Hi', createdAt: at(8) });
  await store.createInvite({
    patientId: patient.id,
    tokenHash: `t-${name}`,
    codeHash: `c-${name}`,
    createdBy: clinicianId,
    createdAt: at(9),
    expiresAt: at(9000),
  });
  await store.appendAudit({
    at: at(10),
    actorId: clinicianId,
    action: 'patient.read',
    patientId: patient.id,
    resourceType: 'patient',
    resourceId: patient.id,
    ip: '127.0.0.1',
  });
  return { patient, login, carer };
}

for (const dialect of DIALECTS) {
  describe(`Store security contract on ${dialect}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(closeTestStores);

    it('counts failed sign-ins per key, together across concurrent callers, forgets old ones, and clears', async () => {
      expect(await store.getLoginFailures('k')).toBeUndefined();
      expect(await store.recordLoginFailure('k', at(0), at(-60))).toEqual({ failures: 1, lastFailureAt: at(0) });
      await Promise.all(Array.from({ length: 9 }, () => store.recordLoginFailure('k', at(1), at(-60))));
      expect(await store.getLoginFailures('k')).toEqual({ failures: 10, lastFailureAt: at(1) });
      expect((await store.recordLoginFailure('other', at(1), at(-60))).failures).toBe(1);
      // A failure long after the last one starts counting again.
      expect((await store.recordLoginFailure('k', at(2000), at(1000))).failures).toBe(1);
      await store.clearLoginFailures('k');
      expect(await store.getLoginFailures('k')).toBeUndefined();
      expect((await store.getLoginFailures('other'))?.failures).toBe(1);
    });

    it('ends the other sessions of a user and keeps the one asked for', async () => {
      const org = await store.createOrganisation('Org', at(0));
      const user = await store.createUser(userInput(org.id, 'a@example.org', 'admin'), at(0));
      for (const id of ['one', 'two', 'three']) {
        await store.createSession({
          idHash: id,
          userId: user.id,
          createdAt: at(0),
          lastSeenAt: at(0),
          expiresAt: at(60),
        });
      }
      await store.deleteOtherSessions(user.id, 'two');
      expect(await store.getSession('one')).toBeUndefined();
      expect(await store.getSession('three')).toBeUndefined();
      expect(await store.getSession('two')).toBeDefined();
    });

    it('pages the audit trail newest first, filtered and scoped to an organisation, with actor names', async () => {
      const org = await store.createOrganisation('Org', at(0));
      const other = await store.createOrganisation('Other', at(0));
      const nurse = await store.createUser(userInput(org.id, 'nurse@example.org', 'clinician'), at(0));
      const stranger = await store.createUser(userInput(other.id, 'x@example.org', 'admin'), at(0));
      const patient = await store.createPatient(testPatient(org.id, { name: 'Pat' }), at(0));
      const event = (minute: number, actorId: string | null, action: string, patientId: string | null) =>
        store.appendAudit({
          at: at(minute),
          actorId,
          action,
          patientId,
          resourceType: 'patient',
          resourceId: null,
          ip: null,
        });
      // Five events in the same minute: the cursor must not skip or repeat any of them.
      for (let i = 0; i < 5; i += 1) {
        await event(1, nurse.id, 'patient.read', patient.id);
      }
      await event(2, nurse.id, 'check-in.create', patient.id);
      await event(3, null, 'invite.accept', patient.id);
      await event(4, stranger.id, 'patient.read', null);
      await event(5, 'gone-actor', 'session.create', null);

      const all = await store.searchAudit({ orgId: org.id, limit: 100 });
      expect(all.entries.map((e) => e.action)).toEqual([
        'invite.accept',
        'check-in.create',
        ...Array<string>(5).fill('patient.read'),
      ]);
      expect(all.entries[1]).toMatchObject({ actorId: nurse.id, actorName: 'nurse', actorRole: 'clinician' });
      expect(all.entries[0]).toMatchObject({ actorId: null, actorName: null, actorRole: null });
      expect(all.nextBefore).toBeNull();

      const seen: string[] = [];
      let before: string | undefined;
      for (let page = 0; page < 10; page += 1) {
        const result = await store.searchAudit({
          orgId: org.id,
          limit: 2,
          ...(before === undefined ? {} : { before }),
        });
        seen.push(...result.entries.map((e) => e.id));
        if (result.nextBefore === null) {
          break;
        }
        before = result.nextBefore;
      }
      expect(seen).toEqual(all.entries.map((e) => e.id));

      expect((await store.searchAudit({ orgId: org.id, action: 'check-in.create' })).entries).toHaveLength(1);
      expect((await store.searchAudit({ orgId: org.id, from: at(2), to: at(3) })).entries).toHaveLength(1);
      expect((await store.searchAudit({ actorId: stranger.id })).entries).toHaveLength(1);
      expect((await store.searchAudit({ orgId: other.id })).entries.map((e) => e.action)).toEqual(['patient.read']);
      expect((await store.searchAudit({ patientId: patient.id })).entries).toHaveLength(7);
      expect(await rejectionCode(store.searchAudit({ before: "x' or 1=1 --" }))).toBe('CARE_ERR_BAD_INPUT');
    });

    it('erases a patient from every table, keeps the audit trail and every other patient', async () => {
      const org = await store.createOrganisation('Org', at(0));
      const nurse = await store.createUser(userInput(org.id, 'nurse@example.org', 'clinician'), at(0));
      const gone = await fullPatient(store, org.id, nurse.id, 'Gone');
      const kept = await fullPatient(store, org.id, nurse.id, 'Kept');

      const report = await store.erasePatient(gone.patient.id);
      expect(report).toMatchObject({
        patients: 1,
        users: 2,
        sessions: 1,
        medications: 1,
        medication_versions: 2,
        dose_events: 1,
        check_ins: 1,
        alerts: 1,
        messages: 1,
        invites: 1,
        enrolments: 1,
        appointments: 1,
        questions: 1,
        allergies: 1,
      });
      expect(report).not.toHaveProperty('audit_events');
      expect(await store.getPatient(gone.patient.id)).toBeUndefined();
      expect(await store.getUser(gone.login.id)).toBeUndefined();
      expect(await store.getUser(gone.carer.id)).toBeUndefined();
      expect(await store.getSession('s-Gone')).toBeUndefined();
      expect(await store.listMedications(gone.patient.id)).toEqual([]);
      expect(await store.listCheckIns(gone.patient.id)).toEqual([]);
      expect(await store.listAudit({ patientId: gone.patient.id })).toHaveLength(1);

      expect(await store.getPatient(kept.patient.id)).toBeDefined();
      expect(await store.getSession('s-Kept')).toBeDefined();
      expect(await store.listMedications(kept.patient.id)).toHaveLength(1);
      expect(await store.listCheckIns(kept.patient.id)).toHaveLength(1);
      expect(await store.getUser(nurse.id)).toBeDefined();

      expect(await rejectionCode(store.erasePatient(gone.patient.id))).toBe('CARE_ERR_NOT_FOUND');
    });
  });
}
