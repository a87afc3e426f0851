/** Flesch-Kincaid grade level of English text, for the test that keeps patient texts at grade 6 or lower. */
import { syllable } from 'syllable';

export interface ReadingStats {
  words: number;
  sentences: number;
  syllables: number;
  grade: number;
}

/** Splits text into sentences at ".", "!" or "?" followed by a space or the end; a text without one is one sentence. */
export function countSentences(text: string): number {
  return Math.max(1, text.match(/[.!?]+(?=\s|$)/g)?.length ?? 0);
}

/** Words: runs of letters, digits or placeholders ("{fever}"), with the punctuation around them dropped. */
export function wordsOf(text: string): string[] {
  return text
    .split(/[\s/]+/)
    .map((token) => token.replace(/^[^\p{L}\p{N}{]+|[^\p{L}\p{N}}]+$/gu, ''))
    .filter((token) => token !== '');
}

/** Syllables of one word; a number or placeholder is read out as about two syllables ("twenty", "seven"). */
export function syllablesOf(word: string): number {
  if (/[\d{]/.test(word)) {
    return 2;
  }
  return Math.max(1, syllable(word));
}

/** Flesch-Kincaid grade: 0.39 × words per sentence + 11.8 × syllables per word − 15.59. */
export function readingStats(text: string): ReadingStats {
  const words = wordsOf(text);
  const sentences = countSentences(text);
  const syllables = words.reduce((sum, word) => sum + syllablesOf(word), 0);
  const grade = words.length === 0 ? 0 : 0.39 * (words.length / sentences) + 11.8 * (syllables / words.length) - 15.59;
  return { words: words.length, sentences, syllables, grade };
}
