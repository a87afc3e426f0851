import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeTestStores, DIALECTS } from '@aftercare/store/testing';
import { boneMarrowHarvestPlan } from '@aftercare/plans';
import { enrolWithLogin, login, makeTestApp, PATIENT_INPUT, setUpAdmin, type TestApp } from '../../testing/test-app.ts';

afterEach(async () => {
  await closeTestStores();
});

for (const dialect of DIALECTS) {
  describe(`patient records on ${dialect}`, () => {
    let t: TestApp;
    let admin: string;
    beforeEach(async () => {
      t = await makeTestApp(dialect);
      admin = await setUpAdmin(t.app);
    });
    afterEach(async () => {
      await t.app.close();
    });

    it('enrols with the plan medicines prefilled and counts the day in the patient zone', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/patients',
        headers: { cookie: admin },
        payload: PATIENT_INPUT,
      });
      expect(response.statusCode).toBe(201);
      const { patient } = response.json<{ patient: { id: string } }>();
      // 15:00Z on 25 Nov is 09:00 in Chicago: the procedure on the 19th makes this day 6.
      const read = await t.app.inject({ url: `/api/v1/patients/${patient.id}`, headers: { cookie: admin } });
      expect(read.json()).toMatchObject({ day: 6, enrolment: { planId: 'bone-marrow-harvest' } });
      const meds = (
        await t.app.inject({ url: `/api/v1/patients/${patient.id}/medications`, headers: { cookie: admin } })
      ).json<{
        medications: { planItem: string | null }[];
      }>();
      // Templates the patient must ask about first (vitamins) wait for the team to add them.
      expect(meds.medications.map((m) => m.planItem).sort()).toEqual(
        boneMarrowHarvestPlan.medicines.templates
          .filter((m) => !m.askFirst)
          .map((m) => m.id)
          .sort(),
      );
      const list = (await t.app.inject({ url: '/api/v1/patients', headers: { cookie: admin } })).json<{
        patients: { id: string; day: number }[];
      }>();
      expect(list.patients).toMatchObject([
        { id: patient.id, day: 6, openAlerts: { emergency: 0, contactProvider: 0 }, lastCheckInAt: null },
      ]);
    });

    it('lists each patient with the time of their latest check-in', async () => {
      const first = await enrolWithLogin(t.app, admin, 'list1@example.org');
      const second = await enrolWithLogin(t.app, admin, 'list2@example.org');
      const sent = await t.app.inject({
        method: 'POST',
        url: `/api/v1/patients/${first.patientId}/check-ins`,
        headers: { cookie: first.cookie },
        payload: { text: 'hip a bit sore, otherwise fine' },
      });
      expect(sent.statusCode).toBe(201);
      const { checkIn } = sent.json<{ checkIn: { submittedAt: string } }>();
      const list = (await t.app.inject({ url: '/api/v1/patients', headers: { cookie: admin } })).json<{
        patients: { id: string; lastCheckInAt: string | null }[];
      }>();
      expect(new Map(list.patients.map((p) => [p.id, p.lastCheckInAt]))).toEqual(
        new Map([
          [first.patientId, checkIn.submittedAt],
          [second.patientId, null],
        ]),
      );
    });

    it('lets a patient reach only their own record', async () => {
      const own = await enrolWithLogin(t.app, admin, 'pat1@example.org');
      const other = await enrolWithLogin(t.app, admin, 'pat2@example.org');
      const paths = ['', '/medications', '/doses', '/appointments', '/questions', '/check-ins', '/messages'];
      for (const path of paths) {
        expect(
          (await t.app.inject({ url: `/api/v1/patients/${own.patientId}${path}`, headers: { cookie: own.cookie } }))
            .statusCode,
          path,
        ).toBe(200);
        expect(
          (await t.app.inject({ url: `/api/v1/patients/${other.patientId}${path}`, headers: { cookie: own.cookie } }))
            .statusCode,
          path,
        ).toBe(404);
        expect((await t.app.inject({ url: `/api/v1/patients/${own.patientId}${path}` })).statusCode, path).toBe(401);
        expect(
          (await t.app.inject({ url: `/api/v1/patients/${own.patientId}${path}`, headers: { cookie: admin } }))
            .statusCode,
          path,
        ).toBe(200);
      }
      expect((await t.app.inject({ url: '/api/v1/patients', headers: { cookie: own.cookie } })).statusCode).toBe(403);
      expect((await t.app.inject({ url: '/api/v1/alerts', headers: { cookie: own.cookie } })).statusCode).toBe(403);
      expect((await t.app.inject({ url: '/api/v1/patients/not-a-uuid', headers: { cookie: admin } })).statusCode).toBe(
        404,
      );
      const posted = await t.app.inject({
        method: 'POST',
        url: `/api/v1/patients/${other.patientId}/messages`,
        headers: { cookie: own.cookie },
        payload: { body: 'hello' },
      });
      expect(posted.statusCode).toBe(404);
    });

    it('hides patients of another organisation (404), even from its admin', async () => {
      const mine = await enrolWithLogin(t.app, admin, 'pat1@example.org');
      // A second organisation, made below the API (setup only makes the first one).
      const org = await t.store.createOrganisation('Other Centre', t.clock.now().toISOString());
      const { hashPassword } = await import('../../auth/passwords.ts');
      await t.store.createUser(
        {
          orgId: org.id,
          email: 'eve@example.org',
          name: 'Eve',
          role: 'admin',
          passwordHash: await hashPassword('other admin password'),
          language: 'en',
          patientId: null,
        },
        t.clock.now().toISOString(),
      );
      const eve = await login(t.app, 'eve@example.org', 'other admin password');
      expect(
        (await t.app.inject({ url: `/api/v1/patients/${mine.patientId}`, headers: { cookie: eve } })).statusCode,
      ).toBe(404);
      expect(
        (await t.app.inject({ url: `/api/v1/patients/${mine.patientId}/medications`, headers: { cookie: eve } }))
          .statusCode,
      ).toBe(404);
      expect(
        (await t.app.inject({ url: '/api/v1/patients', headers: { cookie: eve } })).json<{ patients: unknown[] }>()
          .patients,
      ).toEqual([]);
    });

    it('audits each read and write of patient data', async () => {
      const pat = await enrolWithLogin(t.app, admin, 'pat1@example.org');
      await t.app.inject({ url: `/api/v1/patients/${pat.patientId}`, headers: { cookie: pat.cookie } });
      const added = await t.app.inject({
        method: 'POST',
        url: `/api/v1/patients/${pat.patientId}/questions`,
        headers: { cookie: pat.cookie },
        payload: { text: 'When can I go back to work?' },
      });
      expect(added.statusCode).toBe(201);
      await t.app.inject({ url: `/api/v1/patients/${pat.patientId}`, headers: { cookie: admin } });
      const events = await t.store.listAudit({ patientId: pat.patientId });
      const actions = events.map((e) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining(['patient.create', 'patient.read', 'question.create', 'session.create']),
      );
      const created = events.find((e) => e.action === 'question.create');
      expect(created).toMatchObject({
        resourceType: 'question',
        resourceId: added.json<{ question: { id: string } }>().question.id,
        ip: '127.0.0.1',
      });
      const patientUserId = (await t.app.inject({ url: '/api/v1/me', headers: { cookie: pat.cookie } })).json<{
        user: { id: string };
      }>().user.id;
      expect(created?.actorId).toBe(patientUserId);
      // A refused read writes nothing about the patient.
      const before = (await t.store.listAudit({ patientId: pat.patientId })).length;
      await t.app.inject({ url: `/api/v1/patients/${pat.patientId}` });
      expect((await t.store.listAudit({ patientId: pat.patientId })).length).toBe(before);
    });

    it('keeps medicine versions, doses, visits, questions and messages', async () => {
      const pat = await enrolWithLogin(t.app, admin, 'pat1@example.org');
      const base = `/api/v1/patients/${pat.patientId}`;
      const { medications } = (
        await t.app.inject({ url: `${base}/medications`, headers: { cookie: pat.cookie } })
      ).json<{
        medications: { id: string; version: number; planItem: string }[];
      }>();
      const pain = medications.find((m) => m.planItem === 'pain-relief')!;
      const changed = await t.app.inject({
        method: 'PATCH',
        url: `${base}/medications/${pain.id}`,
        headers: { cookie: admin },
        payload: { amount: '1 tablet' },
      });
      expect(changed.json()).toMatchObject({
        medication: { id: pain.id, version: pain.version + 1, amount: '1 tablet' },
      });
      const dose = await t.app.inject({
        method: 'POST',
        url: `${base}/doses`,
        headers: { cookie: pat.cookie },
        payload: { medicationId: pain.id, status: 'taken', idempotencyKey: 'dose-1' },
      });
      expect(dose.statusCode).toBe(201);
      expect(dose.json()).toMatchObject({ dose: { medicationVersion: pain.version + 1, status: 'taken' } });
      const replay = await t.app.inject({
        method: 'POST',
        url: `${base}/doses`,
        headers: { cookie: pat.cookie },
        payload: { medicationId: pain.id, status: 'taken', idempotencyKey: 'dose-1' },
      });
      expect(replay.json<{ dose: { id: string } }>().dose.id).toBe(dose.json<{ dose: { id: string } }>().dose.id);
      const stopped = await t.app.inject({
        method: 'POST',
        url: `${base}/medications/${pain.id}/stop`,
        headers: { cookie: admin },
      });
      expect(stopped.statusCode).toBe(200);
      expect(stopped.json<{ medication: { stoppedAt: string | null } }>().medication.stoppedAt).not.toBeNull();

      const visit = await t.app.inject({
        method: 'POST',
        url: `${base}/appointments`,
        headers: { cookie: admin, 'content-type': 'application/json' },
        payload: { withWhom: 'primary-care', reason: 'wound-check', startsAt: '2026-11-26T16:00:00Z' },
      });
      expect(visit.statusCode).toBe(201);
      const appointmentId = visit.json<{ appointment: { id: string } }>().appointment.id;
      const question = await t.app.inject({
        method: 'POST',
        url: `${base}/questions`,
        headers: { cookie: pat.cookie },
        payload: { text: 'Can I shower?', appointmentId },
      });
      const qid = question.json<{ question: { id: string } }>().question.id;
      const answered = await t.app.inject({
        method: 'PATCH',
        url: `${base}/questions/${qid}`,
        headers: { cookie: pat.cookie },
        payload: { asked: true, answer: 'Yes, after two days.' },
      });
      expect(answered.json()).toMatchObject({
        question: { askedAt: t.clock.now().toISOString(), answer: 'Yes, after two days.' },
      });
      const message = await t.app.inject({
        method: 'POST',
        url: `${base}/messages`,
        headers: { cookie: admin },
        payload: { body: 'How is the pain today?' },
      });
      expect(message.statusCode).toBe(201);
      const allergy = await t.app.inject({
        method: 'POST',
        url: `${base}/allergies`,
        headers: { cookie: pat.cookie },
        payload: { substance: 'Penicillin', reaction: 'Rash' },
      });
      expect(allergy.statusCode).toBe(201);
      const badDose = await t.app.inject({
        method: 'POST',
        url: `${base}/doses`,
        headers: { cookie: pat.cookie },
        payload: { medicationId: appointmentId, status: 'taken' },
      });
      expect(badDose.statusCode).toBe(404);
    });
  });
}
