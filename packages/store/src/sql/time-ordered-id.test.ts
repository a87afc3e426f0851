import { afterEach, describe, expect, it, vi } from 'vitest';
import { timeOrderedId } from './time-ordered-id.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('time-ordered ids', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('are UUIDv7 text with the creation time in front', () => {
    const before = Date.now();
    const id = timeOrderedId();
    expect(id).toMatch(UUID_V7);
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now());
  });

  it('sort as text in the order they were made, thousands within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => timeOrderedId());
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // Each id has random bits of its own, though they are drawn in batches.
    expect(new Set(ids.map((id) => id.slice(-10))).size).toBe(ids.length);
  });

  it('keep counting up while the clock stands still or steps back', () => {
    const now = Date.now() + 60_000;
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now);
    const first = timeOrderedId();
    clock.mockReturnValue(now - 5_000);
    const ids = [first, ...Array.from({ length: 300 }, () => timeOrderedId())];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => parseInt(id.replace(/-/g, '').slice(0, 12), 16) >= now)).toBe(true);
  });
});
