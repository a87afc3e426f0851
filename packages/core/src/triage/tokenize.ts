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
  /** The rule terms it may be (exact, prefix or typo). */
  terms: readonly number[];
  /** Whether it has terms (read without touching the list: most words have none). */
  hasTerms: boolean;
  /** The bits of the one-word cues it is. */
  cueBits: number;
  /** Whether it opens a new clause ("but", "pero"). */
  contrast: boolean;
  /** The code of its first character ("?" for a question, a digit for a number). */
  firstCode: number;
  /** The signs' phrases to try when the word is in the text (they may still need other words). */
  signCandidates: readonly number[];
  /** The same for the cues that are not plain one-word cues. */
  cueCandidates: readonly number[];
}

const LETTERS = 26;
const FIRST_NODES = 1024;
/** At most this many letters are kept in the table (26 × 2 bytes each); words beyond it are looked up each time. */
const MAX_NODES = 1 << 16;

/**
 * What the rules know of each word, found by walking the word's letters as the tokenizer reads them, so most
 * words are never cut out of the text nor hashed. A trie of the words seen so far (letters a-z only: words are
 * folded and apostrophes left out); new words go to `lookup`, which must always give the same answer for a word.
 */
export class WordTable {
  /** Node × 26 + letter → child node; 0 = none (node 0 is the root, never a child). 16 bits keep it in cache. */
  children = new Uint16Array(FIRST_NODES * LETTERS);
  /** Node → what is known of the word that ends there. */
  readonly infoAt: (WordInfo | undefined)[] = [undefined];
  private nodes = 1;
  readonly lookup: (word: string) => WordInfo;

  constructor(lookup: (word: string) => WordInfo) {
    this.lookup = lookup;
  }

  /** Looks the word up and remembers it. */
  add(word: string): WordInfo {
    const info = this.lookup(word);
    let node = 0;
    for (let i = 0; i < word.length; i++) {
      const letter = word.charCodeAt(i) - 97;
      if (letter < 0 || letter >= LETTERS) {
        return info;
      }
      let child = this.children[node * LETTERS + letter] ?? 0;
      if (child === 0) {
        if (this.nodes >= MAX_NODES) {
          return info;
        }
        child = this.nodes++;
        if (child * LETTERS >= this.children.length) {
          const children = new Uint16Array(2 * this.children.length);
          children.set(this.children);
          this.children = children;
        }
        this.children[node * LETTERS + letter] = child;
        this.infoAt[child] = undefined;
      }
      node = child;
    }
    if (node > 0) {
      this.infoAt[node] = info;
    }
    return info;
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
  words: string[];
  /** What the rules know of each word. */
  info: WordInfo[];
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
    words: [],
    info: [],
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
  const infoAt = table.infoAt;
  let count = 0;
  let sentence = 0;
  let clause = 0;
  let part = 0;
  let sentenceHasWords = false;
  const { words, info: infos, start: starts, end: ends } = out;
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
        words[count] = word;
        infos[count] = info;
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
      // The word's node in the table, 0 once it leaves the table.
      const children = table.children;
      let node = children[code - 97] ?? 0;
      i++;
      code = i < n ? text.charCodeAt(i) : 0;
      for (;;) {
        if (foldAsYouGo && mayFold(code)) {
          const folded = foldedCode(code);
          if (folded < 0) {
            return false;
          }
          changed ||= folded !== code;
          code = folded;
        }
        if (isLetter(code)) {
          node = node > 0 ? (children[node * LETTERS + code - 97] ?? 0) : 0;
          i++;
        } else if (isApostrophe(code) && i + 1 < n && isLetter(foldedLetterAt(text, i + 1, foldAsYouGo))) {
          const letter = foldedLetterAt(text, i + 1, foldAsYouGo);
          apostrophe = true;
          node = node > 0 ? (children[node * LETTERS + letter - 97] ?? 0) : 0;
          // Whether the letter after the apostrophe was folded.
          changed ||= text.charCodeAt(i + 1) !== letter;
          i += 2;
        } else {
          break;
        }
        code = i < n ? text.charCodeAt(i) : 0;
      }
      const known = node > 0 ? infoAt[node] : undefined;
      info = known ?? table.add(wordOf(text, start, i, changed, apostrophe));
      word = info.word;
      if (info.contrast) {
        clause++;
        part++;
      }
      wordStart = start;
      wordEnd = i;
      {
        words[count] = word;
        infos[count] = info;
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
          words[count] = word;
          infos[count] = info;
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
          words[count] = word;
          infos[count] = info;
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
