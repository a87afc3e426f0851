/** Parses one phrase of the triage rules (syntax in rules-schema.ts) into words to find and conditions. */
import { foldWord } from './tokenize.ts';

/** One word slot of a phrase: any of these words, or any word starting with one of these prefixes. */
export interface PhraseTerm {
  words: string[];
  prefixes: string[];
}

export interface ParsedPhrase {
  terms: PhraseTerm[];
  ordered: boolean;
  /** In this order, but other words may stand between them. */
  inOrder: boolean;
  minimizable: boolean;
  raw: boolean;
  maxSpan: number;
  /** Cancels the phrase when one of these is in the same sentence. */
  excludeInSentence: PhraseTerm | undefined;
  /** Cancels the phrase when the next word is one of these. */
  excludeNext: PhraseTerm | undefined;
}

const ALTERNATIVE = /^[a-z0-9?°%/]+\*?$/;

/** The phrase, or a message saying what is wrong with it. */
export function parsePhrase(source: string): ParsedPhrase | string {
  const parts = source.trim().split(/\s+/);
  let ordered = false;
  let inOrder = false;
  let minimizable = false;
  let raw = false;
  while (parts.length > 0 && /^[=>~^]+$/.test(parts[0] ?? '')) {
    const marks = parts.shift() ?? '';
    ordered ||= marks.includes('=');
    inOrder ||= marks.includes('>');
    minimizable ||= marks.includes('~');
    raw ||= marks.includes('^');
  }
  const terms: PhraseTerm[] = [];
  let excludeInSentence: PhraseTerm | undefined;
  let excludeNext: PhraseTerm | undefined;
  let maxSpan: number | undefined;
  for (const part of parts) {
    const head = part.charAt(0);
    if (head === '@') {
      maxSpan = Number(part.slice(1));
      if (!Number.isInteger(maxSpan) || maxSpan < 1) {
        return `"${part}" in "${source}": @ takes a whole number of words`;
      }
      continue;
    }
    const body = head === '-' || head === '!' ? part.slice(1) : part;
    const term: PhraseTerm = { words: [], prefixes: [] };
    for (const alternative of body.split('|')) {
      const folded = foldWord(alternative);
      if (!ALTERNATIVE.test(folded)) {
        return `"${alternative}" in "${source}" is not a word (letters or digits, optionally ending in *)`;
      }
      if (folded.endsWith('*')) {
        term.prefixes.push(folded.slice(0, -1));
      } else {
        term.words.push(folded);
      }
    }
    if (head === '-') {
      excludeInSentence = term;
    } else if (head === '!') {
      excludeNext = term;
    } else {
      terms.push(term);
    }
  }
  if (terms.length === 0) {
    return `"${source}" has no words to look for`;
  }
  return {
    terms,
    ordered,
    inOrder,
    minimizable,
    raw,
    maxSpan: maxSpan ?? (ordered ? terms.length : terms.length + 4),
    excludeInSentence,
    excludeNext,
  };
}
