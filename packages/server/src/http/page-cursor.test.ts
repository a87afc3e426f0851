/** Page cursors: what the server hands out reads back as the same position, and nothing else reads as a cursor. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAftercareError } from '@aftercare/core';
import type { Page } from '@aftercare/store';
import { cursorOf, pageOf, positionOf, readPage } from './page-cursor.ts';

const POSITION = { before: '2026-11-25T15:00:00.000Z', beforeId: '6f1c2a4e-8b3d-4e5f-9a7b-0c1d2e3f4a5b' };

describe('page cursors', () => {
  it('reads back the position it was made from, and is safe in a URL as it is', () => {
    const cursor = cursorOf(POSITION);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(positionOf(cursor)).toEqual(POSITION);
    expect(pageOf({ cursor }, 20)).toEqual({ limit: 20, ...POSITION });
  });

  it('refuses anything the server did not make', () => {
    const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    for (const cursor of [
      '',
      'abc',
      `${cursorOf(POSITION)}=`,
      `${cursorOf(POSITION)} `,
      encode(`${POSITION.before}|${POSITION.beforeId}|x`),
      encode(`2026-11-25T15:00:00Z|${POSITION.beforeId}`),
      encode(`2026-13-45T15:00:00.000Z|${POSITION.beforeId}`),
      encode(`${POSITION.before}|'; drop table check_ins; --`),
      encode(`${POSITION.before}|${POSITION.beforeId.toUpperCase()}x`),
    ]) {
      expect(positionOf(cursor), cursor).toBeUndefined();
      expect(() => pageOf({ cursor }, 20), cursor).toThrow(/cursor/);
    }
  });

  it('keeps the time-only bound of older clients, in UTC, and refuses it together with a cursor', () => {
    expect(pageOf({}, 5)).toEqual({ limit: 5 });
    expect(pageOf({ before: '2026-11-25T16:00:00+01:00' }, 5)).toEqual({ limit: 5, before: POSITION.before });
    expect(() => pageOf({ cursor: cursorOf(POSITION), before: POSITION.before }, 5)).toThrow('not both');
  });

  it('answers any text with a position that reads back exactly, or a bad-input error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String(), fc.string({ unit: 'binary' })), (cursor) => {
        const position = positionOf(cursor);
        if (position !== undefined) {
          expect(cursorOf(position)).toBe(cursor);
          return;
        }
        try {
          pageOf({ cursor }, 1);
        } catch (error) {
          expect(isAftercareError(error) && error.code === 'CARE_ERR_BAD_INPUT').toBe(true);
          return;
        }
        throw new Error('an unknown cursor was taken');
      }),
      { numRuns: 2000 },
    );
  });

  it('reads pages to the end in one query each, and asks again only when the store cut the extra row', async () => {
    // Seven rows, newest first, the middle five in one instant; the store gives at most four rows a call.
    const table = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((letter, i) => ({
      id: `00000000-0000-4000-8000-00000000000${letter}`,
      at: `2026-11-25T15:0${String(i === 0 ? 3 : i === 6 ? 1 : 2)}:00.000Z`,
    }));
    const newestFirst = [...table].sort((x, y) =>
      x.at === y.at ? y.id.localeCompare(x.id) : y.at.localeCompare(x.at),
    );
    let calls = 0;
    const list = (page: Page) => {
      calls += 1;
      const { before, beforeId } = page;
      const after = newestFirst.filter(
        (row) =>
          before === undefined || row.at < before || (row.at === before && beforeId !== undefined && row.id < beforeId),
      );
      return Promise.resolve(after.slice(0, Math.min(page.limit ?? 100, 4)));
    };
    const read = async (limit: number) => {
      const rows = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await readPage(list, pageOf(cursor === undefined ? {} : { cursor }, limit), (row) => row.at);
        rows.push(...page.rows);
        if (page.nextCursor === null) {
          return rows;
        }
        cursor = page.nextCursor;
      }
    };
    // Pages of 3: the extra row fits under the cap, so three calls for three pages.
    expect(await read(3)).toEqual(newestFirst);
    expect(calls).toBe(3);
    // Pages of 4 (the cap): each full page needs its look-ahead, and the last page of 3 says it is the last.
    calls = 0;
    expect(await read(4)).toEqual(newestFirst);
    expect(calls).toBe(3);
  });
});
