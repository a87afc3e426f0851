/** Test fixtures for schedules: a medicine version with sensible defaults. */
import type { MedicationVersion } from './types.ts';

/** A medicine version: 08:00 and 20:00 from 2026-03-01, no end, in effect since the start of 2026. */
export function medicationVersion(overrides: Partial<MedicationVersion> = {}): MedicationVersion {
  return {
    id: 'med-1',
    version: 1,
    timing: { type: 'fixed-times', times: ['08:00', '20:00'] },
    startDate: '2026-03-01',
    endDate: null,
    effectiveFrom: '2026-01-01T00:00:00.000Z',
    stoppedAt: null,
    ...overrides,
  };
}
