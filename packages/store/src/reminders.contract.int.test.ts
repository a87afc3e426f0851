/** Store contract for reminders (jobs, inbox, reminder settings): the same cases on SQLite and PostgreSQL. */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewJob, NewNotification } from './reminders.ts';
import type { MedicationInput, Store } from './store.ts';
import { closeTestStores, DIALECTS, openTestStore, testPatient } from './testing/index.ts';

const T0 = Date.parse('2026-11-20T15:00:00.000Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

async function seed(store: Store) {
  const org = await store.createOrganisation('Northside Hematology', at(0));
  const patient = await store.createPatient(testPatient(org.id, { name: 'Renée Núñez', language: 'es' }), at(0));
  const user = (role: 'patient' | 'caregiver' | 'clinician' | 'admin', email: string) =>
    store.createUser(
      {
        orgId: org.id,
        email,
        name: email,
        role,
        passwordHash: '$argon2id$fake',
        language: 'en',
        patientId: role === 'patient' || role === 'caregiver' ? patient.id : null,
      },
      at(0),
    );
  return {
    org,
    patient,
    patientUser: await user('patient', 'renee@example.org'),
    caregiver: await user('caregiver', 'carer@example.org'),
    clinician: await user('clinician', 'cleo@example.org'),
  };
}

function job(key: string, runAt: string, patientId: string | null = null, planned = false): NewJob {
  return { kind: 'check-in', dedupeKey: key, payload: { key }, runAt, patientId, planned };
}

function note(recipientId: string, jobId: string | null, patientId: string | null = null): NewNotification {
  return {
    id: randomUUID(),
    recipientId,
    patientId,
    kind: 'check-in',
    title: 'Time for your check-in',
    body: 'Tell us how you feel.',
    link: '#/check-in',
    createdAt: at(10),
    jobId,
  };
}

/** The prescription the reminder tests give their patient: one dose a day at 08:00. */
const CEFALEXIN: MedicationInput = {
  name: 'Cefalexin',
  kind: 'prescription',
  amount: '500 mg',
  timing: { type: 'fixed-times', times: ['08:00'] },
  reason: 'Infection',
  startDate: '2026-11-19',
  endDate: null,
  planItem: null,
};
for (const dialect of DIALECTS) {
  describe(`reminder rows on ${dialect}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(closeTestStores);

    it('adds a job once per dedupe key', async () => {
      expect(await store.enqueueJobs([job('a', at(5)), job('b', at(6))], at(0))).toBe(2);
      expect(await store.enqueueJobs([job('a', at(7)), job('c', at(8))], at(0))).toBe(1);
      const jobs = await store.listJobs({});
      expect(jobs.map((j) => [j.dedupeKey, j.runAt, j.status, j.attempts])).toEqual([
        ['a', at(5), 'pending', 0],
        ['b', at(6), 'pending', 0],
        ['c', at(8), 'pending', 0],
      ]);
      expect(jobs[0]?.payload).toEqual({ key: 'a' });
    });

    it('leases due jobs only, once, and gives a job back when its lease runs out', async () => {
      await store.enqueueJobs([job('due', at(5)), job('later', at(30))], at(0));
      const first = await store.claimJobs('one', at(10), at(11), 10);
      expect(first.map((j) => [j.dedupeKey, j.leaseOwner, j.attempts])).toEqual([['due', 'one', 1]]);
      expect(await store.claimJobs('two', at(10), at(12), 10)).toEqual([]);
      // "one" died: after its lease the job is due again, and its late completion stores nothing.
      const second = await store.claimJobs('two', at(11.5), at(13), 10);
      expect(second.map((j) => [j.dedupeKey, j.leaseOwner, j.attempts])).toEqual([['due', 'two', 2]]);
      const { patientUser } = await seed(store);
      const id = second[0]?.id ?? '';
      expect(await store.completeJob(id, 'one', { notifications: [note(patientUser.id, id)], jobs: [] }, at(12))).toBe(
        null,
      );
      expect(await store.listNotifications(patientUser.id)).toEqual([]);
      const stored = await store.completeJob(
        id,
        'two',
        { notifications: [note(patientUser.id, id)], jobs: [job('follow-up', at(40))] },
        at(12),
      );
      expect(stored).toHaveLength(1);
      expect((await store.getJob(id))?.status).toBe('done');
      expect((await store.listJobs({ status: ['pending'] })).map((j) => j.dedupeKey)).toEqual(['later', 'follow-up']);
      // Done is done: nobody completes it again.
      expect(await store.completeJob(id, 'two', { notifications: [], jobs: [] }, at(13))).toBe(null);
    });

    it('keeps one inbox row per job and recipient', async () => {
      const { patientUser } = await seed(store);
      await store.enqueueJobs([job('x', at(1))], at(0));
      const [claimed] = await store.claimJobs('me', at(2), at(3), 1);
      const id = claimed?.id ?? '';
      const twice = [note(patientUser.id, id), note(patientUser.id, id)];
      expect(await store.completeJob(id, 'me', { notifications: twice, jobs: [] }, at(2))).toHaveLength(1);
      expect(await store.listNotifications(patientUser.id)).toHaveLength(1);
    });

    it('retries a failed job later and fails it for good when told', async () => {
      await store.enqueueJobs([job('flaky', at(1))], at(0));
      const [claimed] = await store.claimJobs('me', at(2), at(3), 1);
      const id = claimed?.id ?? '';
      expect(await store.releaseJob(id, 'other', { runAt: at(20), error: 'x', final: false }, at(2))).toBe(false);
      expect(await store.releaseJob(id, 'me', { runAt: at(20), error: 'Error 503', final: false }, at(2))).toBe(true);
      expect(await store.claimJobs('me', at(10), at(11), 1)).toEqual([]);
      const [again] = await store.claimJobs('me', at(20), at(21), 1);
      expect(again).toMatchObject({ attempts: 2, lastError: 'Error 503' });
      expect(await store.releaseJob(id, 'me', { runAt: at(40), error: 'Error 503', final: true }, at(20))).toBe(true);
      expect(await store.getJob(id)).toMatchObject({ status: 'failed', finishedAt: at(20) });
      expect(await store.claimJobs('me', at(50), at(51), 1)).toEqual([]);
    });

    it('re-plans a patient: adds, moves, cancels and revives planned jobs, and leaves held ones alone', async () => {
      const { patient } = await seed(store);
      const planned = (key: string, runAt: string) => job(key, runAt, patient.id, true);
      expect(await store.patientsToPlan(at(0), 10)).toEqual([{ patientId: patient.id, timeZone: 'America/Chicago' }]);
      await store.replanJobs(
        patient.id,
        [planned('a', at(10)), planned('b', at(20)), planned('c', at(30))],
        at(0),
        'America/Chicago',
      );
      expect(await store.patientsToPlan(at(0), 10)).toEqual([]);
      // A runner holds "a" right now; "b" is no longer wanted; "c" moves; "d" is new.
      await store.claimJobs('runner', at(10), at(40), 10);
      const result = await store.replanJobs(
        patient.id,
        [planned('a', at(12)), planned('c', at(35)), planned('d', at(50))],
        at(5),
        'America/Chicago',
      );
      expect(result.cancelled).toBe(1);
      const byKey = new Map((await store.listJobs({ patientId: patient.id })).map((j) => [j.dedupeKey, j]));
      expect(byKey.get('a')).toMatchObject({ status: 'pending', runAt: at(10), leaseOwner: 'runner' });
      expect(byKey.get('b')).toMatchObject({ status: 'cancelled' });
      expect(byKey.get('c')).toMatchObject({ status: 'pending', runAt: at(35) });
      expect(byKey.get('d')).toMatchObject({ status: 'pending', runAt: at(50), planned: true });
      // Wanted again: revived.
      await store.replanJobs(
        patient.id,
        [planned('b', at(25)), planned('c', at(35)), planned('d', at(50))],
        at(6),
        'America/Chicago',
      );
      const pending = await store.listJobs({ patientId: patient.id, status: ['pending'] });
      expect(pending.map((j) => [j.dedupeKey, j.runAt])).toEqual([
        ['a', at(10)],
        ['b', at(25)],
        ['c', at(35)],
        ['d', at(50)],
      ]);
      // A new zone, or an old plan, asks for planning again.
      await store.updatePatient(patient.id, { timeZone: 'Europe/Madrid' });
      expect(await store.patientsToPlan(at(0), 10)).toEqual([{ patientId: patient.id, timeZone: 'Europe/Madrid' }]);
      await store.replanJobs(patient.id, [], at(7), 'Europe/Madrid');
      expect(await store.patientsToPlan(at(7), 10)).toEqual([]);
      expect(await store.patientsToPlan(at(8), 10)).toHaveLength(1);
      // Planning nothing cancels every waiting planned job still to come (held "a" stays).
      expect((await store.listJobs({ patientId: patient.id, status: ['pending'] })).map((j) => j.dedupeKey)).toEqual([
        'a',
      ]);
    });

    it('keeps each person their own inbox, with unread counts and read marks', async () => {
      const { patientUser, caregiver, patient } = await seed(store);
      await store.enqueueJobs([job('j', at(1))], at(0));
      const [claimed] = await store.claimJobs('me', at(2), at(3), 1);
      const id = claimed?.id ?? '';
      const mine = note(patientUser.id, id, patient.id);
      const theirs = note(caregiver.id, id, patient.id);
      await store.completeJob(id, 'me', { notifications: [mine, theirs], jobs: [] }, at(2));
      expect(await store.countUnreadNotifications(patientUser.id)).toBe(1);
      expect(await store.markNotificationRead(theirs.id, patientUser.id, at(3))).toBe(false);
      expect(await store.markNotificationRead(mine.id, patientUser.id, at(3))).toBe(true);
      expect(await store.markNotificationRead(mine.id, patientUser.id, at(4))).toBe(true);
      expect((await store.getNotification(mine.id))?.readAt).toBe(at(3));
      expect(await store.countUnreadNotifications(patientUser.id)).toBe(0);
      expect(await store.countUnreadNotifications(caregiver.id)).toBe(1);
      expect(await store.markAllNotificationsRead(caregiver.id, at(5))).toBe(1);
      expect(await store.markAllNotificationsRead(caregiver.id, at(6))).toBe(0);
      expect(await store.listNotifications(patientUser.id, { before: at(10) })).toEqual([]);
      expect((await store.listNotifications(patientUser.id, { limit: 5 })).map((n) => n.id)).toEqual([mine.id]);
    });

    it('keeps reminder settings per patient', async () => {
      const { patient } = await seed(store);
      expect(await store.getReminderSettings(patient.id)).toBeUndefined();
      const settings = {
        checkInTime: '19:30',
        visitReminders: { dayBefore: false, hoursBefore: 3 },
        doseRepeat: { everyMinutes: 15, times: 2 },
      };
      expect(await store.putReminderSettings(patient.id, settings, at(1))).toEqual(settings);
      const changed = { ...settings, visitReminders: { dayBefore: true, hoursBefore: 0 } };
      await store.putReminderSettings(patient.id, changed, at(2));
      expect(await store.getReminderSettings(patient.id)).toEqual(changed);
    });

    it('finds recipients by patient or organisation and role, and alerts the team was not told of', async () => {
      const { org, patient, patientUser, caregiver, clinician } = await seed(store);
      expect((await store.listRecipients({ patientId: patient.id, roles: ['caregiver'] })).map((u) => u.id)).toEqual([
        caregiver.id,
      ]);
      expect((await store.listRecipients({ orgId: org.id, roles: ['admin', 'clinician'] })).map((u) => u.id)).toEqual([
        clinician.id,
      ]);
      await store.setUserDisabled(clinician.id, at(1));
      expect(await store.listRecipients({ orgId: org.id, roles: ['clinician'] })).toEqual([]);
      expect(await store.listRecipients({ roles: ['patient'] })).toEqual([]);

      const { alert } = await store.recordCheckIn({
        patientId: patient.id,
        submittedAt: at(5),
        payload: {},
        triage: {},
        disposition: 'emergency',
        idempotencyKey: null,
        recordedBy: patientUser.id,
      });
      const alertId = alert?.id ?? '';
      expect(await store.alertsToNotify(at(6))).toEqual([]);
      expect(await store.alertsToNotify(at(0))).toEqual([
        { alertId, patientId: patient.id, orgId: org.id, level: 'emergency', kind: 'alert', at: at(5) },
      ]);
      await store.enqueueJobs([{ ...job(`alert:${alertId}`, at(5)), kind: 'alert' }], at(5));
      expect(await store.alertsToNotify(at(0))).toEqual([]);
      await store.escalateAlerts(at(5), at(20));
      expect(await store.alertsToNotify(at(0))).toMatchObject([{ alertId, kind: 'alert-escalated', at: at(20) }]);
    });

    it('tells whether a dose answers a scheduled time, whatever the version', async () => {
      const { patient, patientUser } = await seed(store);
      const medicine = await store.addMedication(patient.id, CEFALEXIN, patientUser.id, at(0));
      const scheduledFor = '2026-11-21T14:00:00.000Z';
      expect(await store.hasDoseAnswer(patient.id, medicine.id, scheduledFor)).toBe(false);
      await store.recordDose({
        patientId: patient.id,
        medicationId: medicine.id,
        medicationVersion: 1,
        scheduledFor: '2026-11-21T08:00:00-06:00',
        status: 'skipped',
        at: at(5),
        idempotencyKey: null,
        recordedBy: patientUser.id,
      });
      expect(await store.hasDoseAnswer(patient.id, medicine.id, scheduledFor)).toBe(true);
    });

    it('completes a batch of jobs in one commit, storing nothing for a job whose lease was lost', async () => {
      const { patientUser, caregiver, patient } = await seed(store);
      await store.enqueueJobs([job('a', at(1)), job('b', at(1)), job('c', at(1))], at(0));
      const [a, b] = await store.claimJobs('one', at(2), at(10), 2);
      // "c" was held on a short lease that ran out: another runner took it.
      const [c] = await store.claimJobs('one', at(2), at(3), 1);
      expect((await store.claimJobs('two', at(3.5), at(5), 10)).map((j) => j.id)).toEqual([c?.id]);
      const output = (id: string, key: string) => ({
        notifications: [note(patientUser.id, id, patient.id), note(caregiver.id, id, patient.id)],
        jobs: [job(`${key}-repeat`, at(20))],
      });
      const stored = await store.completeJobs(
        'one',
        [a, b, c].map((j) => ({ id: j?.id ?? '', output: output(j?.id ?? '', j?.dedupeKey ?? '') })),
        at(4),
      );
      expect(stored.map((s) => s?.length ?? null)).toEqual([2, 2, null]);
      expect(stored[0]?.map((n) => n.jobId)).toEqual([a?.id, a?.id]);
      expect((await store.listJobs({})).map((j) => [j.dedupeKey, j.status])).toEqual([
        ['a', 'done'],
        ['b', 'done'],
        ['c', 'pending'],
        ['a-repeat', 'pending'],
        ['b-repeat', 'pending'],
      ]);
      expect(await store.countUnreadNotifications(patientUser.id)).toBe(2);
      // Completing again stores nothing twice.
      expect(await store.completeJobs('one', [{ id: a?.id ?? '', output: output(a?.id ?? '', 'a') }], at(5))).toEqual([
        null,
      ]);
      expect(await store.countUnreadNotifications(caregiver.id)).toBe(2);
    });

    it('reads what a batch of reminders needs in one call', async () => {
      const { patient, patientUser, caregiver, clinician, org } = await seed(store);
      const medicine = await store.addMedication(patient.id, CEFALEXIN, patientUser.id, at(0));
      await store.changeMedication(medicine.id, { amount: '250 mg' }, patientUser.id, at(1));
      await store.recordDose({
        patientId: patient.id,
        medicationId: medicine.id,
        medicationVersion: 2,
        scheduledFor: '2026-11-21T08:00:00-06:00',
        status: 'taken',
        at: at(5),
        idempotencyKey: null,
        recordedBy: patientUser.id,
      });
      const { alert } = await store.recordCheckIn({
        patientId: patient.id,
        submittedAt: at(6),
        payload: {},
        triage: {},
        disposition: 'emergency',
        idempotencyKey: null,
        recordedBy: patientUser.id,
      });
      const facts = await store.reminderFacts({
        patientIds: [patient.id, 'no-such-patient'],
        medicationIds: [medicine.id],
        doses: [
          { patientId: patient.id, medicationId: medicine.id, scheduledFor: '2026-11-21T14:00:00Z' },
          { patientId: patient.id, medicationId: medicine.id, scheduledFor: '2026-11-22T14:00:00.000Z' },
        ],
        appointmentIds: [],
        latestCheckInOf: [patient.id],
        alertIds: [alert?.id ?? ''],
      });
      const known = facts.patients.get(patient.id);
      expect(known?.patient.id).toBe(patient.id);
      expect(known?.closedAt).toBeNull();
      expect(known?.settings).toBeUndefined();
      // Both made at the same instant: ordered by id, as listRecipients orders them.
      expect(known?.accounts.map((u) => u.id)).toEqual([patientUser.id, caregiver.id].sort());
      expect(facts.patients.has('no-such-patient')).toBe(false);
      expect(facts.medicationVersions.get(medicine.id)?.map((v) => [v.version, v.amount, v.patientId])).toEqual([
        [1, '500 mg', patient.id],
        [2, '250 mg', patient.id],
      ]);
      expect(facts.answeredDoses).toEqual([
        { patientId: patient.id, medicationId: medicine.id, scheduledFor: '2026-11-21T14:00:00.000Z' },
      ]);
      expect(facts.latestCheckIns.get(patient.id)).toBe(at(6));
      expect(facts.alerts.get(alert?.id ?? '')).toMatchObject({ orgId: org.id, alert: { level: 'emergency' } });
      expect(facts.teams.get(org.id)?.map((u) => u.id)).toEqual([clinician.id]);
    });

    it('reads latest check-in times of patients inside and outside the batch of patients', async () => {
      const { org, patient, patientUser } = await seed(store);
      const other = await store.createPatient(testPatient(org.id, { name: 'Otto Quiet' }), at(0));
      const silent = await store.createPatient(testPatient(org.id, { name: 'Sam Silent' }), at(0));
      const checkIn = (patientId: string, submittedAt: string) =>
        store.recordCheckIn({
          patientId,
          submittedAt,
          payload: {},
          triage: {},
          disposition: 'self-care',
          idempotencyKey: null,
          recordedBy: patientUser.id,
        });
      await checkIn(patient.id, at(6));
      await checkIn(other.id, at(7));
      const facts = await store.reminderFacts({
        patientIds: [patient.id, silent.id],
        medicationIds: [],
        doses: [],
        appointmentIds: [],
        latestCheckInOf: [patient.id, other.id, silent.id],
        alertIds: [],
      });
      expect([...facts.patients.keys()].sort()).toEqual([patient.id, silent.id].sort());
      expect(
        Object.fromEntries([...facts.latestCheckIns].map(([id, time]) => [id === patient.id ? 'read' : 'other', time])),
      ).toEqual({ read: at(6), other: at(7) });
      // Only what was asked: a patient read for the batch does not add their time unasked.
      const onlyPatients = await store.reminderFacts({
        patientIds: [patient.id],
        medicationIds: [],
        doses: [],
        appointmentIds: [],
        latestCheckInOf: [],
        alertIds: [],
      });
      expect(onlyPatients.latestCheckIns.size).toBe(0);
    });

    it('never leases one job to two callers at once', async () => {
      const keys = Array.from({ length: 60 }, (_, i) => `k${String(i).padStart(2, '0')}`);
      await store.enqueueJobs(
        keys.map((key) => job(key, at(1))),
        at(0),
      );
      const batches = await Promise.all(
        Array.from({ length: 6 }, (_, i) => store.claimJobs(`runner-${String(i)}`, at(2), at(3), 7)),
      );
      const claimed = batches.flat().map((j) => j.dedupeKey);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.length).toBe(42);
    });
  });
}
