/**
 * Scale-out on PostgreSQL: two runners on two store connections (as two processes would have) run the same due jobs
 * at the same time; every notification is stored once and handed to the channel once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@aftercare/store';
import { closeTestStores, createTestDatabase, testPatient } from '@aftercare/store/testing';
import { FakeClock } from '../clock.ts';
import { defaultConfig } from '../config.ts';
import type { NotificationChannel } from '../notify/channel.ts';
import { newRunnerState, runDueJobs } from './runner.ts';

const stores: Store[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) {
    await store.close();
  }
  await closeTestStores();
});

const AT = '2026-11-25T15:00:00.000Z';

/** An organisation with `members` team members and `alerts` fresh alerts of one patient. */
async function seed(store: Store, members: number, alerts: number): Promise<void> {
  const org = await store.createOrganisation('Scale-out Centre', AT);
  for (let i = 0; i < members; i += 1) {
    await store.createUser(
      {
        orgId: org.id,
        email: `member${String(i)}@example.org`,
        name: `Member ${String(i)}`,
        role: 'clinician',
        passwordHash: '$argon2id$fake',
        language: i % 2 === 0 ? 'en' : 'es',
        patientId: null,
      },
      AT,
    );
  }
  const patient = await store.createPatient(testPatient(org.id), AT);
  const [someone] = await store.listUsers(org.id);
  for (let i = 0; i < alerts; i += 1) {
    await store.recordCheckIn({
      patientId: patient.id,
      submittedAt: AT,
      payload: {},
      triage: {},
      disposition: 'contact-provider',
      idempotencyKey: `k${String(i)}`,
      recordedBy: someone?.id ?? '',
    });
  }
}

describe('two job runners on one PostgreSQL', () => {
  it('deliver every notification exactly once when they run at the same time', async () => {
    const target = await createTestDatabase('postgres');
    const first = await openStore(target);
    stores.push(first);
    await first.migrate();
    const second = await openStore(target);
    stores.push(second);
    await seed(first, 3, 40);

    const delivered: string[] = [];
    const channel = (name: string): NotificationChannel => ({
      name: 'counting',
      deliver: async (notification) => {
        // A little wait, so the two runners really interleave.
        await new Promise((resolve) => setTimeout(resolve, 2));
        delivered.push(`${notification.id} by ${name}`);
        return 'sent';
      },
    });
    const clock = new FakeClock(AT);
    const config = { ...defaultConfig, jobLeaseSeconds: 300 };
    const ran = await Promise.all([
      runDueJobs({ store: first, clock, config, channels: [channel('one')] }, undefined, newRunnerState()),
      runDueJobs({ store: second, clock, config, channels: [channel('two')] }, undefined, newRunnerState()),
    ]);

    // Every team member has each alert once in their inbox.
    const [patientId] = (await first.listJobs({ kind: 'alert', limit: 1 })).map((job) => job.patientId);
    const patient = await first.getPatient(patientId ?? '');
    const team = await first.listRecipients({ orgId: patient?.orgId ?? '', roles: ['clinician'] });
    expect(team).toHaveLength(3);
    for (const member of team) {
      const inbox = await first.listNotifications(member.id, { limit: 500 });
      expect(inbox).toHaveLength(40);
      expect(new Set(inbox.map((n) => n.jobId)).size).toBe(40);
    }

    const alertJobs = await first.listJobs({ kind: 'alert' });
    expect(alertJobs).toHaveLength(40);
    expect(alertJobs.every((job) => job.status === 'done' && job.attempts === 1)).toBe(true);
    const deliverJobs = await first.listJobs({ kind: 'deliver', limit: 10_000 });
    expect(deliverJobs).toHaveLength(120);
    expect(deliverJobs.every((job) => job.status === 'done' && job.attempts === 1)).toBe(true);
    // Both runners did part of the work, and nothing was handed over twice.
    expect(ran[0] + ran[1]).toBe(160);
    expect(ran[0]).toBeGreaterThan(0);
    expect(ran[1]).toBeGreaterThan(0);
    const ids = delivered.map((line) => line.split(' ')[0]);
    expect(new Set(ids).size).toBe(120);
    expect(ids).toHaveLength(120);
  }, 60_000);
});
