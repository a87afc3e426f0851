import { describe, expect, it } from 'vitest';
import { appendOlder, markedRead, safeLink } from './inbox-view.ts';
import type { InboxNotification } from './notify-api.ts';

const note = (id: string, readAt: string | null = null): InboxNotification => ({
  id,
  recipientId: 'u',
  patientId: null,
  kind: 'dose',
  title: 't',
  body: 'b',
  link: '#/medicines',
  createdAt: '2026-11-25T08:00:00.000Z',
  readAt,
});

describe('inbox view', () => {
  it('keeps links inside the app', () => {
    expect(safeLink('#/medicines')).toBe('#/medicines');
    expect(safeLink('#/patients/abc-1')).toBe('#/patients/abc-1');
    expect(safeLink('https://evil.example/')).toBe('#/');
    expect(safeLink('javascript:alert(1)')).toBe('#/');
    expect(safeLink('#/x"><script>')).toBe('#/');
  });

  it('adds older pages without repeats and marks read locally', () => {
    expect(appendOlder([note('a'), note('b')], [note('b'), note('c')]).map((n) => n.id)).toEqual(['a', 'b', 'c']);
    const at = '2026-11-25T09:00:00.000Z';
    expect(markedRead([note('a'), note('b')], 'b', at).map((n) => n.readAt)).toEqual([null, at]);
    expect(markedRead([note('a'), note('b', 'x')], null, at).map((n) => n.readAt)).toEqual([at, 'x']);
  });
});
