/** Typo tolerance: one letter added, dropped, changed or swapped, found fast with an index of one-letter deletions. */

/** True when `a` becomes `b` by at most one insertion, deletion, substitution or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) {
    return true;
  }
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) {
    return false;
  }
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) {
    i++;
  }
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) {
      return true;
    }
    return isSwapAt(a, b, i);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** True when `b` is `a` with two neighbouring letters swapped ("dzi" / "diz"). */
export function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) {
    return false;
  }
  let i = 0;
  while (a.charCodeAt(i) === b.charCodeAt(i)) {
    i++;
  }
  return isSwapAt(a, b, i);
}

function isSwapAt(a: string, b: string, i: number): boolean {
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** The word with each one of its letters left out. */
export function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) {
    out.push(word.slice(0, i) + word.slice(i + 1));
  }
  return out;
}

/**
 * Whether a written word may be a typo of a rule word: same first letter (people rarely miss it), both at least
 * four letters, and one edit apart ("pian", "paim", "dizy", "brething"). Real words that happen to be one edit
 * away ("fewer" from "fever") are listed in the plan's `notTypos` and never get here.
 */
export function isTypoOf(written: string, ruleWord: string): boolean {
  if (written.charCodeAt(0) !== ruleWord.charCodeAt(0)) {
    return false;
  }
  return Math.min(written.length, ruleWord.length) >= 4 && withinOneEdit(written, ruleWord);
}
