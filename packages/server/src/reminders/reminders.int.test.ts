/**
 * Reminders end to end on a fake clock: planned in the patient's zone (across DST both ways and a zone change),
 * repeated until answered, told to the caregiver after an hour, held by quiet hours, never made twice; alerts to the
 * team at once; a failing channel retried without a second inbox row.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { closeTestStores } from '@aftercare/store/testing';
import type { User } from '@aftercare/store';
import { createAccount, type AccountInput } from '../services/accounts.ts';
import { login, makeTestApp, type TestApp } from '../testing/test-app.ts';
import type { NotificationChannel } from '../notify/channel.ts';
import { planPatient } from './planner.ts';
import { runDueJobs } from './runner.ts';
import { inboxOf, reminderWorld, runUntil, type ReminderWorld } from './testing.ts';

let t: TestApp | undefined;

afterEach(async () => {
  await t?.app.close();
  t = undefined;
  await closeTestStores();
});

async function start(clockAt: string, timeZone: string): Promise<ReminderWorld> {
  t = await makeTestApp('sqlite');
  t.clock.set(clockAt);
  return reminderWorld(t, timeZone);
}

/** Sessions end after 30 idle minutes: after the clock moved on, sign the patient in again. */
function signInAgain(w: ReminderWorld): Promise<string> {
  return login(w.t.app, 'pat@example.net', 'patient password one');
}

const CAREGIVER = { name: 'Gail Giver', email: 'gail@example.net', password: 'a long enough passphrase' };

/** Gail, who looks after the patient: missed doses are told to her. */
async function addCaregiver(w: ReminderWorld, language?: AccountInput['language']): Promise<User> {
  const orgId = (await w.t.store.getPatient(w.patientId))?.orgId ?? '';
  const input: AccountInput = { ...CAREGIVER, orgId, role: 'caregiver', patientId: w.patientId, language };
  return createAccount(w.t.store, input, w.t.clock.now());
}

async function addMedicine(w: ReminderWorld, times: string[], startDate: string): Promise<string> {
  const response = await w.t.app.inject({
    method: 'POST',
    url: `/api/v1/patients/${w.patientId}/medications`,
    headers: { cookie: w.admin },
    payload: {
      name: 'Cefalexin',
      kind: 'prescription',
      amount: '500 mg',
      timing: { type: 'fixed-times', times },
      reason: 'Infection',
      startDate,
      endDate: null,
      planItem: null,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ medication: { id: string } }>().medication.id;
}

/** The instants of the first reminder of each dose. */
async function firstDoseReminders(w: ReminderWorld): Promise<string[]> {
  return (await inboxOf(w.t.store, w.patientUserId))
    .filter((n) => n.kind === 'dose' && n.title === 'Time for your medicine')
    .map((n) => n.createdAt);
}

describe('reminders on a fake clock', () => {
  it('fires 08:00 and 20:00 doses at local time across spring-forward (New York, 2026-03-08)', async () => {
    const w = await start('2026-03-07T06:00:00.000Z', 'America/New_York');
    await addMedicine(w, ['08:00', '20:00'], '2026-03-01');
    await runUntil(w.t, '2026-03-09T14:00:00.000Z');
    expect(await firstDoseReminders(w)).toEqual([
      '2026-03-07T13:00:00.000Z', // 08:00 EST
      '2026-03-08T01:00:00.000Z', // 20:00 EST
      '2026-03-08T12:00:00.000Z', // 08:00 EDT: the clocks went forward at 02:00
      '2026-03-09T00:00:00.000Z', // 20:00 EDT
      '2026-03-09T12:00:00.000Z',
    ]);
  });

  it('fires doses at local time across fall-back (New York, 2026-11-01)', async () => {
    const w = await start('2026-10-31T06:00:00.000Z', 'America/New_York');
    await addMedicine(w, ['08:00', '20:00'], '2026-10-20');
    await runUntil(w.t, '2026-11-02T14:00:00.000Z');
    expect(await firstDoseReminders(w)).toEqual([
      '2026-10-31T12:00:00.000Z', // 08:00 EDT
      '2026-11-01T00:00:00.000Z', // 20:00 EDT
      '2026-11-01T13:00:00.000Z', // 08:00 EST: the clocks went back at 02:00
      '2026-11-02T01:00:00.000Z', // 20:00 EST
      '2026-11-02T13:00:00.000Z',
    ]);
  });

  it('follows the patient to a new time zone: the old times are cancelled, the new ones planned', async () => {
    const w = await start('2026-11-25T06:00:00.000Z', 'America/New_York');
    await addMedicine(w, ['08:00'], '2026-11-20');
    await runUntil(w.t, '2026-11-25T14:00:00.000Z');
    expect(await firstDoseReminders(w)).toEqual(['2026-11-25T13:00:00.000Z']);
    // The patient flies to Madrid (changed through the store: the runner notices the new zone by itself).
    await w.t.store.updatePatient(w.patientId, { timeZone: 'Europe/Madrid' });
    await runUntil(w.t, '2026-11-27T09:00:00.000Z');
    expect(await firstDoseReminders(w)).toEqual([
      '2026-11-25T13:00:00.000Z',
      '2026-11-26T07:00:00.000Z', // 08:00 in Madrid
      '2026-11-27T07:00:00.000Z',
    ]);
    const stale = await w.t.store.listJobs({ patientId: w.patientId, kind: 'dose', status: ['cancelled'] });
    expect(stale.map((j) => j.runAt)).toContain('2026-11-26T13:00:00.000Z');
  });

  it('re-plans at once when the patient changes time zone in the app', async () => {
    const w = await start('2026-11-25T06:00:00.000Z', 'America/New_York');
    await addMedicine(w, ['08:00'], '2026-11-20');
    const pending = async () =>
      (await w.t.store.listJobs({ patientId: w.patientId, kind: 'dose', status: ['pending'] })).map((j) => j.runAt);
    expect(await pending()).toEqual(['2026-11-25T13:00:00.000Z', '2026-11-26T13:00:00.000Z']);
    const moved = await w.t.app.inject({
      method: 'PATCH',
      url: `/api/v1/patients/${w.patientId}/preferences`,
      headers: { cookie: w.patientCookie },
      payload: { timeZone: 'Asia/Tokyo' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    // 08:00 in Tokyo is 23:00Z the day before; no runner pass was needed.
    expect(await pending()).toEqual(['2026-11-25T23:00:00.000Z', '2026-11-26T23:00:00.000Z']);
  });

  it('repeats an unanswered dose every 10 minutes 3 times, then tells each caregiver after an hour', async () => {
    const w = await start('2026-11-25T12:00:00.000Z', 'America/Chicago');
    const caregiver = await addCaregiver(w, 'es');
    await addMedicine(w, ['09:00'], '2026-11-20');
    await runUntil(w.t, '2026-11-25T16:30:00.000Z');
    const inbox = await inboxOf(w.t.store, w.patientUserId);
    expect(inbox.filter((n) => n.kind === 'dose').map((n) => [n.createdAt, n.title])).toEqual([
      ['2026-11-25T15:00:00.000Z', 'Time for your medicine'],
      ['2026-11-25T15:10:00.000Z', 'Did you take your medicine?'],
      ['2026-11-25T15:20:00.000Z', 'Did you take your medicine?'],
      ['2026-11-25T15:30:00.000Z', 'Did you take your medicine?'],
    ]);
    const told = await inboxOf(w.t.store, caregiver.id);
    expect(told).toEqual([
      {
        kind: 'dose',
        title: 'Hora de una medicina',
        body: 'Es hora de que la persona que cuidas tome Cefalexin (500 mg).',
        createdAt: '2026-11-25T15:00:00.000Z',
      },
      {
        kind: 'caregiver-dose-unanswered',
        title: 'Una dosis sin respuesta',
        body: 'Una dosis de las 09:00 no dice si se tomó o no. Por favor, revisa.',
        createdAt: '2026-11-25T16:00:00.000Z',
      },
    ]);
  });

  it('stops repeating once the dose is marked taken, and then the caregiver hears nothing more', async () => {
    const w = await start('2026-11-25T12:00:00.000Z', 'America/Chicago');
    await addCaregiver(w);
    const medicationId = await addMedicine(w, ['09:00'], '2026-11-20');
    await runUntil(w.t, '2026-11-25T15:12:00.000Z');
    const taken = await w.t.app.inject({
      method: 'POST',
      url: `/api/v1/patients/${w.patientId}/doses`,
      headers: { cookie: await signInAgain(w) },
      payload: { medicationId, status: 'taken', scheduledFor: '2026-11-25T09:00:00-06:00' },
    });
    expect(taken.statusCode, taken.body).toBe(201);
    await runUntil(w.t, '2026-11-25T17:00:00.000Z');
    const doses = (await inboxOf(w.t.store, w.patientUserId)).filter((n) => n.kind === 'dose');
    expect(doses.map((n) => n.createdAt)).toEqual(['2026-11-25T15:00:00.000Z', '2026-11-25T15:10:00.000Z']);
    const gail = await w.t.store.getUserByEmail('gail@example.net');
    expect((await inboxOf(w.t.store, gail?.id ?? '')).map((n) => [n.kind, n.createdAt])).toEqual([
      ['dose', '2026-11-25T15:00:00.000Z'],
    ]);
  });

  it('holds patient reminders until quiet hours end, but tells the team of an alert at once', async () => {
    const w = await start('2026-11-25T15:00:00.000Z', 'America/Chicago');
    const medicationId = await addMedicine(w, ['06:00'], '2026-11-20');
    const settings = await w.t.app.inject({
      method: 'PUT',
      url: `/api/v1/patients/${w.patientId}/reminder-settings`,
      headers: { cookie: w.patientCookie },
      payload: {
        checkInTime: '06:30',
        visitReminders: { dayBefore: true, hoursBefore: 2 },
        doseRepeat: { everyMinutes: 10, times: 0 },
      },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    await runUntil(w.t, '2026-11-26T05:00:00.000Z'); // 23:00 in Chicago
    const emergency = await w.t.app.inject({
      method: 'POST',
      url: `/api/v1/patients/${w.patientId}/check-ins`,
      headers: { cookie: await signInAgain(w) },
      payload: { text: 'Blood is soaking through my bandage' },
    });
    expect(emergency.json<{ alert: unknown }>().alert).not.toBeNull();
    await runUntil(w.t, '2026-11-26T15:00:00.000Z');
    const inbox = await inboxOf(w.t.store, w.patientUserId);
    // The 06:00 dose and the 06:30 check-in both wait for the end of quiet hours, 08:00 (14:00Z).
    expect(inbox.map((n) => [n.kind, n.createdAt]).sort()).toEqual([
      ['check-in', '2026-11-26T14:00:00.000Z'],
      ['dose', '2026-11-26T14:00:00.000Z'],
    ]);
    const admin = await w.t.store.getUserByEmail('ada@example.org');
    expect((await inboxOf(w.t.store, admin?.id ?? '')).map((n) => [n.kind, n.title, n.createdAt])).toEqual([
      ['alert', 'New emergency alert', '2026-11-26T05:00:00.000Z'],
    ]);
    expect(medicationId).toBeTruthy();
  });

  it('reminds of a visit the evening before and two hours before, and plans nothing twice', async () => {
    const w = await start('2026-11-25T12:00:00.000Z', 'America/Chicago');
    const visit = await w.t.app.inject({
      method: 'POST',
      url: `/api/v1/patients/${w.patientId}/appointments`,
      headers: { cookie: w.admin },
      payload: { withWhom: 'hematologist', reason: 'wound-check', startsAt: '2026-11-26T16:30:00.000Z' },
    });
    expect(visit.statusCode, visit.body).toBe(201);
    await planPatient(w.t, w.patientId);
    const before = await w.t.store.listJobs({ patientId: w.patientId });
    await planPatient(w.t, w.patientId);
    await planPatient(w.t, w.patientId);
    expect(await w.t.store.listJobs({ patientId: w.patientId })).toEqual(before);
    await runUntil(w.t, '2026-11-26T17:00:00.000Z');
    const inbox = await inboxOf(w.t.store, w.patientUserId);
    expect(inbox.filter((n) => n.kind === 'visit').map((n) => [n.createdAt, n.body])).toEqual([
      ['2026-11-26T00:00:00.000Z', 'Your visit is at 10:30 tomorrow. Write down your questions.'],
      ['2026-11-26T14:30:00.000Z', 'Your visit starts at 10:30. Bring your list of medicines.'],
    ]);
    // Running the same instant again adds nothing.
    await runDueJobs({ store: w.t.store, clock: w.t.clock, config: w.t.config });
    expect(await inboxOf(w.t.store, w.patientUserId)).toEqual(inbox);
  });

  it('skips the check-in reminder on a day the patient already checked in, and stops after a closed follow-up', async () => {
    const w = await start('2026-11-25T15:00:00.000Z', 'America/Chicago');
    await w.t.app.inject({
      method: 'POST',
      url: `/api/v1/patients/${w.patientId}/check-ins`,
      headers: { cookie: w.patientCookie },
      payload: { text: 'I feel fine today' },
    });
    await runUntil(w.t, '2026-11-26T01:00:00.000Z');
    expect(await inboxOf(w.t.store, w.patientUserId)).toEqual([]);
    await w.t.store.setFollowUp(w.patientId, {
      closedAt: w.t.clock.now().toISOString(),
      closedBy: null,
      reason: 'recovered',
      note: null,
    });
    await planPatient(w.t, w.patientId);
    await runUntil(w.t, '2026-11-27T01:00:00.000Z');
    expect(await inboxOf(w.t.store, w.patientUserId)).toEqual([]);
  });

  it('retries a failing channel with backoff and never stores a second inbox row', async () => {
    const w = await start('2026-11-25T12:00:00.000Z', 'America/Chicago');
    let calls = 0;
    const delivered: string[] = [];
    const flaky: NotificationChannel = {
      name: 'flaky',
      deliver: (notification) => {
        calls += 1;
        if (calls <= 2) {
          return Promise.reject(Object.assign(new Error('push service down'), { code: 'ECONNRESET' }));
        }
        delivered.push(notification.id);
        return Promise.resolve('sent');
      },
    };
    await addMedicine(w, ['09:00'], '2026-11-20');
    await runUntil(w.t, '2026-11-25T15:05:00.000Z', [flaky]);
    const inbox = await w.t.store.listNotifications(w.patientUserId);
    expect(inbox).toHaveLength(1);
    expect(calls).toBe(3); // at 15:00, 15:00:30, 15:01:30
    expect(delivered).toEqual([inbox[0]?.id]);
    const [deliver] = await w.t.store.listJobs({ kind: 'deliver' });
    expect(deliver).toMatchObject({ status: 'done', attempts: 3, lastError: 'Error ECONNRESET' });
  });
});

describe('the inbox and reminder settings over HTTP', () => {
  it('lists, counts and marks only the caller’s own notifications', async () => {
    const w = await start('2026-11-25T12:00:00.000Z', 'America/Chicago');
    await addMedicine(w, ['09:00'], '2026-11-20');
    await runUntil(w.t, '2026-11-25T15:15:00.000Z');
    w.patientCookie = await signInAgain(w);
    w.admin = await login(w.t.app, 'ada@example.org', 'correct horse battery');
    const get = () =>
      w.t.app.inject({ url: '/api/v1/me/notifications?limit=10', headers: { cookie: w.patientCookie } });
    const listed = (await get()).json<{ notifications: { id: string; readAt: string | null }[]; unread: number }>();
    expect(listed.unread).toBe(2);
    const [newest, oldest] = listed.notifications;
    const read = await w.t.app.inject({
      method: 'POST',
      url: `/api/v1/me/notifications/${oldest?.id ?? ''}/read`,
      headers: { cookie: w.patientCookie },
    });
    expect(read.statusCode).toBe(204);
    expect((await get()).json<{ unread: number }>().unread).toBe(1);
    // Someone else's notification is not found for the admin.
    const foreign = await w.t.app.inject({
      method: 'POST',
      url: `/api/v1/me/notifications/${newest?.id ?? ''}/read`,
      headers: { cookie: w.admin },
    });
    expect(foreign.statusCode).toBe(404);
    const all = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/me/notifications/read-all',
      headers: { cookie: w.patientCookie },
    });
    expect(all.statusCode).toBe(204);
    expect((await get()).json<{ unread: number }>().unread).toBe(0);
    const audit = await w.t.store.listAudit({ patientId: w.patientId });
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['notification.list', 'notification.read', 'notification.read-all']),
    );
    const older = await w.t.app.inject({
      url: `/api/v1/me/notifications?before=${encodeURIComponent(newest?.readAt ?? '2026-11-25T15:05:00Z')}`,
      headers: { cookie: w.patientCookie },
    });
    expect(older.statusCode).toBe(200);
  });

  it('gives the defaults, validates changes with a clear message, and re-plans at once', async () => {
    const w = await start('2026-11-25T12:00:00.000Z', 'America/Chicago');
    const url = `/api/v1/patients/${w.patientId}/reminder-settings`;
    const got = await w.t.app.inject({ url, headers: { cookie: w.patientCookie } });
    expect(got.json()).toEqual({
      settings: {
        checkInTime: '18:00',
        visitReminders: { dayBefore: true, hoursBefore: 2 },
        doseRepeat: { everyMinutes: 10, times: 3 },
      },
    });
    const bad = await w.t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: w.patientCookie },
      payload: { ...got.json<{ settings: object }>().settings, checkInTime: '25:00' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Use a time like 18:00');
    const checkIns = async () =>
      (await w.t.store.listJobs({ patientId: w.patientId, kind: 'check-in', status: ['pending'] })).map((j) => j.runAt);
    const put = await w.t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: w.patientCookie },
      payload: {
        checkInTime: '19:15',
        visitReminders: { dayBefore: false, hoursBefore: 0 },
        doseRepeat: { everyMinutes: 15, times: 1 },
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await checkIns())[0]).toBe('2026-11-26T01:15:00.000Z');
    await addCaregiver(w);
    const caregiverCookie = await login(w.t.app, CAREGIVER.email, CAREGIVER.password);
    expect((await w.t.app.inject({ url, headers: { cookie: caregiverCookie } })).statusCode).toBe(200);
    expect(
      (
        await w.t.app.inject({
          method: 'PUT',
          url,
          headers: { cookie: caregiverCookie },
          payload: put.json<{ settings: object }>().settings,
        })
      ).statusCode,
    ).toBe(403);
  });
});
