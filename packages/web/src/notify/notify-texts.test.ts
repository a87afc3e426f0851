/** The inbox and switch texts read at grade 6 or lower (labels graded with the rest: one long word skews a label alone). */
import { describe, expect, it } from 'vitest';
import { readingStats, wordsOf } from '../../../plans/src/reading-grade.ts';
import { notifyEn } from '../i18n/notify.ts';

const MAX_GRADE = 6;

describe('notification texts', () => {
  const texts = Object.entries(notifyEn);

  it.each(texts.filter(([, text]) => wordsOf(text).length >= 5))(
    `%s is at grade ${String(MAX_GRADE)} or lower`,
    (_key, text) => {
      expect(readingStats(text).grade).toBeLessThanOrEqual(MAX_GRADE);
    },
  );

  it(`all together are at grade ${String(MAX_GRADE)} or lower`, () => {
    expect(readingStats(texts.map(([, text]) => text).join(' ')).grade).toBeLessThanOrEqual(MAX_GRADE);
  });
});
