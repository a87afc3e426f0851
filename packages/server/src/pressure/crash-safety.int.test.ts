/**
 * Crash safety: check-ins sent at load to a real `aftercare start`, killed with SIGKILL at random moments and started
 * again on the same database. Every check-in the server acknowledged must be there afterwards, intact, with its alert,
 * and stored once however often it is replayed. CRASH_CYCLES sets the cycles per database (50 in the full run).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { closeTestStores, createTestDatabase, DIALECTS } from '@aftercare/store/testing';
import { startServerProcess, type ServerProcess } from '../testing/server-process.ts';
import { call, enrolOnePatient } from './live-server.ts';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 3);
const IN_FLIGHT = 8;

const TEXTS = [
  { text: 'I cannot catch my breath and my chest hurts', disposition: 'emergency' },
  { text: 'my temperature is 38.6 tonight', disposition: 'contact-provider' },
  { text: 'hip is a bit sore, walked to the shop', disposition: 'self-care' },
  { text: 'la venda está empapada de sangre', disposition: 'emergency' },
] as const;

interface Sent {
  key: string;
  text: string;
  checkInId: string;
  disposition: string;
}

/** Sends check-ins, IN_FLIGHT at a time, until the server dies; returns the ones it acknowledged. */
async function sendUntilDead(base: string, cookie: string, patientId: string): Promise<Sent[]> {
  const acknowledged: Sent[] = [];
  let alive = true;
  const worker = async (): Promise<void> => {
    while (alive) {
      const pick = TEXTS[Math.floor(Math.random() * TEXTS.length)] ?? TEXTS[0];
      const key = randomUUID();
      try {
        const response = await call(base, `/api/v1/patients/${patientId}/check-ins`, cookie, {
          text: pick.text,
          language: pick.text.startsWith('la ') ? 'es' : 'en',
          idempotencyKey: key,
        });
        if (response.status === 201) {
          const body = (await response.json()) as { checkIn: { id: string }; triage: { disposition: string } };
          acknowledged.push({ key, text: pick.text, checkInId: body.checkIn.id, disposition: body.triage.disposition });
        }
      } catch {
        // The connection died with the server: this one was never acknowledged.
        alive = false;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return acknowledged;
}

interface StoredCheckIn {
  id: string;
  submittedAt: string;
  idempotencyKey: string | null;
  payload: { text: string };
  disposition: string;
}

/** Small enough that the everyday run (60 to 120 check-ins on a busy machine) reads several pages too. */
const PAGE = 25;

/**
 * Every check-in of the patient, a page at a time (the long run stores thousands), each page from the cursor the one
 * before gave. Each one must come exactly once: a check-in listed twice is as wrong as one missing.
 */
async function allCheckIns(base: string, cookie: string, patientId: string): Promise<StoredCheckIn[]> {
  const listed: StoredCheckIn[] = [];
  let cursor: string | null = null;
  do {
    const from: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const url = `/api/v1/patients/${patientId}/check-ins?limit=${String(PAGE)}${from}`;
    const page = (await (await call(base, url, cookie)).json()) as {
      checkIns: StoredCheckIn[];
      nextCursor: string | null;
    };
    listed.push(...page.checkIns);
    cursor = page.nextCursor;
  } while (cursor !== null);
  expect(new Set(listed.map((c) => c.id)).size, 'no check-in on two pages').toBe(listed.length);
  return listed;
}

async function verify(base: string, cookies: { team: string; patient: string }, patientId: string, sent: Sent[]) {
  const checkIns = { checkIns: await allCheckIns(base, cookies.team, patientId) };
  const alerts = (await (await call(base, '/api/v1/alerts', cookies.team)).json()) as {
    alerts: { checkInId: string; level: string }[];
  };
  const stored = new Map(checkIns.checkIns.map((c) => [c.id, c]));
  const alertOf = new Map(alerts.alerts.map((a) => [a.checkInId, a]));
  for (const s of sent) {
    const c = stored.get(s.checkInId);
    expect(c, `acknowledged check-in ${s.checkInId} is stored`).toBeDefined();
    expect(c?.payload.text).toBe(s.text);
    expect(c?.idempotencyKey).toBe(s.key);
    expect(c?.disposition).toBe(s.disposition);
  }
  // Nothing half-written: every stored check-in that needs the team has exactly its alert, acknowledged or not.
  for (const c of checkIns.checkIns) {
    expect(alertOf.get(c.id)?.level, `alert of ${c.id}`).toBe(
      c.disposition === 'self-care' ? undefined : c.disposition,
    );
  }
  // One row per key: replays neither doubled nor lost anything.
  const keys = checkIns.checkIns.map((c) => c.idempotencyKey);
  expect(new Set(keys).size).toBe(keys.length);
  return checkIns.checkIns.length;
}

afterAll(closeTestStores);

describe.each(DIALECTS)('crash safety on %s', (dialect) => {
  it(
    `keeps every acknowledged check-in through ${String(CYCLES)} SIGKILLs, once each`,
    async () => {
      const database = await createTestDatabase(dialect);
      let server: ServerProcess = await startServerProcess(database);
      const cookies = await enrolOnePatient(server.baseUrl);
      const sent: Sent[] = [];
      try {
        for (let cycle = 0; cycle < CYCLES; cycle++) {
          const sending = sendUntilDead(server.baseUrl, cookies.patient, cookies.patientId);
          await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 500));
          await server.kill('SIGKILL');
          sent.push(...(await sending));
          server = await startServerProcess(database);
        }
        expect(sent.length).toBeGreaterThan(CYCLES);
        const before = await verify(server.baseUrl, cookies, cookies.patientId, sent);
        // Replaying every acknowledged submission (an offline queue that resends) stores nothing new.
        const replays = await Promise.all(
          sent.slice(0, 200).map((s) =>
            call(server.baseUrl, `/api/v1/patients/${cookies.patientId}/check-ins`, cookies.patient, {
              text: s.text,
              language: s.text.startsWith('la ') ? 'es' : 'en',
              idempotencyKey: s.key,
            }).then(async (r) => ({
              status: r.status,
              id: ((await r.json()) as { checkIn: { id: string } }).checkIn.id,
              s,
            })),
          ),
        );
        for (const replay of replays) {
          expect(replay.status).toBe(200);
          expect(replay.id).toBe(replay.s.checkInId);
        }
        expect(await verify(server.baseUrl, cookies, cookies.patientId, sent)).toBe(before);
      } finally {
        await server.kill('SIGTERM');
      }
    },
    60_000 + CYCLES * 15_000,
  );
});
