/** Splits a patient's free text into lower-case, accent-free words, and notes where each sentence and part of a sentence starts. */

/** Accented Latin letters folded to their base letter, one character for one, so offsets in the text stay valid. */
const FOLD = new Map<string, string>();
for (let code = 0xc0; code <= 0x24f; code++) {
  const char = String.fromCharCode(code);
  const base = char.normalize('NFD').charAt(0);
  if (base !== char && base.length === 1 && /[a-z]/i.test(base)) {
    FOLD.set(char, base.toLowerCase());
  }
}
for (const [char, base] of [
  ['ß', 's'],
  ['æ', 'a'],
  ['ø', 'o'],
  ['đ', 'd'],
  ['ł', 'l'],
  ['ı', 'i'],
] as const) {
  FOLD.set(char, base);
}
const NON_ASCII = /[^ -~\t\n\r]/;
const FOLDABLE = /[\u00c0-\u024f]/g;
const APOSTROPHES = /['’ʼ`´]/g;

/** Lower-case, without accents: "Fiébre" → "fiebre". Keeps the length of the text. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  return NON_ASCII.test(lower) ? lower.replace(FOLDABLE, (char) => FOLD.get(char) ?? char) : lower;
}

/** One word as the rules compare it: folded, without apostrophes ("Can't" → "cant"). */
export function foldWord(word: string): string {
  return foldText(word).replace(APOSTROPHES, '');
}

/** Not yet worked out: FOLDED_CODE fills itself as characters come. */
const UNKNOWN = -2;
/** foldText of each character as one character code, or -1 when it must not be folded alone (see foldedCode). */
const FOLDED_CODE = new Int32Array(0x10000).fill(UNKNOWN);
const CAPITAL_SIGMA = 0x3a3;

/**
 * The folded code of one character, or -1 when the tokenizer must fold the whole text first. Lower-casing and
 * folding a character does not depend on its neighbours, except for a capital sigma (lower-cased by its place in
 * the word) and the halves of a surrogate pair; and a few characters become two ("İ"). For every other character
 * the folded text is the folded characters one after the other, so the tokenizer folds as it reads.
 */
function foldedCode(code: number): number {
  let folded = FOLDED_CODE[code] ?? -1;
  if (folded === UNKNOWN) {
    if (code === CAPITAL_SIGMA || (code >= 0xd800 && code <= 0xdfff)) {
      folded = -1;
    } else {
      const text = foldText(String.fromCharCode(code));
      folded = text.length === 1 ? text.charCodeAt(0) : -1;
    }
    FOLDED_CODE[code] = folded;
  }
  return folded;
}

/** What the rules know of a word. */
export interface WordInfo {
  /** The word, folded, without apostrophes. */
  word: string;
  /** Whether it opens a new clause ("but", "pero"). */
  contrast: boolean;
  /**
   * What triage reads of the word for each check-in, in one flat list of small integers (see WORD_CUE_BITS and
   * after): reading a word then costs one memory fetch, where separate lists cost one each (cache misses are most
   * of triage's time).
   */
  data: readonly number[];
}

/** In WordInfo.data: the bits of the plain one-word cues the word is; */
export const WORD_CUE_BITS = 0;
/** the code of its first character ("?" for a question, a digit for a number); */
export const WORD_FIRST_CODE = 1;
/** how many rule terms it may be (exact, prefix or typo), then those terms; */
export const WORD_TERM_COUNT = 2;
export const WORD_TERMS = 3;
/**
 * after the terms, how many signs' phrases to try when the word is in the text (they may still need other words),
 * then those phrases; then, up to the end, the cues' phrases to try (cues that are not plain one-word cues).
 */
export function wordData(
  cueBits: number,
  firstCode: number,
  terms: readonly number[],
  signCandidates: readonly number[],
  cueCandidates: readonly number[],
): number[] {
  // Built item by item so that the engine keeps it a packed list of small integers.
  const data: number[] = [];
  data.push(cueBits, firstCode, terms.length);
  terms.forEach((term) => data.push(term));
  data.push(signCandidates.length);
  signCandidates.forEach((phrase) => data.push(phrase));
  cueCandidates.forEach((phrase) => data.push(phrase));
  return data;
}

/** Letters packed per key lane: 6 × 5 bits stay within a positive 32-bit integer. */
const LETTERS_PER_LANE = 6;
/** Words up to this long get an exact key of two lanes; longer ones are looked up each time (they are rare). */
const MAX_KEYED_LETTERS = 2 * LETTERS_PER_LANE;
/** Each slot holds [first lane, second lane, index in `data`, unused]; a first lane of 0 marks an empty slot. */
const SLOT_SIZE = 4;
const FIRST_SLOTS = 4096;
/** At most this many words are kept in the table; beyond it, new words are looked up each time. */
const MAX_WORDS = 1 << 16;

/**
 * The key of a word of letters a-z: its letters as 5-bit numbers 1-26, six to a lane. No letter is 0, so the key
 * is exact (two words share it only when they are the same word): a match needs no comparison of the letters.
 */
function keyLane(lane: number, letter: number): number {
  return (lane << 5) | (letter - 96);
}

function slotOf(lane1: number, lane2: number, shift: number): number {
  return Math.imul(lane1 ^ Math.imul(lane2, 0x9e3779b1), 0x85ebca6b) >>> shift;
}

/**
 * What the rules know of each word, found by the word's exact key, which the tokenizer packs as it reads the
 * letters, so most words are never cut out of the text nor hashed as strings. A flat open-addressing table: one
 * probe usually reads one cache line, where walking a letter tree read one per letter. New words go to `lookup`,
 * which must always give the same answer for a word.
 */
export class WordTable {
  slots = new Int32Array(FIRST_SLOTS * SLOT_SIZE);
  /** The top bits of the mixed key pick the slot. */
  shift = 32 - Math.log2(FIRST_SLOTS);
  /** By index: the `data` and `contrast` of each word in the table (so the tokenizer never reads a WordInfo). */
  readonly data: (readonly number[])[] = [];
  readonly contrast: boolean[] = [];
  readonly lookup: (word: string) => WordInfo;

  constructor(lookup: (word: string) => WordInfo) {
    this.lookup = lookup;
  }

  /** The index of the word with this key (at most MAX_KEYED_LETTERS letters) if it was seen before, else -1. */
  find(lane1: number, lane2: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    for (let slot = slotOf(lane1, lane2, this.shift); ; slot = (slot + 1) & mask) {
      const at = slot * SLOT_SIZE;
      const first = slots[at] ?? 0;
      if (first === 0) {
        return -1;
      }
      if (first === lane1 && slots[at + 1] === lane2) {
        return slots[at + 2] ?? 0;
      }
    }
  }

  /** Looks the word up and remembers it. */
  add(word: string): WordInfo {
    const info = this.lookup(word);
    if (word.length === 0 || word.length > MAX_KEYED_LETTERS || this.data.length >= MAX_WORDS) {
      return info;
    }
    let lane1 = 0;
    let lane2 = 0;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      if (code < 97 || code > 122) {
        return info;
      }
      if (i < LETTERS_PER_LANE) {
        lane1 = keyLane(lane1, code);
      } else {
        lane2 = keyLane(lane2, code);
      }
    }
    if (this.find(lane1, lane2) >= 0) {
      return info;
    }
    // Kept at most half full, so probes stay short.
    if (2 * (this.data.length + 1) * SLOT_SIZE > this.slots.length) {
      this.grow();
    }
    this.data.push(info.data);
    this.contrast.push(info.contrast);
    this.put(lane1, lane2, this.data.length - 1);
    return info;
  }

  private put(lane1: number, lane2: number, index: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    let slot = slotOf(lane1, lane2, this.shift);
    while ((slots[slot * SLOT_SIZE] ?? 0) !== 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot * SLOT_SIZE] = lane1;
    slots[slot * SLOT_SIZE + 1] = lane2;
    slots[slot * SLOT_SIZE + 2] = index;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * old.length);
    this.shift--;
    for (let at = 0; at < old.length; at += SLOT_SIZE) {
      if ((old[at] ?? 0) !== 0) {
        this.put(old[at] ?? 0, old[at + 1] ?? 0, old[at + 2] ?? 0);
      }
    }
  }
}

/** The words of one text. Arrays are reused between calls: read them before tokenizing again. */
export interface Tokens {
  /**
   * The text the offsets point into: the original when it was folded as it was read (nearly always), else the
   * folded text (same length as the original unless lower-casing changed it).
   */
  text: string;
  count: number;
  /** What the rules know of each word: the `data` of its WordInfo (the word itself is the text between start and end). */
  data: (readonly number[])[];
  start: number[];
  end: number[];
  /** Sentence index: a new one after . ! ? ; or a line break. */
  sentence: number[];
  /** Clause index: a new one at each sentence and at each contrast word such as "but" or "pero". */
  clause: number[];
  /** Part index: a new one at each clause and at each comma, colon or bracket. */
  part: number[];
  sentences: number;
  clauses: number;
  parts: number;
}

export function newTokens(): Tokens {
  return {
    text: '',
    count: 0,
    data: [],
    start: [],
    end: [],
    sentence: [],
    clause: [],
    part: [],
    sentences: 0,
    clauses: 0,
    parts: 0,
  };
}

function isLetter(code: number): boolean {
  return code >= 97 && code <= 122; // a-z
}
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57; // 0-9
}
function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 0x2bc || code === 96 || code === 0xb4;
}

/**
 * Tokenizes `original` into `out`. Numbers keep their decimal point or comma ("38,6") and score or time marks
 * ("7/10"); a question mark and a degree sign become words of their own ("?", "°"). Words whose `lookup` says
 * `contrast` open a new clause.
 */
export function tokenize(original: string, table: WordTable, out: Tokens): Tokens {
  // Nearly every text folds character by character; the few that do not are folded as a whole first.
  if (!tokenizeText(original, true, table, out)) {
    tokenizeText(foldText(original), false, table, out);
  }
  return out;
}

/** The word of the text between start and end, folded, without apostrophes. */
function wordOf(text: string, start: number, end: number, fold: boolean, apostrophe: boolean): string {
  const raw = text.slice(start, end);
  const word = fold ? foldText(raw) : raw;
  return apostrophe ? word.replace(APOSTROPHES, '') : word;
}

/**
 * Tokenizes `text` into `out`. With `foldAsYouGo`, the text is the original and each character is folded as it is
 * read; false (without filling `out`) when a character cannot be folded alone. Without it, the text is folded.
 */
function tokenizeText(text: string, foldAsYouGo: boolean, table: WordTable, out: Tokens): boolean {
  const lookup = table.lookup;
  let count = 0;
  let sentence = 0;
  let clause = 0;
  let part = 0;
  let sentenceHasWords = false;
  const { data: datas, start: starts, end: ends } = out;
  const sentences = out.sentence;
  const clauses = out.clause;
  const parts = out.part;
  // Written out rather than as closures: this loop is the hot path of triage (closures measured ~30% slower).
  let word = '';
  let wordStart = 0;
  let wordEnd = 0;
  let info: WordInfo;
  const n = text.length;
  let i = 0;
  let code = n > 0 ? text.charCodeAt(0) : 0;
  if (foldAsYouGo && mayFold(code)) {
    code = foldedCode(code);
    if (code < 0) {
      return false;
    }
  }
  while (i < n) {
    // A space (about one character in five) ends nothing and folds to itself.
    if (code === 32) {
      i++;
      code = i < n ? text.charCodeAt(i) : 0;
      if (foldAsYouGo && mayFold(code)) {
        code = foldedCode(code);
        if (code < 0) {
          return false;
        }
      }
      continue;
    }
    if (isDigit(code)) {
      const start = i;
      i++;
      for (;;) {
        while (i < n && isDigit(text.charCodeAt(i))) {
          i++;
        }
        const sep = text.charCodeAt(i);
        // 38.6, 38,6, 7/10, 10:30 stay one token; "38, 6" does not.
        if ((sep === 46 || sep === 44 || sep === 47 || sep === 58) && isDigit(text.charCodeAt(i + 1))) {
          i += 2;
          continue;
        }
        break;
      }
      // Digits and their separators fold to themselves.
      word = text.slice(start, i);
      info = lookup(word);
      wordStart = start;
      wordEnd = i;
      {
        datas[count] = info.data;
        starts[count] = wordStart;
        ends[count] = wordEnd;
        sentences[count] = sentence;
        clauses[count] = clause;
        parts[count] = part;
        count++;
        sentenceHasWords = true;
      }
      code = i < n ? text.charCodeAt(i) : 0;
      if (foldAsYouGo && mayFold(code)) {
        code = foldedCode(code);
        if (code < 0) {
          return false;
        }
      }
      continue;
    }
    if (isLetter(code)) {
      const start = i;
      let apostrophe = false;
      // Whether any letter is not yet folded (upper case, accents).
      let changed = text.charCodeAt(i) !== code;
      // The word's key, packed as the letters come (see keyLane); its length says whether the key is whole.
      let letters = 1;
      let lane1 = code - 96;
      let lane2 = 0;
      i++;
      code = i < n ? text.charCodeAt(i) : 0;
      for (;;) {
        let letter: number;
        // A lower-case letter (most characters) is checked first: it needs no folding.
        if (isLetter(code)) {
          letter = code;
          i++;
        } else {
          if (foldAsYouGo && mayFold(code)) {
            const folded = foldedCode(code);
            if (folded < 0) {
              return false;
            }
            changed ||= folded !== code;
            code = folded;
          }
          if (isLetter(code)) {
            letter = code;
            i++;
          } else if (isApostrophe(code) && i + 1 < n && isLetter(foldedLetterAt(text, i + 1, foldAsYouGo))) {
            letter = foldedLetterAt(text, i + 1, foldAsYouGo);
            apostrophe = true;
            // Whether the letter after the apostrophe was folded.
            changed ||= text.charCodeAt(i + 1) !== letter;
            i += 2;
          } else {
            break;
          }
        }
        if (letters < LETTERS_PER_LANE) {
          lane1 = keyLane(lane1, letter);
        } else {
          lane2 = keyLane(lane2, letter);
        }
        letters++;
        code = i < n ? text.charCodeAt(i) : 0;
      }
      // A known word is read from the table's lists without touching its info object (one cache miss less).
      const known = letters <= MAX_KEYED_LETTERS ? table.find(lane1, lane2) : -1;
      let data: readonly number[];
      let contrast: boolean;
      if (known >= 0) {
        data = table.data[known] as readonly number[];
        contrast = table.contrast[known] === true;
      } else {
        info = table.add(wordOf(text, start, i, changed, apostrophe));
        data = info.data;
        contrast = info.contrast;
      }
      if (contrast) {
        clause++;
        part++;
      }
      wordStart = start;
      wordEnd = i;
      {
        datas[count] = data;
        starts[count] = wordStart;
        ends[count] = wordEnd;
        sentences[count] = sentence;
        clauses[count] = clause;
        parts[count] = part;
        count++;
        sentenceHasWords = true;
      }
      // `code` is already the (folded) character after the word.
      continue;
    }
    switch (code) {
      case 46: // .
      case 33: // !
      case 59: // ;
      case 10: // line break
        if (sentenceHasWords) {
          sentence++;
          clause++;
          part++;
          sentenceHasWords = false;
        }
        break;
      case 63: // ?
      case 0xbf: // ¿ opens a question
        if (code === 0xbf) {
          if (sentenceHasWords) {
            sentence++;
            clause++;
            part++;
            sentenceHasWords = false;
          }
        }
        word = '?';
        info = lookup(word);
        wordStart = i;
        wordEnd = i + 1;
        {
          datas[count] = info.data;
          starts[count] = wordStart;
          ends[count] = wordEnd;
          sentences[count] = sentence;
          clauses[count] = clause;
          parts[count] = part;
          count++;
          sentenceHasWords = true;
        }
        if (code === 63) {
          sentence++;
          clause++;
          part++;
          sentenceHasWords = false;
        }
        break;
      case 44: // ,
      case 58: // :
      case 40: // (
      case 41: // )
        part++;
        break;
      case 0xb0: // °
      case 0xba: // º, often typed for °
      case 38: // &
      case 37: // %
        word = code === 38 ? 'and' : code === 37 ? '%' : '°';
        info = lookup(word);
        wordStart = i;
        wordEnd = i + 1;
        {
          datas[count] = info.data;
          starts[count] = wordStart;
          ends[count] = wordEnd;
          sentences[count] = sentence;
          clauses[count] = clause;
          parts[count] = part;
          count++;
          sentenceHasWords = true;
        }
        break;
      default:
        break;
    }
    i++;
    code = i < n ? text.charCodeAt(i) : 0;
    if (foldAsYouGo && mayFold(code)) {
      code = foldedCode(code);
      if (code < 0) {
        return false;
      }
    }
  }
  out.text = text;
  out.count = count;
  out.sentences = sentence + 1;
  out.clauses = clause + 1;
  out.parts = part + 1;
  return true;
}

/** Whether folding may change the character: anything but plain ASCII below "A" and lower-case letters. */
function mayFold(code: number): boolean {
  return code > 122 || (code >= 65 && code <= 90);
}

/** The character at i, folded when the text is read folding as it goes (-1 when it cannot be folded alone). */
function foldedLetterAt(text: string, i: number, foldAsYouGo: boolean): number {
  const code = text.charCodeAt(i);
  return foldAsYouGo && mayFold(code) ? foldedCode(code) : code;
}
