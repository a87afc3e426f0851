import { describe, expect, it } from 'vitest';
import { parseCachedMedicines } from './medicines-cache.ts';

describe('parseCachedMedicines', () => {
  it('reads a saved list and refuses anything else', () => {
    const entry = {
      patient: { id: 'p1' },
      medications: [],
      allergies: [{ id: 'a', substance: 'Latex', reaction: 'Rash' }],
      doses: [],
      savedAt: '2026-03-01T08:00:00.000Z',
    };
    expect(parseCachedMedicines(JSON.stringify(entry))).toEqual(entry);
    expect(parseCachedMedicines(null)).toBeNull();
    expect(parseCachedMedicines('{not json')).toBeNull();
    expect(parseCachedMedicines('null')).toBeNull();
    expect(parseCachedMedicines(JSON.stringify({ ...entry, medications: 'x' }))).toBeNull();
  });
});
