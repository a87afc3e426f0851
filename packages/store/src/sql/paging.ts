/** The keyset condition shared by the newest-first listings (check-ins, doses, messages, notifications, plan changes). */
import { sql } from 'kysely';
import type { RawBuilder, SqlBool } from 'kysely';
import type { Page } from '../store.ts';
import { toInstant } from './rows.ts';

/**
 * Rows after the page's key in (time desc, id desc) order; undefined when the page has no `before`.
 * The redundant `time <= before` lets both databases range-scan a (…, time) index; the id decides only among rows
 * of that very instant, which a time-only bound would skip at a page edge.
 */
export function olderThan(timeColumn: string, page: Page | undefined): RawBuilder<SqlBool> | undefined {
  if (page?.before === undefined) {
    return undefined;
  }
  const time = sql.ref(timeColumn);
  const before = toInstant(page.before);
  if (page.beforeId === undefined) {
    return sql<SqlBool>`${time} < ${before}`;
  }
  return sql<SqlBool>`(${time} <= ${before} and (${time} < ${before} or ${sql.ref('id')} < ${page.beforeId}))`;
}
