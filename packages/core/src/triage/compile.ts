/** Compiles a plan's triage rules once (cached per rules object): word indexes, typo index, phrases and cues. */
import { AftercareError } from '../errors.ts';
import { deletions, isSwap, isTypoOf, withinOneEdit } from './fuzzy.ts';
import { MatchList } from './match-list.ts';
import { parsePhrase, type PhraseTerm } from './phrase.ts';
import type { LanguageCues, SignLevel, TriageRules } from './rules-schema.ts';
import { foldWord, newTokens, wordData, WordTable, type Tokens, type WordInfo } from './tokenize.ts';

/** Bits set on a word's position when a cue covers it. */
export const CUE = {
  negation: 1 << 0,
  pseudoNegation: 1 << 1,
  resolved: 1 << 2,
  negationStops: 1 << 3,
  negationStopExemptAfter: 1 << 4,
  listOr: 1 << 5,
  listAnd: 1 << 6,
  listFillers: 1 << 7,
  hypothetical: 1 << 8,
  hypotheticalInQuestion: 1 << 9,
  otherPerson: 1 << 10,
  otherPronoun: 1 << 11,
  firstPerson: 1 << 12,
  prepositions: 1 << 13,
  distantPast: 1 << 14,
  present: 1 << 15,
  minimizers: 1 << 16,
  temperatureWords: 1 << 17,
  celsius: 1 << 18,
  fahrenheit: 1 << 19,
  degrees: 1 << 20,
  notTemperatureAfter: 1 << 21,
  notTemperatureBefore: 1 << 22,
  below: 1 << 23,
  denial: 1 << 26,
  noLonger: 1 << 27,
  half: 1 << 28,
} as const satisfies Record<Exclude<keyof LanguageCues, 'contrast'>, number>;
/** Set on every position covered by a sign's phrase. */
export const SIGN_BIT = 1 << 24;
/** Set on a "?" (or "¿"). */
export const QUESTION_BIT = 1 << 25;

export interface CompiledPhrase {
  /** Index of the sign in `signs`, or -1 for a cue. */
  sign: number;
  cueBit: number;
  terms: number[];
  ordered: boolean;
  inOrder: boolean;
  minimizable: boolean;
  raw: boolean;
  maxSpan: number;
  excludeInSentence: number;
  excludeNext: number;
}

export interface CompiledSign {
  id: string;
  level: SignLevel;
}

export interface CompiledRules {
  signs: CompiledSign[];
  signIndex: Map<string, number>;
  phrases: CompiledPhrase[];
  /**
   * Phrase p needs neededTerms[neededStart[p]] up to (not including) neededStart[p + 1] besides the term it is listed
   * under: one flat array, so ruling a phrase out does not touch its object.
   */
  neededTerms: Int32Array;
  neededStart: Int32Array;
  /**
   * Term id → signs' phrases to try when the term is in the text. Each phrase is listed under one of its terms
   * only, the one fewest phrases share, so that common words ("my", "no") do not bring many phrases to try.
   */
  signCandidates: number[][];
  /** The same for the cues that are not plain one-word cues. */
  cueCandidates: number[][];
  termCount: number;
  contrast: Set<string>;
  /** The word's term ids (exact, prefix or typo), memoized. */
  termsOf: (word: string) => readonly number[];
  /** The word's term ids, the bits of its plain one-word cues and whether it opens a clause, memoized. */
  words: WordTable;
  /** The words and prefixes (ending in *) of the rules: for tools that check the typo tolerance. */
  vocabulary: string[];
  temperatureSign: number;
  painSign: number;
  painScore: number;
  /** Scratch space reused between calls (triage is synchronous, so calls never overlap). */
  scratch: Scratch;
}

/** Numbers kept per term in Scratch.terms: */
export const TERM_FIELDS = 4;
/** the generation of the last text that had the term (other fields are valid only when it is the current one); */
export const TERM_SEEN = 0;
/** the order in which the terms were first seen in the text; */
export const TERM_RANK = 1;
/** the first and last position of the term in the text (the words between say where else it is). */
export const TERM_FIRST = 2;
export const TERM_LAST = 3;

export interface Scratch {
  tokens: Tokens;
  /** Counts triage calls; signFound holds the count of the call that found each sign. */
  call: number;
  signFound: Int32Array;
  /** Counts texts read; the arrays below hold the generation of the text they were last written for. */
  generation: number;
  /**
   * What this text has of each term, TERM_FIELDS numbers per term (see TERM_SEEN and after), side by side so that
   * marking a term touches one cache line.
   */
  terms: Int32Array;
  /** Phrases already listed to try in this text (where it is the generation). */
  phraseSeen: Int32Array;
  /** The signs' and the cues' phrases to try in this text. */
  signsToTry: Int32Array;
  cuesToTry: Int32Array;
  /** The candidate findings of this text. */
  matches: MatchList;
  flags: Int32Array;
  /** Per position where a finding ends: 1 = kept, 2 = denied (so "no fever or chills" carries the denial on). */
  endState: Int8Array;
  sentenceBits: Int32Array;
  clauseBits: Int32Array;
  partBits: Int32Array;
}

const EMPTY: readonly number[] = Object.freeze([]);
const CACHE_LIMIT = 50_000;
const cache = new WeakMap<TriageRules, CompiledRules>();
/** The rules of the last call: a plan's rules come again and again, and this costs less than the WeakMap. */
let lastRules: TriageRules | undefined;
let lastCompiled: CompiledRules | undefined;

/** The compiled form of these rules, built on first use and kept as long as the rules object lives. */
export function compileRules(rules: TriageRules): CompiledRules {
  if (rules === lastRules && lastCompiled !== undefined) {
    return lastCompiled;
  }
  let compiled = cache.get(rules);
  if (compiled === undefined) {
    compiled = build(rules);
    cache.set(rules, compiled);
  }
  lastRules = rules;
  lastCompiled = compiled;
  return compiled;
}

function build(rules: TriageRules): CompiledRules {
  const termIds = new Map<string, number>();
  const exact = new Map<string, number[]>();
  const prefixes = new Map<string, number[]>();
  const addTo = (index: Map<string, number[]>, key: string, id: number): void => {
    const list = index.get(key);
    if (list === undefined) {
      index.set(key, [id]);
    } else if (!list.includes(id)) {
      list.push(id);
    }
  };
  const internTerm = (term: PhraseTerm): number => {
    const key = [...term.words, ...term.prefixes.map((p) => `${p}*`)].sort().join('|');
    let id = termIds.get(key);
    if (id === undefined) {
      id = termIds.size;
      termIds.set(key, id);
      for (const word of term.words) {
        addTo(exact, word, id);
      }
      for (const prefix of term.prefixes) {
        addTo(prefixes, prefix, id);
      }
    }
    return id;
  };

  const phrases: CompiledPhrase[] = [];
  const problems: string[] = [];
  // Only the words of signs are read with typos: cues are small words whose one-letter neighbours mean
  // something else ("tuvo" is not "tuve").
  const typoTargets = new Set<string>();
  const addPhrase = (source: string, sign: number, cueBit: number): void => {
    const parsed = parsePhrase(source);
    if (typeof parsed === 'string') {
      problems.push(parsed);
      return;
    }
    if (sign >= 0) {
      for (const term of parsed.terms) {
        term.words.forEach((word) => typoTargets.add(word));
        term.prefixes.forEach((prefix) => typoTargets.add(`${prefix}*`));
      }
    }
    phrases.push({
      sign,
      cueBit,
      terms: parsed.terms.map(internTerm),
      // Cues are fixed expressions: their words follow each other unless marked `>`.
      ordered: parsed.ordered || (sign < 0 && !parsed.inOrder),
      inOrder: parsed.inOrder,
      minimizable: parsed.minimizable,
      raw: parsed.raw,
      maxSpan: sign < 0 && !parsed.inOrder ? parsed.terms.length : parsed.maxSpan,
      excludeInSentence: parsed.excludeInSentence === undefined ? -1 : internTerm(parsed.excludeInSentence),
      excludeNext: parsed.excludeNext === undefined ? -1 : internTerm(parsed.excludeNext),
    });
  };

  const signs: CompiledSign[] = rules.signs.map((sign) => ({ id: sign.id, level: sign.level }));
  const signIndex = new Map(signs.map((sign, index) => [sign.id, index]));
  rules.signs.forEach((sign, index) => {
    for (const source of [...sign.phrases.en, ...sign.phrases.es]) {
      addPhrase(source, index, 0);
    }
  });
  const contrast = new Set<string>();
  for (const cues of Object.values(rules.languages ?? {})) {
    for (const word of cues.contrast ?? []) {
      contrast.add(foldWord(word.trim()));
    }
    for (const [name, bit] of Object.entries(CUE) as [keyof typeof CUE, number][]) {
      for (const source of cues[name] ?? []) {
        addPhrase(source, -1, bit);
      }
    }
  }
  if (problems.length > 0) {
    throw new AftercareError(
      'CARE_ERR_BAD_PLAN',
      `The triage rules have phrases that cannot be read: ${problems.slice(0, 3).join('; ')}`,
      problems.map((message) => ({ path: 'triage', message })),
    );
  }

  const termCount = termIds.size;
  // A plain one-word cue marks exactly the positions of its word: its bit goes on the word itself.
  const termCueBits = new Int32Array(termCount);
  const isPlainOneWordCue = (phrase: CompiledPhrase): boolean =>
    phrase.sign < 0 &&
    phrase.terms.length === 1 &&
    phrase.ordered &&
    phrase.excludeNext < 0 &&
    phrase.excludeInSentence < 0;
  const phrasesWithTerm = new Int32Array(termCount);
  for (const phrase of phrases) {
    for (const term of new Set(phrase.terms)) {
      phrasesWithTerm[term] = (phrasesWithTerm[term] ?? 0) + 1;
    }
  }
  const signCandidates: number[][] = Array.from({ length: termCount }, () => []);
  const cueCandidates: number[][] = Array.from({ length: termCount }, () => []);
  const needed: number[] = [];
  const neededStart = new Int32Array(phrases.length + 1);
  phrases.forEach((phrase, index) => {
    const first = phrase.terms[0] ?? 0;
    if (isPlainOneWordCue(phrase)) {
      termCueBits[first] = (termCueBits[first] ?? 0) | phrase.cueBit;
      return;
    }
    // A phrase can only match when all its terms are in the text: look it up under its least shared term.
    let anchor = first;
    for (const term of phrase.terms) {
      if ((phrasesWithTerm[term] ?? 0) < (phrasesWithTerm[anchor] ?? 0)) {
        anchor = term;
      }
    }
    (phrase.sign < 0 ? cueCandidates : signCandidates)[anchor]?.push(index);
    // The other terms it needs, least shared first (most likely missing from a text), for a quick "not here".
    const others = [...new Set(phrase.terms)]
      .filter((term) => term !== anchor)
      .sort((a, b) => (phrasesWithTerm[a] ?? 0) - (phrasesWithTerm[b] ?? 0) || a - b);
    neededStart[index] = needed.length;
    needed.push(...others);
    neededStart[index + 1] = needed.length;
  });

  const termsOf = makeLookup(exact, prefixes, typoTargets, new Set((rules.notTypos ?? []).map(foldWord)));
  const words = new WordTable(makeWordInfo(termsOf, termCueBits, contrast, signCandidates, cueCandidates));
  const fieldSigns = rules.fieldSigns ?? { temperature: 'fever', pain: 'pain-despite-medicine' };
  return {
    signs,
    signIndex,
    phrases,
    neededTerms: Int32Array.from(needed),
    neededStart,
    signCandidates,
    cueCandidates,
    termCount,
    contrast,
    termsOf,
    words,
    vocabulary: [...exact.keys(), ...[...prefixes.keys()].map((prefix) => `${prefix}*`)],
    temperatureSign: signIndex.get(fieldSigns.temperature) ?? -1,
    painSign: signIndex.get(fieldSigns.pain) ?? -1,
    painScore: rules.painDespiteMedicineScore ?? 7,
    scratch: {
      tokens: newTokens(),
      call: 0,
      signFound: new Int32Array(signs.length),
      generation: 0,
      terms: new Int32Array(termCount * TERM_FIELDS),
      phraseSeen: new Int32Array(phrases.length),
      // A phrase is listed at most once per text.
      signsToTry: new Int32Array(phrases.length),
      cuesToTry: new Int32Array(phrases.length),
      matches: new MatchList(),
      flags: new Int32Array(256),
      endState: new Int8Array(256),
      sentenceBits: new Int32Array(64),
      clauseBits: new Int32Array(64),
      partBits: new Int32Array(64),
    },
  };
}

/** Word → what triage needs to know of it, memoized (one lookup per word of a check-in). */
function makeWordInfo(
  termsOf: (word: string) => readonly number[],
  termCueBits: Int32Array,
  contrast: Set<string>,
  signCandidates: number[][],
  cueCandidates: number[][],
): (word: string) => WordInfo {
  const memo = new Map<string, WordInfo>();
  const candidatesOf = (terms: readonly number[], byTerm: number[][]): readonly number[] => {
    const found = new Set<number>();
    for (const term of terms) {
      for (const phrase of byTerm[term] ?? []) {
        found.add(phrase);
      }
    }
    return found.size === 0 ? EMPTY : [...found];
  };
  return (word: string): WordInfo => {
    let info = memo.get(word);
    if (info === undefined) {
      const terms = termsOf(word);
      let cueBits = 0;
      for (const term of terms) {
        cueBits |= termCueBits[term] ?? 0;
      }
      info = {
        word,
        contrast: contrast.has(word),
        data: wordData(
          cueBits,
          word.charCodeAt(0),
          terms,
          candidatesOf(terms, signCandidates),
          candidatesOf(terms, cueCandidates),
        ),
      };
      if (memo.size >= CACHE_LIMIT) {
        memo.clear();
      }
      memo.set(word, info);
    }
    return info;
  };
}

/** Word → term ids: exact words, then prefixes, then (only for words that are not real words) one-typo neighbours. */
function makeLookup(
  exact: Map<string, number[]>,
  prefixes: Map<string, number[]>,
  typoTargets: Set<string>,
  notTypos: Set<string>,
): (word: string) => readonly number[] {
  const prefixLengths = [...new Set([...prefixes.keys()].map((p) => p.length))].sort((a, b) => a - b);
  const typoWords = new Map<string, string[]>();
  const typoPrefixes = new Map<string, string[]>();
  const index = (map: Map<string, string[]>, word: string): void => {
    for (const key of [word, ...deletions(word)]) {
      const list = map.get(key);
      if (list === undefined) {
        map.set(key, [word]);
      } else if (!list.includes(word)) {
        list.push(word);
      }
    }
  };
  for (const word of exact.keys()) {
    if (word.length >= 4 && /^[a-z]+$/.test(word) && typoTargets.has(word)) {
      index(typoWords, word);
    }
  }
  const typoPrefixLengths = new Set<number>();
  const fourLetterPrefixes: string[] = [];
  for (const prefix of prefixes.keys()) {
    if (!typoTargets.has(`${prefix}*`)) {
      continue;
    }
    if (prefix.length === 4) {
      fourLetterPrefixes.push(prefix);
    }
    if (prefix.length >= 5) {
      index(typoPrefixes, prefix);
      for (const length of [prefix.length - 1, prefix.length, prefix.length + 1]) {
        typoPrefixLengths.add(length);
      }
    }
  }
  const memo = new Map<string, readonly number[]>();

  const typoTerms = (word: string, found: Set<number>): void => {
    for (const key of [word, ...deletions(word)]) {
      for (const candidate of typoWords.get(key) ?? []) {
        if (isTypoOf(word, candidate)) {
          for (const id of exact.get(candidate) ?? []) {
            found.add(id);
          }
        }
      }
    }
    // "dizy" for "dizz*": two letters swapped at the start of a short prefix (other edits there find too many words).
    const head4 = word.slice(0, 4);
    for (const prefix of fourLetterPrefixes) {
      if (head4.charCodeAt(0) === prefix.charCodeAt(0) && isSwap(head4, prefix)) {
        for (const id of prefixes.get(prefix) ?? []) {
          found.add(id);
        }
      }
    }
    if (word.length < 5) {
      return;
    }
    for (const length of typoPrefixLengths) {
      // Only short endings after a misspelt stem ("brething"), not long unrelated words that share a start.
      if (length > word.length || word.length > length + 3) {
        continue;
      }
      const head = word.slice(0, length);
      for (const key of [head, ...deletions(head)]) {
        for (const prefix of typoPrefixes.get(key) ?? []) {
          if (head.charCodeAt(0) === prefix.charCodeAt(0) && withinOneEdit(head, prefix)) {
            for (const id of prefixes.get(prefix) ?? []) {
              found.add(id);
            }
          }
        }
      }
    }
  };

  return (word: string): readonly number[] => {
    const known = memo.get(word);
    if (known !== undefined) {
      return known;
    }
    const found = new Set<number>(exact.get(word));
    for (const length of prefixLengths) {
      if (length > word.length) {
        break;
      }
      const ids = prefixes.get(word.slice(0, length));
      if (ids !== undefined) {
        for (const id of ids) {
          found.add(id);
        }
      }
    }
    const code = word.charCodeAt(0);
    if (found.size === 0 && word.length >= 4 && code >= 97 && code <= 122 && !notTypos.has(word)) {
      typoTerms(word, found);
    }
    const result = found.size === 0 ? EMPTY : [...found];
    if (memo.size >= CACHE_LIMIT) {
      memo.clear();
    }
    memo.set(word, result);
    return result;
  };
}
