import { describe, expect, it } from 'vitest';
import { createInProcessEventBus, type CareEvent } from './event-bus.ts';

const event = (orgId: string, patientId = 'p1'): CareEvent => ({
  type: 'alert.created',
  orgId,
  patientId,
  alertId: 'a1',
  checkInId: 'c1',
  at: '2026-11-25T12:00:00.000Z',
});

describe('in-process event bus', () => {
  it('delivers an organisation’s events to its listeners only, until they stop listening', async () => {
    const bus = createInProcessEventBus();
    const mine: CareEvent[] = [];
    const theirs: CareEvent[] = [];
    const stop = bus.subscribe('org-1', (e) => mine.push(e));
    bus.subscribe('org-2', (e) => theirs.push(e));
    await bus.publish(event('org-1'));
    stop();
    await bus.publish(event('org-1', 'p2'));
    expect(mine).toEqual([event('org-1')]);
    expect(theirs).toEqual([]);
  });

  it('keeps delivering to the others when one listener throws', async () => {
    const bus = createInProcessEventBus();
    const got: string[] = [];
    bus.subscribe('org-1', () => {
      throw new Error('closed stream');
    });
    bus.subscribe('org-1', (e) => got.push(e.patientId));
    await expect(bus.publish(event('org-1'))).resolves.toBeUndefined();
    expect(got).toEqual(['p1']);
  });
});
