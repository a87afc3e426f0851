/**
 * The restart test: a real `aftercare start` with hundreds of due notifications is killed with SIGKILL in the middle
 * of its work and started again; in the end every notification is in the inbox exactly once.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@aftercare/store';
import { closeTestStores, createTestDatabase, testPatient } from '@aftercare/store/testing';
import { startServerProcess, type ServerProcess } from '../testing/server-process.ts';

const ALERTS = 480;
const BIN = fileURLToPath(new URL('../../bin/aftercare.js', import.meta.url));
const ENV = { AFTERCARE_JOB_POLL_MS: '50', AFTERCARE_JOB_LEASE_SECONDS: '5' };

let server: ServerProcess | undefined;
let store: Store | undefined;

afterEach(async () => {
  await server?.kill('SIGKILL');
  server = undefined;
  await store?.close();
  store = undefined;
  await closeTestStores();
});

async function seed(db: Store): Promise<string[]> {
  const now = new Date().toISOString();
  const org = await db.createOrganisation('Restart Centre', now);
  const members: string[] = [];
  for (const email of ['one@example.org', 'two@example.org']) {
    const user = await db.createUser(
      {
        orgId: org.id,
        email,
        name: email,
        role: 'clinician',
        passwordHash: '$argon2id$fake',
        language: 'en',
        patientId: null,
      },
      now,
    );
    members.push(user.id);
  }
  const patient = await db.createPatient(testPatient(org.id), now);
  // "Call today" alerts (emergencies would also be escalated, which would add notices as time passes).
  const submittedAt = new Date(Date.now() - 60_000).toISOString();
  await db.transaction(async (tx) => {
    for (let i = 0; i < ALERTS; i += 1) {
      await tx.recordCheckIn({
        patientId: patient.id,
        submittedAt,
        payload: {},
        triage: {},
        disposition: 'contact-provider',
        idempotencyKey: `restart-${String(i)}`,
        recordedBy: members[0] ?? '',
      });
    }
  });
  return members;
}

async function inboxCounts(db: Store, members: string[]): Promise<number[]> {
  return Promise.all(members.map((id) => db.countUnreadNotifications(id)));
}

async function waitFor(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}: ${server?.output() ?? ''}`);
}

describe('aftercare start, killed and started again', () => {
  it('puts every due notification in the inbox exactly once', async () => {
    const target = await createTestDatabase('sqlite');
    store = await openStore(target);
    await store.migrate();
    const members = await seed(store);
    const db = store;

    // Started by hand (not waiting for HTTP to answer), so the kill comes while the runner is busy.
    const { DATABASE_URL: _url, AFTERCARE_DB: _db, NODE_ENV: _env, ...rest } = process.env;
    const child = spawn(process.execPath, [BIN, 'start', '--db', 'file' in target ? target.file : ''], {
      env: { ...rest, ...ENV, LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1' },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await waitFor(async () => (await inboxCounts(db, members)).some((n) => n > 0), 30_000, 'the first notifications');
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    const atKill = await inboxCounts(db, members);
    // Killed in the middle: some notices were stored, not all.
    expect(atKill.reduce((a, b) => a + b, 0)).toBeLessThan(ALERTS * members.length);

    server = await startServerProcess(target, ENV);
    await waitFor(
      async () => (await db.listJobs({ kind: 'alert', status: ['pending'] })).length === 0,
      60_000,
      'every alert job to finish',
    );
    // A little longer: nothing more may come.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.kill('SIGTERM');
    server = undefined;

    expect(await inboxCounts(db, members)).toEqual([ALERTS, ALERTS]);
    for (const member of members) {
      const inbox = await db.listNotifications(member, { limit: 500 });
      expect(new Set(inbox.map((n) => n.jobId)).size).toBe(ALERTS);
    }
    const jobs = await db.listJobs({ kind: 'alert', limit: 10_000 });
    expect(jobs).toHaveLength(ALERTS);
    expect(jobs.every((job) => job.status === 'done')).toBe(true);
  }, 120_000);
});
