import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError, NETWORK_ERROR } from '../api/errors.ts';
import type { CheckInInput, CheckInResponse } from '../api/types.ts';
import { CheckInQueue, QUEUE_KEY } from './check-in-queue.ts';
import type { KeyValueStorage, QueuedCheckIn } from './check-in-queue.ts';

class MemoryStorage implements KeyValueStorage {
  readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
}

const ANSWER: CheckInResponse = {
  triage: { disposition: 'emergency', reasons: [], advice: 'advice.emergency' },
  alert: { id: 'alert-1' },
};

/** A fake server that, like the real one, stores one check-in per idempotency key. */
class FakeServer {
  online = true;
  readonly calls: CheckInInput[] = [];
  readonly stored = new Map<string, CheckInInput>();
  refuse = false;
  /** Keys whose answer reached the phone: sending one of them again would be a duplicate send. */
  readonly answered = new Set<string>();
  duplicateSends = 0;
  /** Loses the answer after storing (the request reached the server, the reply did not reach the phone). */
  loseNextAnswer = false;

  send = async (_patientId: string, checkIn: CheckInInput): Promise<CheckInResponse> => {
    await Promise.resolve();
    this.calls.push(checkIn);
    if (checkIn.idempotencyKey !== undefined && this.answered.has(checkIn.idempotencyKey)) {
      this.duplicateSends++;
    }
    if (!this.online) {
      throw new ApiError(0, NETWORK_ERROR, 'No answer from the server.');
    }
    if (this.refuse) {
      throw new ApiError(400, 'CARE_ERR_BAD_INPUT', 'Temperature is out of range.');
    }
    if (checkIn.idempotencyKey !== undefined && !this.stored.has(checkIn.idempotencyKey)) {
      this.stored.set(checkIn.idempotencyKey, checkIn);
    }
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new ApiError(0, NETWORK_ERROR, 'No answer from the server.');
    }
    if (checkIn.idempotencyKey !== undefined) {
      this.answered.add(checkIn.idempotencyKey);
    }
    return ANSWER;
  };
}

function item(key: string, patientId = 'p1'): Omit<QueuedCheckIn, 'refused'> {
  return {
    idempotencyKey: key,
    patientId,
    checkIn: { language: 'en', signs: ['chest-pain'] },
    createdAt: '2026-11-25T10:00:00.000Z',
    localTriage: null,
  };
}

describe('the check-in queue', () => {
  it('keeps a check-in made offline, and sends it once when back online', async () => {
    const storage = new MemoryStorage();
    const server = new FakeServer();
    const queue = new CheckInQueue(storage, server.send);
    server.online = false;
    queue.add(item('k1'));
    await queue.flush('p1');
    expect(queue.waiting('p1')).toHaveLength(1);
    expect(server.stored.size).toBe(0);

    server.online = true;
    const sent: string[] = [];
    queue.subscribe((event) => {
      if (event.type === 'sent') {
        sent.push(event.item.idempotencyKey);
      }
    });
    await queue.flush('p1');
    await queue.flush('p1');
    expect(sent).toEqual(['k1']);
    expect(server.stored.size).toBe(1);
    // One try offline, one that reached the server; none after it was sent.
    expect(server.calls.map((c) => c.idempotencyKey)).toEqual(['k1', 'k1']);
    expect(queue.items()).toEqual([]);
  });

  it('survives a reload: a new queue over the same storage finds and sends what was waiting', async () => {
    const storage = new MemoryStorage();
    const server = new FakeServer();
    server.online = false;
    const before = new CheckInQueue(storage, server.send);
    before.add(item('k1'));
    before.add(item('k2'));
    await before.flush('p1');

    server.online = true;
    const afterReload = new CheckInQueue(storage, server.send);
    expect(afterReload.waiting('p1').map((i) => i.idempotencyKey)).toEqual(['k1', 'k2']);
    await afterReload.flush('p1');
    expect([...server.stored.keys()]).toEqual(['k1', 'k2']);
    expect(storage.getItem(QUEUE_KEY)).toBe('[]');
  });

  it('never has the same check-in in flight twice from one page, however often flush is called', async () => {
    const storage = new MemoryStorage();
    const server = new FakeServer();
    const queue = new CheckInQueue(storage, server.send);
    queue.add(item('k1'));
    await Promise.all([queue.flush('p1'), queue.flush('p1'), queue.flush('p1')]);
    expect(server.calls.map((c) => c.idempotencyKey)).toEqual(['k1']);
  });

  it('sends a check-in added during a run in the same run', async () => {
    const storage = new MemoryStorage();
    const server = new FakeServer();
    const queue = new CheckInQueue(storage, server.send);
    queue.add(item('k1'));
    const first = queue.flush('p1');
    queue.add(item('k2'));
    await queue.flush('p1');
    await first;
    expect([...server.stored.keys()]).toEqual(['k1', 'k2']);
    expect(queue.items()).toEqual([]);
  });

  it('stores once when an answer was lost: the retry carries the same key', async () => {
    const storage = new MemoryStorage();
    const server = new FakeServer();
    const queue = new CheckInQueue(storage, server.send);
    server.loseNextAnswer = true;
    queue.add(item('k1'));
    await queue.flush('p1');
    expect(queue.waiting('p1')).toHaveLength(1);
    await queue.flush('p1');
    expect(server.calls.map((c) => c.idempotencyKey)).toEqual(['k1', 'k1']);
    expect(server.stored.size).toBe(1);
    expect(queue.items()).toEqual([]);
  });

  it('keeps a check-in the server refused for good, marked, and does not send it again', async () => {
    const storage = new MemoryStorage();
    const server = new FakeServer();
    const queue = new CheckInQueue(storage, server.send);
    server.refuse = true;
    queue.add(item('k1'));
    await queue.flush('p1');
    expect(queue.refused('p1')).toMatchObject([{ idempotencyKey: 'k1', refused: 'Temperature is out of range.' }]);
    server.refuse = false;
    await queue.flush('p1');
    expect(server.calls).toHaveLength(1);
    queue.remove('k1');
    expect(queue.items()).toEqual([]);
  });

  it('sends only the signed-in patient’s check-ins, and adding the same key twice keeps one', async () => {
    const storage = new MemoryStorage();
    const server = new FakeServer();
    const queue = new CheckInQueue(storage, server.send);
    queue.add(item('k1', 'p1'));
    queue.add(item('k1', 'p1'));
    queue.add(item('k2', 'p2'));
    await queue.flush('p1');
    expect([...server.stored.keys()]).toEqual(['k1']);
    expect(queue.items().map((i) => i.idempotencyKey)).toEqual(['k2']);
  });

  it('treats unreadable storage as empty', () => {
    const storage = new MemoryStorage();
    storage.setItem(QUEUE_KEY, '{not json');
    expect(new CheckInQueue(storage, new FakeServer().send).items()).toEqual([]);
    storage.setItem(QUEUE_KEY, JSON.stringify([{ nope: true }, item('k1')]));
    expect(new CheckInQueue(storage, new FakeServer().send).items()).toHaveLength(1);
  });
});

type Step =
  | { type: 'add' }
  | { type: 'flush' }
  | { type: 'network'; online: boolean }
  | { type: 'lose-answer' }
  | { type: 'reload' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>({ type: 'add' }),
  fc.constant<Step>({ type: 'flush' }),
  fc.boolean().map((online): Step => ({ type: 'network', online })),
  fc.constant<Step>({ type: 'lose-answer' }),
  fc.constant<Step>({ type: 'reload' }),
);

describe('the check-in queue, whatever happens in between', () => {
  it('ends with every check-in stored exactly once and nothing left on the device', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 30 }), fc.boolean(), async (steps, overlap) => {
        const storage = new MemoryStorage();
        const server = new FakeServer();
        let queue = new CheckInQueue(storage, server.send);
        const added: string[] = [];
        const pending: Promise<void>[] = [];
        for (const s of steps) {
          switch (s.type) {
            case 'add': {
              const key = `k${String(added.length)}`;
              added.push(key);
              queue.add(item(key));
              break;
            }
            case 'flush':
              // Overlapping runs (a tap during a background send) or one after the other.
              if (overlap) {
                pending.push(queue.flush('p1'));
              } else {
                await queue.flush('p1');
              }
              break;
            case 'network':
              server.online = s.online;
              break;
            case 'lose-answer':
              server.loseNextAnswer = true;
              break;
            case 'reload':
              await Promise.all(pending);
              queue = new CheckInQueue(storage, server.send);
              break;
          }
        }
        await Promise.all(pending);
        server.online = true;
        server.loseNextAnswer = false;
        await queue.flush('p1');
        expect([...server.stored.keys()].sort()).toEqual([...added].sort());
        expect(server.duplicateSends).toBe(0);
        expect(queue.items()).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
