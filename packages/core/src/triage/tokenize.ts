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

/** The words of one text. Arrays are reused between calls: read them before tokenizing again. */
export interface Tokens {
  /** The folded text the offsets point into (same length as the original unless lower-casing changed it). */
  text: string;
  count: number;
  words: string[];
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
 * ("7/10"); a question mark and a degree sign become words of their own ("?", "°"). `contrast` words open a
 * new clause.
 */
export function tokenize(original: string, contrast: ReadonlySet<string>, out: Tokens): Tokens {
  const text = foldText(original);
  out.text = text;
  let count = 0;
  let sentence = 0;
  let clause = 0;
  let part = 0;
  let sentenceHasWords = false;
  const { words, start: starts, end: ends } = out;
  const sentences = out.sentence;
  const clauses = out.clause;
  const parts = out.part;
  // Written out rather than as closures: this loop is the hot path of triage.
  let word = '';
  let wordStart = 0;
  let wordEnd = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
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
      word = text.slice(start, i);
      wordStart = start;
      wordEnd = i;
      {
        words[count] = word;
        starts[count] = wordStart;
        ends[count] = wordEnd;
        sentences[count] = sentence;
        clauses[count] = clause;
        parts[count] = part;
        count++;
        sentenceHasWords = true;
      }
      continue;
    }
    if (isLetter(code)) {
      const start = i;
      let apostrophe = false;
      i++;
      for (;;) {
        const next = text.charCodeAt(i);
        if (isLetter(next)) {
          i++;
        } else if (isApostrophe(next) && isLetter(text.charCodeAt(i + 1))) {
          apostrophe = true;
          i += 2;
        } else {
          break;
        }
      }
      const raw = text.slice(start, i);
      word = apostrophe ? raw.replace(APOSTROPHES, '') : raw;
      if (contrast.has(word)) {
        clause++;
        part++;
      }
      wordStart = start;
      wordEnd = i;
      {
        words[count] = word;
        starts[count] = wordStart;
        ends[count] = wordEnd;
        sentences[count] = sentence;
        clauses[count] = clause;
        parts[count] = part;
        count++;
        sentenceHasWords = true;
      }
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
        wordStart = i;
        wordEnd = i + 1;
        {
          words[count] = word;
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
        wordStart = i;
        wordEnd = i + 1;
        {
          words[count] = word;
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
  }
  out.count = count;
  out.sentences = sentence + 1;
  out.clauses = clause + 1;
  out.parts = part + 1;
  return out;
}
