/**
 * Load and soak: the check-in route of a real `aftercare start` at a fixed rate with a real patient session, on SQLite and
 * PostgreSQL. Prints throughput, p50/p99 and the server's memory; fails on any error and on memory that keeps growing.
 * LOAD_SECONDS sets the length (600 in the full run); the everyday run is short.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { afterAll, describe, expect, it } from 'vitest';
import { closeTestStores, createTestDatabase, DIALECTS } from '@aftercare/store/testing';
import { startServerProcess } from '../testing/server-process.ts';
import { enrolOnePatient } from './live-server.ts';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 6);
const RATE = 300;
const FULL_RUN = SECONDS >= 60;

const TEXTS = [
  'hip sore today, about 4/10, took my pill',
  'tired but ok, no fever',
  'me duele la cadera pero estoy bien',
  'my temp was 38.4 this evening',
];

/** Resident memory of a process in MB, from /proc (Linux). */
function residentMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${String(pid)}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

afterAll(closeTestStores);

describe.each(DIALECTS)('check-ins under load on %s', (dialect) => {
  it(
    `holds ${String(RATE)} check-ins/s for ${String(SECONDS)} s without an error, memory flat`,
    async () => {
      const server = await startServerProcess(await createTestDatabase(dialect));
      try {
        const { patient, patientId } = await enrolOnePatient(server.baseUrl);
        const pid = server.child.pid ?? 0;
        let sent = 0;
        const run = (duration: number): Promise<autocannon.Result> =>
          autocannon({
            url: `${server.baseUrl}/api/v1/patients/${patientId}/check-ins`,
            method: 'POST',
            headers: { cookie: patient, 'content-type': 'application/json' },
            connections: 16,
            overallRate: RATE,
            duration,
            requests: [
              {
                setupRequest: (request) => ({
                  ...request,
                  body: JSON.stringify({ text: TEXTS[sent++ % TEXTS.length], idempotencyKey: randomUUID() }),
                }),
              },
            ],
          });
        await run(1); // warm up: JIT, caches, the first pages of the database
        const samples: number[] = [];
        const sampler = setInterval(() => samples.push(residentMb(pid)), 250);
        const result = await run(SECONDS);
        clearInterval(sampler);

        const third = Math.max(1, Math.floor(samples.length / 3));
        const early = median(samples.slice(0, third));
        const late = median(samples.slice(-third));
        const perSecond = result.requests.total / SECONDS;
        process.stdout.write(
          `[load ${dialect}] ${perSecond.toFixed(0)} check-ins/s (target ${String(RATE)}), p50 ${String(result.latency.p50)} ms, ` +
            `p99 ${String(result.latency.p99)} ms, memory ${early.toFixed(0)} MB → ${late.toFixed(0)} MB\n`,
        );
        expect(result.errors + result.timeouts + result.non2xx).toBe(0);
        // The full run must keep the rate; a short run on a busy machine (other test files, other work) may not.
        if (FULL_RUN) {
          expect(perSecond).toBeGreaterThanOrEqual(RATE * 0.95);
        }
        // Flat: the last third of the run uses no more than the first third plus room for caches.
        expect(late - early).toBeLessThan(FULL_RUN ? 32 : 64);
      } finally {
        await server.kill('SIGTERM');
      }
    },
    60_000 + SECONDS * 2_000,
  );
});
