/** Test helpers for reminders: a patient with a login, and a loop that runs the jobs as a fake clock moves on. */
import type { StoredNotification, Store } from '@aftercare/store';
import type { FakeClock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { NotificationChannel } from '../notify/channel.ts';
import { enrolWithLogin, setUpAdmin, type TestApp } from '../testing/test-app.ts';
import { newRunnerState, runDueJobs } from './runner.ts';

export interface ReminderWorld {
  t: TestApp;
  admin: string;
  patientId: string;
  patientCookie: string;
  patientUserId: string;
}

/** Sets up the organisation and enrols a patient with a login and no medicines, in `timeZone`. */
export async function reminderWorld(t: TestApp, timeZone: string): Promise<ReminderWorld> {
  const admin = await setUpAdmin(t.app);
  const { patientId, cookie } = await enrolWithLogin(t.app, admin, 'pat@example.net', {
    timeZone,
    medications: [],
  });
  const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie } });
  return { t, admin, patientId, patientCookie: cookie, patientUserId: me.json<{ user: { id: string } }>().user.id };
}

/**
 * Moves the fake clock from job to job (and planning round to planning round) up to `until`, running the due
 * jobs at each stop as the runner would, so every notification is made at the very instant it is due.
 */
export async function runUntil(
  t: { store: Store; clock: FakeClock; config: Config },
  until: string,
  channels: readonly NotificationChannel[] = [],
): Promise<void> {
  const deps = { store: t.store, clock: t.clock, config: t.config, channels };
  const state = newRunnerState();
  const end = Date.parse(until);
  for (let stops = 0; stops < 10_000; stops += 1) {
    await runDueJobs(deps, undefined, state);
    const [next] = await t.store.listJobs({ status: ['pending'], limit: 1 });
    const now = t.clock.now().getTime();
    const replanAt = now + t.config.reminderReplanMinutes * 60_000;
    const nextAt = Math.min(next === undefined ? Infinity : Date.parse(next.runAt), replanAt);
    if (nextAt > end) {
      t.clock.set(new Date(end));
      await runDueJobs(deps, undefined, state);
      return;
    }
    t.clock.set(new Date(Math.max(nextAt, now)));
  }
  throw new Error('runUntil: too many stops');
}

/** The inbox of one person, oldest first, as (kind, title, createdAt). */
export async function inboxOf(
  store: Store,
  userId: string,
): Promise<Pick<StoredNotification, 'kind' | 'title' | 'createdAt' | 'body'>[]> {
  const rows = await store.listNotifications(userId, { limit: 500 });
  return rows
    .map(({ kind, title, createdAt, body }) => ({ kind, title, createdAt, body }))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}
