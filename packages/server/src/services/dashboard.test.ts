/**
 * How a dashboard page reads its figures: in one read or in parts (PostgreSQL: halves side by side, and the entries
 * the store already has while it reads the rest), each patient's figures read once and landing on their own row.
 */
import { describe, expect, it } from 'vitest';
import type { DashboardEntry, DashboardFigures, DashboardQuery, Id, Store } from '@aftercare/store';
import { testPatient } from '@aftercare/store/testing';
import { loadDashboard } from './dashboard.ts';

const NOW = new Date('2026-11-25T12:00:00.000Z');

function entry(id: string): DashboardEntry {
  return {
    patient: {
      ...testPatient('org', { name: `Patient ${id}`, timeZone: 'UTC' }),
      id,
      createdAt: '2026-11-19T09:00:00.000Z',
      planId: null,
    },
    planId: null,
    need: 'ok',
    alerts: { emergency: 0, contactProvider: 0, unacknowledged: 0, escalated: 0 },
    lastCheckInAt: null,
    recentReadings: [],
  };
}

/** Figures that tell each patient apart: p7 took 7 doses, skipped 8, has 9 open questions and 10 unread messages. */
function figuresOf(ids: Id[]): DashboardFigures {
  const n = (id: Id) => Number(id.slice(1));
  return {
    doses: ids.map((id) => ({ patientId: id, taken: n(id), skipped: n(id) + 1 })),
    openQuestions: ids.map((id) => ({ patientId: id, open: n(id) + 2 })),
    unreadMessages: ids.map((id) => ({ patientId: id, unread: n(id) + 3 })),
  };
}

/**
 * A store with a page of `size` entries whose first `known` it tells the caller about before it finishes (as
 * PostgreSQL's does when a read of more rows is left), recording each figures read.
 */
function fakeStore(dialect: Store['dialect'], size: number, known: number) {
  const ids = Array.from({ length: size }, (_, i) => `p${String(i)}`);
  const reads: Id[][] = [];
  const store = {
    dialect,
    listDashboard: async (_query: DashboardQuery, onFirstEntries?: (patientIds: Id[]) => void) => {
      if (known > 0) {
        onFirstEntries?.(ids.slice(0, known));
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
      return { entries: ids.map(entry), counts: { emergency: 0, 'contact-provider': 0, quiet: 0, ok: size } };
    },
    countDashboardFigures: async (patientIds: Id[]) => {
      reads.push(patientIds);
      await Promise.resolve();
      return figuresOf(patientIds);
    },
  };
  return { store: store as unknown as Store, ids, reads };
}

describe('dashboard figures', () => {
  for (const [dialect, size, known, expected] of [
    ['sqlite', 230, 0, [230]],
    ['postgres', 99, 0, [99]],
    ['postgres', 230, 0, [115, 115]],
    ['postgres', 230, 143, [72, 71, 87]],
    ['postgres', 230, 120, [60, 60, 55, 55]],
    ['postgres', 230, 230, [115, 115]],
    ['postgres', 3, 2, [2, 1]],
  ] as const) {
    it(`${dialect}, ${String(size)} entries, ${String(known)} told early: read once each, in reads of ${expected.join(', ')}`, async () => {
      const { store, ids, reads } = fakeStore(dialect, size, known);
      const page = await loadDashboard(store, 'org', NOW, { limit: 1000, readerId: 'nurse' });
      expect(reads.map((read) => read.length)).toEqual(expected);
      expect(reads.flat().sort()).toEqual([...ids].sort());
      for (const [i, row] of page.rows.entries()) {
        expect(row.patient.id).toBe(`p${String(i)}`);
        expect(row).toMatchObject({ doses: { taken: i, skipped: i + 1 }, openQuestions: i + 2, unreadMessages: i + 3 });
      }
    });
  }

  it('an empty page reads no figures', async () => {
    const { store, reads } = fakeStore('postgres', 0, 0);
    expect((await loadDashboard(store, 'org', NOW)).rows).toEqual([]);
    expect(reads).toEqual([]);
  });

  it("a failing page read is the error the caller gets, even with its first entries' figures under way", async () => {
    const { store } = fakeStore('postgres', 10, 5);
    const failing = {
      ...store,
      dialect: 'postgres',
      listDashboard: (_query: DashboardQuery, onFirstEntries?: (patientIds: Id[]) => void) => {
        onFirstEntries?.(['p0']);
        return Promise.reject(new Error('page read failed'));
      },
      countDashboardFigures: () => Promise.reject(new Error('figures failed')),
    } as unknown as Store;
    await expect(loadDashboard(failing, 'org', NOW)).rejects.toThrow('page read failed');
  });
});
