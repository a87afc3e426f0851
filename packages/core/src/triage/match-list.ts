/** The candidate findings of one text, in objects reused from call to call (most check-ins have one or two). */

/** Where a sign's phrase matched in the text. */
export interface Match {
  sign: number;
  raw: boolean;
  minimizable: boolean;
  lo: number;
  hi: number;
  /** Positions of the phrase's own words: the first `atCount` items (the array is reused). */
  at: number[];
  atCount: number;
  /** Among findings over the same words: the order in which they were found. */
  order: number;
}

/** Whether position j is one of the match's own words. */
export function isOwnWord(m: Match, j: number): boolean {
  const at = m.at;
  for (let k = 0; k < m.atCount; k++) {
    if (at[k] === j) {
      return true;
    }
  }
  return false;
}

/**
 * The first `count` items are this text's matches. Objects past `count` are kept for the next texts, so that
 * reading a check-in allocates no match objects once the list has grown to the usual size.
 */
export class MatchList {
  items: Match[] = [];
  count = 0;

  /** The object the next match is written into; it joins the list only on `keep`. */
  spare(): Match {
    let m = this.items[this.count];
    if (m === undefined) {
      m = { sign: 0, raw: false, minimizable: false, lo: 0, hi: 0, at: [], atCount: 0, order: 0 };
      this.items.push(m);
    }
    return m;
  }

  /** Adds the spare (after it was filled in). */
  keep(): void {
    this.count++;
  }
}
