/**
 * Scale-out: two `aftercare start` processes on one PostgreSQL share the work. A check-in sent to one raises an alert
 * the care team sees live on the other; a retried submission that lands on the other process is stored once; a
 * reminder due while both run their job runners reaches the patient once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { closeTestStores, createTestDatabase } from '@aftercare/store/testing';
import { startServerProcess } from '../testing/server-process.ts';
import { call, enrolOnePatient } from './live-server.ts';

afterAll(closeTestStores);

/** A fixed-offset zone where it is now about midday, so the patient's quiet hours never hold the reminder back. */
function middayZone(now: Date): string {
  const offset = Math.max(-12, Math.min(14, 12 - now.getUTCHours()));
  // POSIX-style names: Etc/GMT-5 is five hours AHEAD of UTC.
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${String(Math.abs(offset))}`;
}

/** Collects the event names of a team member's live stream until stopped. */
async function listen(url: string, cookie: string): Promise<{ events: string[]; stop: () => void }> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { cookie }, signal: controller.signal });
  const events: string[] = [];
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (chunk === undefined || chunk.done) {
          return;
        }
        for (const match of decoder.decode(chunk.value).matchAll(/^event: (\S+)$/gm)) {
          events.push(match[1] ?? '');
        }
      }
    } catch {
      // Aborted when the test is done.
    }
  })();
  return {
    events,
    stop: () => {
      controller.abort();
    },
  };
}

describe('two server processes on one PostgreSQL', () => {
  it('share check-ins, alerts and live events', async () => {
    const database = await createTestDatabase('postgres');
    const fastJobs = { AFTERCARE_JOB_POLL_MS: '300' };
    const a = await startServerProcess(database, fastJobs);
    const b = await startServerProcess(database, fastJobs);
    try {
      const { team, patient, patientId } = await enrolOnePatient(a.baseUrl, middayZone(new Date()));
      const live = await listen(`${b.baseUrl}/api/v1/events`, team);

      // Sent to A: the team watching B sees the alert arrive.
      const key = randomUUID();
      const body = { text: 'my chest hurts and I cannot breathe', idempotencyKey: key };
      const sent = await call(a.baseUrl, `/api/v1/patients/${patientId}/check-ins`, patient, body);
      expect(sent.status).toBe(201);
      await expect.poll(() => live.events, { timeout: 10_000 }).toContain('alert.created');
      live.stop();

      // The same submission retried against B (a flaky network, another process behind the balancer): stored once.
      const retried = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          call(i % 2 === 0 ? a.baseUrl : b.baseUrl, `/api/v1/patients/${patientId}/check-ins`, patient, body),
        ),
      );
      expect(retried.map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 200));
      const alerts = (await (await call(b.baseUrl, '/api/v1/alerts', team)).json()) as { alerts: { id: string }[] };
      expect(alerts.alerts).toHaveLength(1);

      // Acknowledged on B, seen acknowledged on A.
      const alertId = alerts.alerts[0]?.id ?? '';
      const ack = await call(b.baseUrl, `/api/v1/alerts/${alertId}/acknowledge`, team, { note: 'Called the patient.' });
      expect(ack.status).toBe(200);
      const fromA = (await (await call(a.baseUrl, '/api/v1/alerts', team)).json()) as { alerts: { status: string }[] };
      expect(fromA.alerts[0]?.status).toBe('acknowledged');

      // A visit in two hours and ten seconds: its "in two hours" reminder is due in ten seconds, with both runners on.
      const startsAt = new Date(Date.now() + 2 * 3600_000 + 10_000).toISOString();
      const visit = await call(a.baseUrl, `/api/v1/patients/${patientId}/appointments`, team, {
        withWhom: 'hematologist',
        reason: 'Blood tests',
        startsAt,
      });
      expect(visit.status).toBe(201);
      const visitReminders = async (): Promise<number> => {
        const inbox = (await (await call(b.baseUrl, '/api/v1/me/notifications', patient)).json()) as {
          notifications: { kind: string }[];
        };
        return inbox.notifications.filter((n) => n.kind === 'visit').length;
      };
      await expect.poll(visitReminders, { timeout: 40_000, interval: 500 }).toBe(1);
      // Both runners have had many turns since: still once.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(await visitReminders()).toBe(1);
    } finally {
      await Promise.all([a.kill('SIGTERM'), b.kill('SIGTERM')]);
    }
  }, 120_000);
});
