/**
 * Newest-first listings paged from each page's last row, on SQLite and PostgreSQL: many rows share one instant across
 * the page edges (a burst of check-ins, a reminder run), and every row still comes exactly once, in order.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Id, Instant, NewUser, Page, Store } from './store.ts';
import { closeTestStores, DIALECTS, openTestStore, testPatient } from './testing/index.ts';

const T0 = Date.parse('2026-11-20T15:00:00.000Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

/** 3 rows before, 23 at the shared instant, 2 after: a page of 5 ends inside the crowd several times. */
const MINUTES = [...Array.from({ length: 3 }, () => 5), ...Array.from({ length: 23 }, () => 10), 20, 30];
const PAGE = 5;

async function seed(store: Store) {
  const org = await store.createOrganisation('Northside Hematology', at(0));
  const base: NewUser = {
    orgId: org.id,
    email: 'ana@example.org',
    name: 'Ana',
    role: 'clinician',
    passwordHash: '$argon2id$fake',
    language: 'en',
    patientId: null,
  };
  const nurse = await store.createUser(base, at(0));
  const patient = await store.createPatient(testPatient(org.id), at(1));
  const patientUser = await store.createUser(
    { ...base, email: 'pat@example.org', name: 'Pat', role: 'patient', patientId: patient.id },
    at(1),
  );
  return { nurse, patient, patientUser };
}

/** Every row, a page at a time, each page starting right after the last row of the one before. */
async function pageThrough<T extends { id: Id }>(
  list: (page: Page) => Promise<T[]>,
  timeOf: (row: T) => Instant,
): Promise<T[]> {
  const rows: T[] = [];
  let page: Page = { limit: PAGE };
  for (let pages = 0; pages < 100; pages++) {
    const got = await list(page);
    rows.push(...got);
    const last = got.at(-1);
    if (got.length < PAGE || last === undefined) {
      return rows;
    }
    page = { limit: PAGE, before: timeOf(last), beforeId: last.id };
  }
  throw new Error('paging did not end');
}

/** Newest first, and by id (descending) among rows of one instant. */
function expectNewestFirst<T extends { id: Id }>(rows: T[], timeOf: (row: T) => Instant): void {
  for (let i = 1; i < rows.length; i++) {
    const newer = rows[i - 1]!;
    const older = rows[i]!;
    const ordered = timeOf(newer) > timeOf(older) || (timeOf(newer) === timeOf(older) && newer.id > older.id);
    expect(ordered, `row ${String(i)} comes after row ${String(i - 1)}`).toBe(true);
  }
}

async function expectEachOnce<T extends { id: Id }>(
  stored: T[],
  list: (page: Page) => Promise<T[]>,
  timeOf: (row: T) => Instant,
): Promise<void> {
  const paged = await pageThrough(list, timeOf);
  expect(paged.map((row) => row.id).sort()).toEqual(stored.map((row) => row.id).sort());
  expectNewestFirst(paged, timeOf);
  // The pages joined are the one long listing.
  expect(paged).toEqual(await list({ limit: 1000 }));
}

for (const dialect of DIALECTS) {
  describe(`paging newest-first listings on ${dialect}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(closeTestStores);

    it('lists every check-in exactly once when many share the instant at a page edge', async () => {
      const { patient, patientUser } = await seed(store);
      const stored = [];
      for (const minutes of MINUTES) {
        const { checkIn } = await store.recordCheckIn({
          patientId: patient.id,
          submittedAt: at(minutes),
          payload: { language: 'en', text: 'sore', signs: [] },
          triage: { disposition: 'self-care', fired: [] },
          disposition: 'self-care',
          idempotencyKey: null,
          recordedBy: patientUser.id,
        });
        stored.push(checkIn);
      }
      await expectEachOnce(
        stored,
        (page) => store.listCheckIns(patient.id, page),
        (row) => row.submittedAt,
      );
      // `before` alone still means "older than this instant" (clients of the time-only paging).
      expect(await store.listCheckIns(patient.id, { before: at(10) })).toHaveLength(3);
    });

    it('pages doses, messages, notifications and plan changes the same way', async () => {
      const { nurse, patient, patientUser } = await seed(store);
      const medicine = await store.addMedication(
        patient.id,
        {
          name: 'Acetaminophen',
          kind: 'over-the-counter',
          amount: '500 mg',
          timing: { type: 'as-needed', minIntervalHours: 6, maxPerDay: 4 },
          reason: 'pain',
          startDate: '2026-11-19',
          endDate: null,
          planItem: null,
        },
        nurse.id,
        at(0),
      );
      const doses = [];
      const messages = [];
      const changes = [];
      for (const minutes of MINUTES) {
        doses.push(
          await store.recordDose({
            patientId: patient.id,
            medicationId: medicine.id,
            medicationVersion: 1,
            scheduledFor: null,
            status: 'taken',
            at: at(minutes),
            idempotencyKey: null,
            recordedBy: patientUser.id,
          }),
        );
        messages.push(
          await store.addMessage({ patientId: patient.id, authorId: nurse.id, body: 'Hello', createdAt: at(minutes) }),
        );
        changes.push(
          await store.addPlanChange({
            patientId: patient.id,
            at: at(minutes),
            changedBy: nurse.id,
            kind: 'medicine-added',
            subjectId: medicine.id,
            details: { name: 'Acetaminophen' },
          }),
        );
      }
      const notifications = await store.addNotifications(
        MINUTES.map((minutes) => ({
          id: randomUUID(),
          recipientId: patientUser.id,
          patientId: patient.id,
          kind: 'dose',
          title: 'Time for a dose',
          body: 'Acetaminophen',
          link: '/medicines',
          createdAt: at(minutes),
          jobId: null,
        })),
      );
      await expectEachOnce(
        doses,
        (page) => store.listDoses(patient.id, page),
        (row) => row.at,
      );
      await expectEachOnce(
        messages,
        (page) => store.listMessages(patient.id, page),
        (row) => row.createdAt,
      );
      await expectEachOnce(
        changes,
        (page) => store.listPlanChanges(patient.id, page),
        (row) => row.at,
      );
      await expectEachOnce(
        notifications,
        (page) => store.listNotifications(patientUser.id, page),
        (row) => row.createdAt,
      );
    });
  });
}
