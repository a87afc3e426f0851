import { describe, expect, it } from 'vitest';
import { boneMarrowHarvestPlan as plan } from './index.ts';
import { countSentences, readingStats, wordsOf } from './reading-grade.ts';

const MAX_GRADE = 6;
/**
 * Below this many words the Flesch-Kincaid formula says more about one long word than about the text
 * ("Antibiotic" alone scores grade 40): such labels are graded together with the rest of their section.
 */
const MIN_WORDS_TO_GRADE_ALONE = 8;

const en = Object.entries(plan.texts.en);

/** The section of a key: its first part ("signs.fever.label" → "signs"). */
function sectionOf(key: string): string {
  return key.split('.')[0] ?? key;
}

/** A label without end punctuation read as its own sentence when texts are joined. */
function asSentence(text: string): string {
  return /[.!?:]$/.test(text) ? text : `${text}.`;
}

describe('reading grade of the English texts', () => {
  const alone = en.filter(([, text]) => wordsOf(text).length >= MIN_WORDS_TO_GRADE_ALONE);

  it('grades most texts on their own', () => {
    expect(alone.length).toBeGreaterThan(en.length / 2);
  });

  it.each(alone)(`%s is at grade ${MAX_GRADE} or lower`, (_key, text) => {
    expect(readingStats(text).grade).toBeLessThanOrEqual(MAX_GRADE);
  });

  const sections = new Map<string, string[]>();
  for (const [key, text] of en) {
    sections.set(sectionOf(key), [...(sections.get(sectionOf(key)) ?? []), asSentence(text)]);
  }

  it.each([...sections])(`the "%s" texts together are at grade ${MAX_GRADE} or lower`, (_section, texts) => {
    expect(readingStats(texts.join(' ')).grade).toBeLessThanOrEqual(MAX_GRADE);
  });

  it('keeps sentences short', () => {
    for (const [key, text] of en) {
      const stats = readingStats(text);
      expect(stats.words / stats.sentences, key).toBeLessThanOrEqual(20);
    }
  });
});

describe('the grade formula', () => {
  it('scores plain words low and long words high', () => {
    expect(readingStats('Take it when the pain starts. Do not wait.').grade).toBeLessThan(2);
    expect(
      readingStats('Administration of pharmacological interventions necessitates consultation.').grade,
    ).toBeGreaterThan(12);
  });

  it('counts sentences at end punctuation only', () => {
    expect(countSentences('A fever is 100.4 F or more. Call us!')).toBe(2);
    expect(countSentences('Chills')).toBe(1);
  });
});

describe('the Spanish texts', () => {
  const es = plan.texts.es;

  it('have exactly the English keys', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(plan.texts.en).sort());
  });

  it('are translated, not English left in place', () => {
    for (const [key, text] of en) {
      expect(es[key], key).not.toBe(text);
    }
  });

  it('use accents (the file was not written without them)', () => {
    const accented = Object.values(es).filter((text) => /[áéíóúñ¿¡]/i.test(text));
    expect(accented.length).toBeGreaterThan(Object.keys(es).length / 3);
  });

  it('keep every number of the English text', () => {
    for (const [key, text] of en) {
      const numbers = (value: string): string[] => (value.match(/\d+(?:[.,]\d+)?/g) ?? []).sort();
      expect(numbers(es[key] ?? ''), key).toEqual(numbers(text));
    }
  });

  it('speak to the patient as "usted", not "tú"', () => {
    for (const [key, text] of Object.entries(es)) {
      expect(text, key).not.toMatch(/(?<!\p{L})(tú|tu|tus|te|ti|contigo|puedes|tienes|debes|estás|eres)(?!\p{L})/iu);
    }
  });

  it('end questions with "?" and open them with "¿"', () => {
    for (const [key, text] of Object.entries(es)) {
      expect(text.includes('?'), key).toBe(text.includes('¿'));
    }
  });
});
