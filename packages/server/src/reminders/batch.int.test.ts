/**
 * Batches of inbox jobs: when a batch's single commit fails, its jobs are completed one by one, so nothing is lost
 * or stored twice, and a job whose own commit keeps failing is given back to retry later without holding the rest.
 * Deliveries to a slow channel run several at once, each still exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '@aftercare/store';
import { closeTestStores, openTestStore, testPatient } from '@aftercare/store/testing';
import { FakeClock } from '../clock.ts';
import { defaultConfig } from '../config.ts';
import type { NotificationChannel } from '../notify/channel.ts';
import { newJob } from './job-kinds.ts';
import { runDueJobs } from './runner.ts';

const AT = '2026-11-25T15:00:00.000Z';

afterEach(closeTestStores);

/** `patients` patients with a login each, and a check-in reminder due now for each of them. */
async function seed(store: Store, patients: number): Promise<{ userIds: string[] }> {
  const org = await store.createOrganisation('Batch Centre', AT);
  const userIds: string[] = [];
  const jobs = [];
  for (let i = 0; i < patients; i += 1) {
    const patient = await store.createPatient(testPatient(org.id), AT);
    const user = await store.createUser(
      {
        orgId: org.id,
        email: `patient${String(i)}@example.org`,
        name: `Patient ${String(i)}`,
        role: 'patient',
        passwordHash: '$argon2id$fake',
        language: 'en',
        patientId: patient.id,
      },
      AT,
    );
    userIds.push(user.id);
    jobs.push(newJob({ kind: 'check-in', payload: { localDate: '2026-11-25' } }, patient.id, new Date(AT)));
  }
  await store.enqueueJobs(jobs, AT);
  return { userIds };
}

/** The store, with its batch commit failing, and one job's own commit failing too when named. */
function failingCommits(store: Store, failing: { jobId?: string }): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'completeJobs') {
        return () => Promise.reject(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' }));
      }
      if (key === 'completeJob') {
        return (id: string, ...rest: Parameters<Store['completeJob']> extends [string, ...infer R] ? R : never) =>
          id === failing.jobId
            ? Promise.reject(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' }))
            : target.completeJob(id, ...rest);
      }
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('a batch of inbox jobs whose commit fails', () => {
  it('is completed job by job: every reminder stored once', async () => {
    const store = await openTestStore('sqlite');
    const { userIds } = await seed(store, 25);
    const clock = new FakeClock(AT);
    const ran = await runDueJobs({ store: failingCommits(store, {}), clock, config: defaultConfig });
    expect(ran).toBe(25);
    for (const userId of userIds) {
      expect(await store.countUnreadNotifications(userId)).toBe(1);
    }
    const jobs = await store.listJobs({ kind: 'check-in', limit: 10_000 });
    expect(jobs.filter((job) => job.runAt === AT).every((job) => job.status === 'done')).toBe(true);
  });

  it('gives back a job whose own commit fails, with backoff, and stores the others', async () => {
    const store = await openTestStore('sqlite');
    const { userIds } = await seed(store, 12);
    const [bad] = await store.listJobs({ kind: 'check-in', status: ['pending'], limit: 1 });
    const clock = new FakeClock(AT);
    await runDueJobs({ store: failingCommits(store, { jobId: bad?.id }), clock, config: defaultConfig });
    const unread = await Promise.all(userIds.map((id) => store.countUnreadNotifications(id)));
    expect(unread.filter((n) => n === 1)).toHaveLength(11);
    expect(unread.filter((n) => n === 0)).toHaveLength(1);
    expect(await store.getJob(bad?.id ?? '')).toMatchObject({
      status: 'pending',
      attempts: 1,
      leaseOwner: null,
      lastError: 'Error SQLITE_IOERR',
      runAt: '2026-11-25T15:00:30.000Z',
    });
    // Taken again after the backoff, with the commit working again: stored once.
    clock.set('2026-11-25T15:00:30.000Z');
    await runDueJobs({ store, clock, config: defaultConfig });
    const after = await Promise.all(userIds.map((id) => store.countUnreadNotifications(id)));
    expect(after.every((n) => n === 1)).toBe(true);
    expect((await store.getJob(bad?.id ?? ''))?.status).toBe('done');
  });
});

/** A channel that answers after `ms` of real time and remembers what it was handed and how many calls overlapped. */
function slowChannel(ms: number): NotificationChannel & { delivered: string[]; mostAtOnce: number } {
  let inFlight = 0;
  const channel = {
    name: 'slow-push',
    delivered: [] as string[],
    mostAtOnce: 0,
    deliver: async (notification: { id: string }) => {
      inFlight += 1;
      channel.mostAtOnce = Math.max(channel.mostAtOnce, inFlight);
      await new Promise((resolve) => setTimeout(resolve, ms));
      inFlight -= 1;
      channel.delivered.push(notification.id);
      return 'sent' as const;
    },
  };
  return channel;
}

describe('deliveries to a slow channel', () => {
  it('run several at once, each notification handed over exactly once', async () => {
    const store = await openTestStore('sqlite');
    const { userIds } = await seed(store, 30);
    const push = slowChannel(40);
    const clock = new FakeClock(AT);
    // One pass: the reminders (inbox batch), then the deliveries they queued, due at once.
    const ran = await runDueJobs({ store, clock, config: defaultConfig, channels: [push] });
    expect(ran).toBe(60);
    const inbox = await Promise.all(userIds.map((id) => store.listNotifications(id)));
    const notificationIds = inbox.flat().map((notification) => notification.id);
    expect(notificationIds).toHaveLength(30);
    expect([...push.delivered].sort()).toEqual([...notificationIds].sort());
    // More than the two lease-and-run loops would reach one at a time each.
    expect(push.mostAtOnce).toBeGreaterThan(2);
    const deliveries = await store.listJobs({ kind: 'deliver', limit: 100 });
    expect(deliveries.map((job) => job.status)).toEqual(Array.from({ length: 30 }, () => 'done'));
  });
});
