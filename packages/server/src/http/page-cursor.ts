/**
 * Opaque page cursors for the newest-first listings (check-ins, doses, notifications). A cursor names the last row of
 * a page by its instant and id, so the next page starts right after that row: rows sharing its instant are neither
 * skipped nor repeated, which a time-only `before` cannot promise.
 */
import { z } from 'zod';
import { AftercareError } from '@aftercare/core';
import type { Id, Instant, Page } from '@aftercare/store';
import { isId } from './ids.ts';

/** Stored instants are UTC with milliseconds; a cursor only ever holds one of those. */
const STORED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const BAD_CURSOR =
  'This page cursor is not valid: use the nextCursor of the page before, or start from the first page.';

export interface PagePosition {
  before: Instant;
  beforeId: Id;
}

export function cursorOf(position: PagePosition): string {
  return Buffer.from(`${position.before}|${position.beforeId}`, 'utf8').toString('base64url');
}

/** The position a cursor names; undefined for anything this server did not make. */
export function positionOf(cursor: string): PagePosition | undefined {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const [before, beforeId] = parts;
  if (parts.length !== 2 || before === undefined || beforeId === undefined) {
    return undefined;
  }
  if (!STORED_INSTANT.test(before) || Number.isNaN(Date.parse(before)) || !isId(beforeId)) {
    return undefined;
  }
  const position = { before, beforeId };
  // Base64url decoding skips characters it does not know: only the exact text we hand out is a cursor.
  return cursorOf(position) === cursor ? position : undefined;
}

/** The `cursor` query parameter of a listing. */
export const CursorQuery = z
  .string()
  .max(200, BAD_CURSOR)
  .refine((cursor) => positionOf(cursor) !== undefined, { message: BAD_CURSOR })
  .describe("The previous page's nextCursor: this page starts right after that page's last row")
  .optional();

/** The `before` query parameter kept for older clients: rows older than this instant. */
export const BeforeQuery = z.iso
  .datetime({ offset: true, message: 'Use a date and time like 2026-11-25T08:00:00Z.' })
  .describe('Older than this instant. Rows that share one instant can be skipped at a page edge: use cursor')
  .optional();

/** The `nextCursor` of a listing's answer. */
export const NextCursorSchema = z
  .string()
  .nullable()
  .describe('Give it as cursor for the next (older) page; null when this page holds the oldest row');

/** The store's page for a listing request: from its cursor, else from its time bound, else from the newest row. */
export function pageOf(
  query: { cursor?: string | undefined; before?: string | undefined },
  limit: number,
): Page & { limit: number } {
  if (query.cursor !== undefined && query.before !== undefined) {
    throw new AftercareError('CARE_ERR_BAD_INPUT', 'Give either cursor or before, not both.', [
      { path: 'cursor', message: 'cursor and before together' },
    ]);
  }
  if (query.cursor !== undefined) {
    const position = positionOf(query.cursor);
    if (position === undefined) {
      throw new AftercareError('CARE_ERR_BAD_INPUT', BAD_CURSOR, [{ path: 'cursor', message: BAD_CURSOR }]);
    }
    return { limit, ...position };
  }
  return query.before === undefined ? { limit } : { limit, before: new Date(query.before).toISOString() };
}

/**
 * One page of a listing and the cursor for the page after it (null when nothing is older). It asks for one row more
 * than it shows, so one query says whether more follow; only when the store caps that extra row away (a page of the
 * store's largest size) does a one-row look-ahead ask again.
 */
export async function readPage<T extends { id: Id }>(
  list: (page: Page) => Promise<T[]>,
  page: Page & { limit: number },
  timeOf: (row: T) => Instant,
): Promise<{ rows: T[]; nextCursor: string | null }> {
  const fetched = await list({ ...page, limit: page.limit + 1 });
  const rows = fetched.slice(0, page.limit);
  const last = rows.at(-1);
  if (last === undefined || rows.length < page.limit) {
    return { rows, nextCursor: null };
  }
  const position = { before: timeOf(last), beforeId: last.id };
  const more = fetched.length > page.limit || (await list({ limit: 1, ...position })).length > 0;
  return { rows, nextCursor: more ? cursorOf(position) : null };
}
