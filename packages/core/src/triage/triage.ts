/** triage(plan, checkIn): the pure answer to "how urgent is this?", with the sign and the evidence behind each finding. */
import {
  compileRules,
  CUE,
  QUESTION_BIT,
  SIGN_BIT,
  TERM_FIELDS,
  TERM_FIRST,
  TERM_LAST,
  TERM_RANK,
  TERM_SEEN,
  type CompiledPhrase,
  type CompiledRules,
  type Scratch,
} from './compile.ts';
import { isOwnWord, type Match, type MatchList } from './match-list.ts';
import type { SignLevel, TriageRules } from './rules-schema.ts';
import { tokenize, WORD_CUE_BITS, WORD_FIRST_CODE, WORD_TERM_COUNT, WORD_TERMS, type Tokens } from './tokenize.ts';

export type Disposition = 'emergency' | 'contact-provider' | 'self-care';
export type AdviceKey = `advice.${Disposition}`;

export interface TriageReason {
  sign: string;
  level: SignLevel;
  /** The words or the field that showed it, e.g. "chest hurts" or "temperature 38.4 °C". */
  evidence: string;
}

export interface TriageResult {
  disposition: Disposition;
  reasons: TriageReason[];
  advice: AdviceKey;
}

export interface Temperature {
  value: number;
  unit: 'C' | 'F';
}

/** What triage needs of a care plan (a CarePlan has it). */
export interface TriagePlan {
  triage: TriageRules;
  settings: { feverThreshold: Temperature };
}

/** What triage reads of a check-in (a parsed CheckIn has it). */
export interface TriageInput {
  /** The patient's language. Triage reads every language of the plan in any text, as patients mix them. */
  language?: string | undefined;
  text?: string | undefined;
  signs?: readonly string[] | undefined;
  temperature?: Temperature | undefined;
  pain?: { score: number; medicineTaken: boolean } | undefined;
}

const RANK: Record<Disposition, number> = { 'self-care': 0, 'contact-provider': 1, emergency: 2 };

/** Degrees Celsius, rounded to 1/100 so that 100.4 °F is exactly 38 °C. */
export function toCelsius({ value, unit }: Temperature): number {
  const celsius = unit === 'C' ? value : ((value - 32) * 5) / 9;
  return Math.round(celsius * 100) / 100;
}

/**
 * Judgment calls (clinical choices a reviewer should see, made in favour of the patient's safety):
 * - Dizziness of any degree is an emergency, even "a bit lightheaded when I stand up fast": the plan lists
 *   dizziness as an emergency sign, and after a marrow harvest it can mean blood loss.
 * - An emergency sign that has stopped ("chest pain this morning, gone now", "no longer dizzy") still counts; a
 *   contact-the-team sign that has stopped ("the nausea went away") does not. A small bleed ("a spot of blood on
 *   the gauze", "it bled a little and stopped") is self-care; bleeding without such words is an emergency.
 * - A mild or plain headache is one of the known donor symptoms (self-care); a bad, severe or sudden one is an
 *   emergency. Back, hip, muscle and throat pain, tiredness and poor sleep are self-care.
 * - Any question is a "question or concern" (call the team), including "what if I get a fever?"; an emergency
 *   sign asked about ("is it normal to feel dizzy?") stays an emergency.
 * - Feeling hot or feverish counts as fever (call the team) even next to a normal reading.
 */

/**
 * The disposition for one check-in: the highest level among ticked signs, the temperature and pain fields, and
 * the signs found in the patient's own words. Pure and deterministic; never lowers what any detector found.
 *
 * @example
 * triage(plan, { text: 'no fever but my chest hurts' });
 * // { disposition: 'emergency', reasons: [{ sign: 'chest-pain', level: 'emergency', evidence: 'chest hurts' }], advice: 'advice.emergency' }
 */
export function triage(plan: TriagePlan, checkIn: TriageInput): TriageResult {
  const rules = compileRules(plan.triage);
  const scratch = rules.scratch;
  if (scratch.call >= GENERATION_LIMIT) {
    scratch.call = 0;
    scratch.signFound.fill(0);
  }
  const found: Found = { rules, reasons: [], signFound: scratch.signFound, call: ++scratch.call };
  const add = addReason;

  const ticked = checkIn.signs;
  if (ticked !== undefined) {
    for (let i = 0; i < ticked.length; i++) {
      const id = ticked[i] as string;
      const sign = rules.signIndex.get(id);
      if (sign !== undefined) {
        add(found, sign, `box ticked: ${id}`);
      }
    }
  }
  const thresholdCelsius = toCelsius(plan.settings.feverThreshold);
  const temperature = checkIn.temperature;
  if (temperature !== undefined && toCelsius(temperature) >= thresholdCelsius) {
    add(found, rules.temperatureSign, `temperature ${temperature.value} °${temperature.unit}`);
  }
  const pain = checkIn.pain;
  if (pain !== undefined && pain.medicineTaken && pain.score >= rules.painScore) {
    add(found, rules.painSign, `pain ${pain.score}/10 after taking pain medicine`);
  }
  if (typeof checkIn.text === 'string' && checkIn.text.length > 0) {
    readText(rules, checkIn.text, thresholdCelsius, found);
  }

  const reasons = found.reasons;
  if (reasons.length > 1) {
    sortByLevel(reasons);
  }
  const disposition: Disposition = reasons[0]?.level ?? 'self-care';
  return { disposition, reasons, advice: ADVICE[disposition] };
}

interface Found {
  rules: CompiledRules;
  reasons: TriageReason[];
  /** Sign index → `call` when it has a reason, to keep one reason per sign. */
  signFound: Int32Array;
  call: number;
}

function hasReason(found: Found, sign: number): boolean {
  return found.signFound[sign] === found.call;
}

const ADVICE: Record<Disposition, AdviceKey> = {
  emergency: 'advice.emergency',
  'contact-provider': 'advice.contact-provider',
  'self-care': 'advice.self-care',
};

/** Most urgent first, found order kept among equals (a stable insertion sort: there are few reasons). */
function sortByLevel(reasons: TriageReason[]): void {
  for (let i = 1; i < reasons.length; i++) {
    const reason = reasons[i] as TriageReason;
    const rank = RANK[reason.level];
    let j = i - 1;
    while (j >= 0 && RANK[(reasons[j] as TriageReason).level] < rank) {
      reasons[j + 1] = reasons[j] as TriageReason;
      j--;
    }
    reasons[j + 1] = reason;
  }
}

/** Keeps the first reason found for each sign. */
function addReason(found: Found, sign: number, evidence: string): void {
  const compiled = found.rules.signs[sign];
  if (compiled === undefined) {
    return;
  }
  if (hasReason(found, sign)) {
    return;
  }
  found.signFound[sign] = found.call;
  found.reasons.push({ sign: compiled.id, level: compiled.level, evidence });
}

/** How many words back a negation reaches ("I don't think that I have a fever"). */
const NEGATION_REACH = 6;
/** How many linking words may stand between two items of a denied list. */
const LIST_GAP = 4;
const GENERATION_LIMIT = 1 << 30;

function readText(rules: CompiledRules, text: string, thresholdCelsius: number, found: Found): void {
  const scratch = rules.scratch;
  const t = tokenize(text, rules.words, scratch.tokens);
  const n = t.count;
  if (n === 0) {
    return;
  }
  if (scratch.generation >= GENERATION_LIMIT) {
    scratch.generation = 0;
    scratch.terms.fill(0);
    scratch.phraseSeen.fill(0);
  }
  const generation = ++scratch.generation;
  if (scratch.flags.length < n + 1) {
    scratch.flags = new Int32Array(2 * n + 1);
    scratch.endState = new Int8Array(2 * n + 1);
  } else {
    scratch.flags[n] = 0;
  }
  const flags = scratch.flags;
  const endState = scratch.endState;
  const termState = scratch.terms;
  const datas = t.data;

  // 1. Which phrase words occur where; plain one-word cues mark their word right away.
  let touchedCount = 0;
  let hasNumber = false;
  let hasQuestion = false;
  const { phraseSeen, signsToTry, cuesToTry } = scratch;
  let signCount = 0;
  let cueCount = 0;
  for (let i = 0; i < n; i++) {
    const data = datas[i] as readonly number[];
    const code = data[WORD_FIRST_CODE] ?? 0;
    let f = data[WORD_CUE_BITS] ?? 0;
    if (code === 63) {
      f |= QUESTION_BIT;
      hasQuestion = true;
    } else if (code >= 48 && code <= 57) {
      hasNumber = true;
    }
    flags[i] = f;
    const termsEnd = WORD_TERMS + (data[WORD_TERM_COUNT] ?? 0);
    if (termsEnd === WORD_TERMS) {
      continue;
    }
    for (let k = WORD_TERMS; k < termsEnd; k++) {
      const id = data[k] ?? 0;
      const at = id * TERM_FIELDS;
      if (termState[at + TERM_SEEN] !== generation) {
        termState[at + TERM_SEEN] = generation;
        termState[at + TERM_RANK] = touchedCount++;
        termState[at + TERM_FIRST] = i;
      }
      termState[at + TERM_LAST] = i;
    }
    const signsEnd = termsEnd + 1 + (data[termsEnd] ?? 0);
    for (let k = termsEnd + 1; k < signsEnd; k++) {
      const p = data[k] ?? 0;
      if (phraseSeen[p] !== generation) {
        phraseSeen[p] = generation;
        signsToTry[signCount++] = p;
      }
    }
    for (let k = signsEnd; k < data.length; k++) {
      const p = data[k] ?? 0;
      if (phraseSeen[p] !== generation) {
        phraseSeen[p] = generation;
        cuesToTry[cueCount++] = p;
      }
    }
  }

  // 2. Which phrases match: cues mark the words they cover, signs become candidate findings.
  // Signs first: most harmless days stop here, before any cue is looked at.
  const list = scratch.matches;
  list.count = 0;
  const phrases = rules.phrases;
  const { neededTerms, neededStart } = rules;
  for (let k = 0; k < signCount; k++) {
    const p = signsToTry[k] ?? 0;
    if (allSeen(neededTerms, neededStart[p] ?? 0, neededStart[p + 1] ?? 0, termState, generation)) {
      const phrase = phrases[p] as CompiledPhrase;
      // Findings keep the order of the phrase's first word in the text, then of the phrase in the rules.
      const order = (termState[(phrase.terms[0] ?? 0) * TERM_FIELDS + TERM_RANK] ?? 0) * phrases.length + p;
      findMatches(t, phrase, scratch, generation, flags, list, order);
    }
  }
  if (list.count === 0 && !hasNumber) {
    return;
  }
  // Cleared only here: most harmless texts have returned above.
  clear(endState, n + 1);
  for (let k = 0; k < cueCount; k++) {
    const p = cuesToTry[k] ?? 0;
    if (allSeen(neededTerms, neededStart[p] ?? 0, neededStart[p + 1] ?? 0, termState, generation)) {
      findMatches(t, phrases[p] as CompiledPhrase, scratch, generation, flags, list, 0);
    }
  }
  const matches = list.items;
  const matchCount = list.count;
  for (let k = 0; k < matchCount; k++) {
    const m = matches[k] as Match;
    for (let j = m.lo; j <= m.hi; j++) {
      flags[j] = (flags[j] ?? 0) | SIGN_BIT;
    }
  }
  // "my" in "my husband" introduces someone else: it does not bring the sentence back to the patient.
  let firstOther = n;
  for (let i = 0; i < n; i++) {
    const f = flags[i] ?? 0;
    if (f & CUE.otherPerson) {
      firstOther = Math.min(firstOther, i);
      if (i > 0 && (flags[i - 1] ?? 0) & CUE.firstPerson) {
        flags[i - 1] = (flags[i - 1] ?? 0) & ~CUE.firstPerson;
      }
    }
  }
  if (scratch.partBits.length < t.parts) {
    scratch.sentenceBits = new Int32Array(2 * t.parts);
    scratch.clauseBits = new Int32Array(2 * t.parts);
    scratch.partBits = new Int32Array(2 * t.parts);
  } else {
    clear(scratch.sentenceBits, t.sentences);
    clear(scratch.clauseBits, t.clauses);
    clear(scratch.partBits, t.parts);
  }
  const { sentenceBits, clauseBits, partBits } = scratch;
  for (let i = 0; i < n; i++) {
    const f = flags[i] ?? 0;
    const sentence = t.sentence[i] ?? 0;
    const clause = t.clause[i] ?? 0;
    const part = t.part[i] ?? 0;
    sentenceBits[sentence] = (sentenceBits[sentence] ?? 0) | f;
    clauseBits[clause] = (clauseBits[clause] ?? 0) | f;
    partBits[part] = (partBits[part] ?? 0) | f;
  }

  if (hasQuestion) {
    markFormAnswers(t, flags, sentenceBits);
  }
  const context: Context = { t, flags, sentenceBits, clauseBits, partBits, firstOther, endState };

  // 3. Keep the findings that are about the patient, now, and not denied.
  if (matchCount > 16) {
    const sorted = matches.slice(0, matchCount).sort(byPosition);
    for (let k = 0; k < matchCount; k++) {
      matches[k] = sorted[k] as Match;
    }
  } else if (matchCount > 1) {
    sortByPosition(matches, matchCount);
  }
  const original = text.length === t.text.length ? text : t.text;
  // The span of the last denied finding: a finding inside it shares its fate ("no leg swelling" denies "swelling").
  let deniedLo = -1;
  let deniedHi = -1;
  for (let k = 0; k < matchCount; k++) {
    const m = matches[k] as Match;
    const level = rules.signs[m.sign]?.level ?? 'contact-provider';
    let keep = true;
    if (m.raw) {
      // "Fever? No." is a form being filled in, not a question.
      keep = (flags[m.lo] ?? 0) & FORM_LABEL_BIT ? false : true;
    } else {
      const inside = m.lo >= deniedLo && m.hi <= deniedHi && m.hi - m.lo < deniedHi - deniedLo;
      const denied = inside || isDenied(context, m, level);
      if (denied && !inside) {
        deniedLo = m.lo;
        deniedHi = m.hi;
      }
      endState[m.hi] = denied || endState[m.hi] === 2 ? 2 : 1;
      keep =
        !denied &&
        !(m.minimizable && isMinimized(context, m)) &&
        !isHypothetical(context, m.lo) &&
        !isAboutSomeoneElse(context, m.lo, m.hi) &&
        !isDistantPast(context, m.lo);
    }
    // The evidence is cut out of the text only for the first finding of its sign (the one that is kept).
    if (keep && !hasReason(found, m.sign)) {
      addReason(found, m.sign, evidenceOf(original, t, m));
    }
  }

  // 4. Temperatures written in the text.
  if (hasNumber && rules.temperatureSign >= 0) {
    readTemperatures(context, original, thresholdCelsius, found, rules.temperatureSign);
  }
}

/** Zeroes the first `length` items (a loop: TypedArray#fill costs more to call than to run on a few items). */
function clear(array: Int32Array | Int8Array, length: number): void {
  for (let i = 0; i < length; i++) {
    array[i] = 0;
  }
}

function byPosition(a: Match, b: Match): number {
  return a.lo - b.lo || a.hi - b.hi || a.order - b.order;
}

/** A stable insertion sort: a check-in has few findings, and Array#sort costs more to call than to run here. */
function sortByPosition(matches: Match[], count: number): void {
  for (let i = 1; i < count; i++) {
    const m = matches[i] as Match;
    let j = i - 1;
    while (j >= 0 && byPosition(matches[j] as Match, m) > 0) {
      matches[j + 1] = matches[j] as Match;
      j--;
    }
    matches[j + 1] = m;
  }
}

/** Whether the text has every term of needed[from..to). */
function allSeen(needed: Int32Array, from: number, to: number, termState: Int32Array, generation: number): boolean {
  for (let k = from; k < to; k++) {
    if (termState[(needed[k] ?? 0) * TERM_FIELDS + TERM_SEEN] !== generation) {
      return false;
    }
  }
  return true;
}

/** Whether word q is a question mark (the only word that starts with one). */
function isQuestionMark(t: Tokens, q: number): boolean {
  return t.data[q]?.[WORD_FIRST_CODE] === 63;
}

/** Whether word q of the text (if there is one) may be the term. */
function hasTerm(t: Tokens, q: number, term: number): boolean {
  if (q >= t.count) {
    return false;
  }
  const data = t.data[q] as readonly number[];
  const termsEnd = WORD_TERMS + (data[WORD_TERM_COUNT] ?? 0);
  for (let k = WORD_TERMS; k < termsEnd; k++) {
    if (data[k] === term) {
      return true;
    }
  }
  return false;
}

/** A cue marks the words it covers; a sign's phrase becomes a candidate finding. */
function findMatches(
  t: Tokens,
  phrase: CompiledPhrase,
  scratch: Scratch,
  generation: number,
  flags: Int32Array,
  list: MatchList,
  order: number,
): void {
  const first = phrase.terms[0] ?? 0;
  if (phrase.sign < 0 && phrase.ordered && phrase.excludeNext < 0 && phrase.excludeInSentence < 0) {
    markCue(t, phrase, scratch, flags);
    return;
  }
  const last = scratch.terms[first * TERM_FIELDS + TERM_LAST] ?? -1;
  for (let p = scratch.terms[first * TERM_FIELDS + TERM_FIRST] ?? 0; p <= last; p++) {
    if (!hasTerm(t, p, first)) {
      continue;
    }
    // Filled in place, and kept only for a sign's phrase that matches.
    const m = list.spare();
    const at = m.at;
    const atCount = matchAt(t, phrase, scratch, generation, p, at);
    if (atCount === 0) {
      continue;
    }
    let lo = at[0] ?? 0;
    let hi = lo;
    for (let k = 1; k < atCount; k++) {
      const q = at[k] ?? 0;
      lo = q < lo ? q : lo;
      hi = q > hi ? q : hi;
    }
    if (phrase.sign < 0) {
      for (let j = lo; j <= hi; j++) {
        flags[j] = (flags[j] ?? 0) | phrase.cueBit;
      }
    } else {
      m.sign = phrase.sign;
      m.raw = phrase.raw;
      m.minimizable = phrase.minimizable;
      m.lo = lo;
      m.hi = hi;
      m.atCount = atCount;
      m.order = order;
      list.keep();
    }
  }
}

/** Most cues are a few words in a row: mark them without building match lists (the hot path of every check-in). */
function markCue(t: Tokens, phrase: CompiledPhrase, scratch: Scratch, flags: Int32Array): void {
  const terms = phrase.terms;
  const first = terms[0] ?? 0;
  const last = scratch.terms[first * TERM_FIELDS + TERM_LAST] ?? -1;
  for (let p = scratch.terms[first * TERM_FIELDS + TERM_FIRST] ?? 0; p <= last; p++) {
    if (!hasTerm(t, p, first)) {
      continue;
    }
    const sentence = t.sentence[p];
    let ok = true;
    for (let k = 1; k < terms.length && ok; k++) {
      ok = hasTerm(t, p + k, terms[k] ?? 0) && t.sentence[p + k] === sentence;
    }
    if (ok) {
      for (let j = p; j < p + terms.length; j++) {
        flags[j] = (flags[j] ?? 0) | phrase.cueBit;
      }
    }
  }
}

interface Context {
  t: Tokens;
  flags: Int32Array;
  sentenceBits: Int32Array;
  clauseBits: Int32Array;
  partBits: Int32Array;
  firstOther: number;
  endState: Int8Array;
}

function evidenceOf(original: string, t: Tokens, m: Match): string {
  let lo = m.lo;
  let hi = m.hi;
  // A lone question mark shows best with its question ("¿" opens it, "?" closes it).
  if (m.lo === m.hi && isQuestionMark(t, m.lo)) {
    while (lo > 0 && t.sentence[lo - 1] === t.sentence[m.lo]) {
      lo--;
    }
    while (hi + 1 < t.count && t.sentence[hi + 1] === t.sentence[m.hi]) {
      hi++;
    }
  }
  // Words start and end on a letter, digit or sign, never on a space: the slice needs no trimming.
  const evidence = original.slice(t.start[lo] ?? 0, t.end[hi] ?? 0);
  return evidence.length > 120 ? `…${evidence.slice(-119)}` : evidence;
}

/**
 * When the phrase's first word at `p` starts a match: the number of its words, whose positions are written into
 * `at`. Else 0.
 */
function matchAt(
  t: Tokens,
  phrase: CompiledPhrase,
  scratch: Scratch,
  generation: number,
  p: number,
  at: number[],
): number {
  const terms = phrase.terms;
  const sentence = t.sentence[p];
  let lo = p;
  let hi = p;
  let count: number;
  if (phrase.ordered) {
    for (let k = 1; k < terms.length; k++) {
      const q = p + k;
      if (!hasTerm(t, q, terms[k] ?? 0) || t.sentence[q] !== sentence) {
        return 0;
      }
    }
    for (let k = 0; k < terms.length; k++) {
      at[k] = p + k;
    }
    count = terms.length;
    hi = p + terms.length - 1;
  } else {
    at[0] = p;
    count = 1;
    const maxSpan = phrase.maxSpan;
    const from = p - maxSpan > 0 ? p - maxSpan : 0;
    const to = p + maxSpan < t.count - 1 ? p + maxSpan : t.count - 1;
    for (let k = 1; k < terms.length; k++) {
      const term = terms[k] ?? 0;
      let best = -1;
      let bestDistance = Infinity;
      // Only words within reach of the first word, in text order, so long texts stay fast; and only between the
      // term's first and last place in the text (the phrase was tried because all its terms are in it).
      const termFirst = scratch.terms[term * TERM_FIELDS + TERM_FIRST] ?? 0;
      const termLast = scratch.terms[term * TERM_FIELDS + TERM_LAST] ?? -1;
      const qTo = termLast < to ? termLast : to;
      for (let q = termFirst > from ? termFirst : from; q <= qTo; q++) {
        if (!hasTerm(t, q, term) || t.sentence[q] !== sentence || isIn(at, count, q)) {
          continue;
        }
        if (phrase.inOrder) {
          // In order: the first one after the previous word.
          if (q > hi) {
            best = q;
            break;
          }
          continue;
        }
        const distance = q > p ? q - p : p - q;
        if (distance < bestDistance) {
          best = q;
          bestDistance = distance;
        }
      }
      if (best < 0) {
        return 0;
      }
      at[count++] = best;
      lo = best < lo ? best : lo;
      hi = best > hi ? best : hi;
    }
    if (hi - lo + 1 > phrase.maxSpan) {
      return 0;
    }
  }
  const excludeNext = phrase.excludeNext;
  if (excludeNext >= 0 && hasTerm(t, hi + 1, excludeNext)) {
    if (t.sentence[hi + 1] === sentence) {
      return 0;
    }
  }
  const excluded = phrase.excludeInSentence;
  if (excluded >= 0 && scratch.terms[excluded * TERM_FIELDS + TERM_SEEN] === generation) {
    const last = scratch.terms[excluded * TERM_FIELDS + TERM_LAST] ?? -1;
    for (let q = scratch.terms[excluded * TERM_FIELDS + TERM_FIRST] ?? 0; q <= last; q++) {
      if (t.sentence[q] === sentence && hasTerm(t, q, excluded)) {
        return 0;
      }
    }
  }
  return count;
}

/** Whether one of the first `count` positions is q. */
function isIn(positions: number[], count: number, q: number): boolean {
  for (let k = 0; k < count; k++) {
    if (positions[k] === q) {
      return true;
    }
  }
  return false;
}

/** Set on a "?" that labels a field of a list the patient fills in ("Fever? No. Pain? Some."). */
const FORM_LABEL_BIT = 1 << 29;
/** Set on the words of a field whose answer is no. */
const ANSWERED_NO_BIT = 1 << 30;

/** Finds "fever? no" style answers: a question of one or two words followed by its answer. */
function markFormAnswers(t: Tokens, flags: Int32Array, sentenceBits: Int32Array): void {
  for (let q = 0; q < t.count; q++) {
    if (!isQuestionMark(t, q) || q + 1 >= t.count || t.sentence[q + 1] === t.sentence[q]) {
      continue;
    }
    let start = q;
    while (start > 0 && t.sentence[start - 1] === t.sentence[q]) {
      start--;
    }
    if (q - start < 1 || q - start > 2) {
      continue;
    }
    flags[q] = ((flags[q] ?? 0) | FORM_LABEL_BIT) & ~QUESTION_BIT;
    const sentence = t.sentence[q] ?? 0;
    sentenceBits[sentence] = (sentenceBits[sentence] ?? 0) & ~QUESTION_BIT;
    const answer = q + 1;
    const answerLength = countInSentence(t, answer);
    if (answerLength <= 2 && (flags[answer] ?? 0) & CUE.negation) {
      for (let j = start; j < q; j++) {
        flags[j] = (flags[j] ?? 0) | ANSWERED_NO_BIT;
      }
    }
  }
}

function countInSentence(t: Tokens, first: number): number {
  let last = first;
  while (last + 1 < t.count && t.sentence[last + 1] === t.sentence[first]) {
    last++;
  }
  return last - first + 1;
}

const LINKING = CUE.listOr | CUE.listAnd | CUE.listFillers | CUE.negation;

/** Denied by a negation before it ("no chest pain"), by a denied list it belongs to, or by "…is gone" after it. */
function isDenied(c: Context, m: Match, level: SignLevel): boolean {
  const { t, flags } = c;
  const lo = m.lo;
  const clause = t.clause[lo];
  if ((flags[lo] ?? 0) & ANSWERED_NO_BIT) {
    return true;
  }
  // A negation a few words before, in the same part of the sentence, with no other finding or new subject between.
  for (let j = lo - 1, steps = 0; j >= 0 && steps < NEGATION_REACH; j--, steps++) {
    if (t.clause[j] !== clause || t.part[j] !== t.part[j + 1]) {
      break;
    }
    const f = flags[j] ?? 0;
    if (f & CUE.negation && !(f & CUE.pseudoNegation)) {
      // "my chest doesn't hurt anymore": it was there today; an emergency sign that stopped still needs a doctor.
      const stopped = ((c.clauseBits[clause ?? 0] ?? 0) & CUE.noLonger) !== 0;
      return !(stopped && level === 'emergency' && !m.minimizable);
    }
    // Another finding, or "and" ("sin energía y débil"), ends the reach; a denied list carries on below.
    if (f & (SIGN_BIT | CUE.listAnd)) {
      break;
    }
    if (f & CUE.negationStops) {
      const before = j > 0 && t.part[j - 1] === t.part[j] ? (flags[j - 1] ?? 0) : 0;
      if (!(before & (CUE.negation | CUE.negationStopExemptAfter))) {
        break;
      }
    }
  }
  // The next item of a denied list: "no fever, chills or nausea", "no chest pain or trouble breathing".
  let strongLink = false;
  for (let j = lo - 1, steps = 0; j >= 0 && steps <= LIST_GAP && t.clause[j] === clause; j--, steps++) {
    const state = c.endState[j] ?? 0;
    if (state !== 0) {
      if (state === 2) {
        if (strongLink || level !== 'emergency' || listEndsWithOr(c, m.hi)) {
          return true;
        }
      }
      break;
    }
    const f = flags[j] ?? 0;
    if (!(f & LINKING)) {
      break;
    }
    if (f & (CUE.listOr | CUE.negation)) {
      strongLink = true;
    }
  }
  // A negation inside its words: "the site looks clean, no redness", "my leg is not swollen".
  let ownNegation = false;
  for (let j = m.lo + 1; j < m.hi; j++) {
    const f = flags[j] ?? 0;
    if (f & CUE.negation && !(f & CUE.pseudoNegation)) {
      if (!isOwnWord(m, j)) {
        return true;
      }
      ownNegation = true;
    }
  }
  ownNegation ||= ((flags[m.lo] ?? 0) & CUE.negation) !== 0;
  if (ownNegation) {
    // "no puedo respirar bien": the phrase is itself negative, so "bien" does not deny it.
    return false;
  }
  // "fine" inside it or right after it ("my leg is fine"); "…is gone", "…went away" right after it. A resolved
  // emergency still counts (a passing chest pain needs a doctor), except a small bleed that stopped.
  const part = t.part[m.hi];
  const question = ((c.sentenceBits[t.sentence[m.lo] ?? 0] ?? 0) & QUESTION_BIT) !== 0;
  for (let j = m.lo + 1; j <= m.hi + 3 && j < t.count; j++) {
    if (j > m.hi && t.part[j] !== part) {
      break;
    }
    const f = flags[j] ?? 0;
    if (f & CUE.pseudoNegation || isOwnWord(m, j) || (flags[j - 1] ?? 0) & CUE.negation) {
      continue;
    }
    if (f & CUE.denial && !question) {
      return true;
    }
    if (j > m.hi && f & CUE.resolved && (level !== 'emergency' || m.minimizable)) {
      return true;
    }
  }
  return false;
}

function listEndsWithOr(c: Context, hi: number): boolean {
  const { t, flags } = c;
  const clause = t.clause[hi];
  for (let j = hi + 1; j < t.count && t.clause[j] === clause; j++) {
    if ((flags[j] ?? 0) & CUE.listOr) {
      return true;
    }
  }
  return false;
}

function isMinimized(c: Context, m: Match): boolean {
  const bits = (c.partBits[c.t.part[m.lo] ?? 0] ?? 0) | (c.partBits[c.t.part[m.hi] ?? 0] ?? 0);
  return (bits & CUE.minimizers) !== 0;
}

/** After "what if I get", "in case", "en caso de", up to the start of the main clause. */
function isHypothetical(c: Context, lo: number): boolean {
  const { t, flags } = c;
  const question = ((c.sentenceBits[t.sentence[lo] ?? 0] ?? 0) & QUESTION_BIT) !== 0;
  for (let j = lo - 1, steps = 0; j >= 0 && steps < 10 && t.part[j] === t.part[lo]; j--, steps++) {
    const f = flags[j] ?? 0;
    if (f & CUE.hypothetical || (question && f & CUE.hypotheticalInQuestion)) {
      return true;
    }
    // "if I get up I get dizzy": a new subject after the if-clause starts the main clause.
    const before = j > 0 ? (flags[j - 1] ?? 0) : 0;
    if (f & CUE.firstPerson && !(before & (CUE.hypothetical | CUE.hypotheticalInQuestion | CUE.firstPerson))) {
      return false;
    }
  }
  return false;
}

/** "my mom had a stroke", "mi esposo tiene fiebre" — unless the patient comes back in ("my wife says I'm confused"). */
function isAboutSomeoneElse(c: Context, lo: number, hi: number): boolean {
  const { t, flags } = c;
  const clause = t.clause[lo];
  for (let j = lo - 1, steps = 0; j >= 0 && steps < 14 && t.clause[j] === clause; j--, steps++) {
    const f = flags[j] ?? 0;
    const other = (f & CUE.otherPerson) !== 0 || ((f & CUE.otherPronoun) !== 0 && j > c.firstOther);
    if (!other) {
      continue;
    }
    // "with my husband", "para mi hijo": the other person is not the one with the symptom.
    for (let k = j - 1; k >= 0 && k >= j - 2 && t.part[k] === t.part[j]; k--) {
      if ((flags[k] ?? 0) & CUE.prepositions) {
        return false;
      }
    }
    // The patient may come back inside the finding or right after it, in the same part of the sentence.
    const end = Math.min(hi + 2, t.count - 1);
    for (let k = j + 1; k <= end && t.clause[k] === clause && (k <= hi || t.part[k] === t.part[hi]); k++) {
      if ((flags[k] ?? 0) & CUE.firstPerson) {
        return false;
      }
    }
    return true;
  }
  return false;
}

function isDistantPast(c: Context, lo: number): boolean {
  const bits = c.clauseBits[c.t.clause[lo] ?? 0] ?? 0;
  return (bits & CUE.distantPast) !== 0 && (bits & CUE.present) === 0;
}

/** The cue flags of word j when it is in this sentence, else 0. */
function flagsIn(c: Context, j: number, sentence: number): number {
  return j >= 0 && j < c.t.count && c.t.sentence[j] === sentence ? (c.flags[j] ?? 0) : 0;
}

const NUMBER = /^\d{2,3}([.,]\d{1,2})?$/;

/** "temp 101.2", "38,6", "fever of 39", "39 °C": readings at or above the threshold, unit inferred when missing. */
function readTemperatures(c: Context, original: string, thresholdCelsius: number, found: Found, sign: number): void {
  const { t } = c;
  for (let i = 0; i < t.count; i++) {
    const code = t.data[i]?.[WORD_FIRST_CODE] ?? 0;
    if (code < 48 || code > 57) {
      continue;
    }
    // Digits and their separators fold to themselves: the word is the text.
    const word = t.text.slice(t.start[i] ?? 0, t.end[i] ?? 0);
    if (!NUMBER.test(word)) {
      continue;
    }
    const sentence = t.sentence[i] ?? 0;
    const next = flagsIn(c, i + 1, sentence);
    if (next & CUE.notTemperatureAfter) {
      continue;
    }
    let unit: 'C' | 'F' | undefined;
    let last = i;
    let explicit = false;
    if (next & CUE.degrees) {
      explicit = true;
      last = i + 1;
      const after = flagsIn(c, i + 2, sentence);
      if (after & (CUE.celsius | CUE.fahrenheit)) {
        unit = after & CUE.celsius ? 'C' : 'F';
        last = i + 2;
      }
    } else if (next & (CUE.celsius | CUE.fahrenheit)) {
      explicit = true;
      unit = next & CUE.celsius ? 'C' : 'F';
      last = i + 1;
    }
    const before1 = flagsIn(c, i - 1, sentence);
    const before2 = flagsIn(c, i - 2, sentence);
    if ((before1 | before2) & CUE.below) {
      continue;
    }
    const nearWord =
      (before1 |
        before2 |
        flagsIn(c, i - 3, sentence) |
        flagsIn(c, i - 4, sentence) |
        flagsIn(c, i + 1, sentence) |
        flagsIn(c, i + 2, sentence)) &
      CUE.temperatureWords;
    if ((before1 | before2) & CUE.notTemperatureBefore && !(before1 & CUE.temperatureWords)) {
      continue;
    }
    const decimal = word.length > 3;
    // A number on its own ("101", "38.4") answers "what is your temperature?".
    const alone =
      (i === 0 || t.sentence[i - 1] !== sentence) && (last + 1 >= t.count || t.sentence[last + 1] !== sentence);
    if (!explicit && nearWord === 0 && !decimal && !alone) {
      continue;
    }
    let value = Number(word.replace(',', '.'));
    if (next & CUE.half && word.length <= 3) {
      value += 0.5;
    }
    unit ??= value >= 45 ? 'F' : 'C';
    const plausible = unit === 'C' ? value >= 34 && value <= 44 : value >= 93 && value <= 112;
    if (!plausible || toCelsius({ value, unit }) < thresholdCelsius) {
      continue;
    }
    if (isAboutSomeoneElse(c, i, i) || isDistantPast(c, i) || isHypothetical(c, i)) {
      continue;
    }
    if (hasReason(found, sign)) {
      continue;
    }
    const written = original.slice(t.start[i] ?? 0, t.end[last] ?? 0);
    addReason(found, sign, `temperature ${value} °${unit} (“${written}”)`);
  }
}
