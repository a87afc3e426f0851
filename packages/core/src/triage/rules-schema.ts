/** The triage rules of a plan, as data: each warning sign, its level, how patients put it into words, and the language cues. */
import { z } from 'zod';
import { parsePhrase } from './phrase.ts';

export const SignLevelSchema = z.enum(['emergency', 'contact-provider']);
export type SignLevel = z.infer<typeof SignLevelSchema>;

/**
 * A phrase is words separated by spaces; each word may list alternatives with `|`, and an alternative ending in
 * `*` matches any word that starts with it. Words are compared lower-case without accents or apostrophes, so
 * "can't", "cant" and "Cánt" are one word. By default the words may come in any order within a few words of each
 * other in one sentence. Optional marks before the first word:
 *   `=`  the words must follow each other in this order;
 *   `>`  the words must come in this order, other words may stand between;
 *   `~`  a small amount ("a little", "un poco") in the same part of the sentence cancels this phrase;
 *   `^`  the phrase counts even when negated, hypothetical, about someone else or about the distant past.
 * Optional words after the phrase: `-a|b` cancels the phrase when a or b is in the same sentence; `!a|b` cancels it
 * when the next word is a or b; `@N` lets the words spread over N words.
 */
const PhraseSchema = z
  .string()
  .min(1)
  .superRefine((phrase, context) => {
    const parsed = parsePhrase(phrase);
    if (typeof parsed === 'string') {
      context.addIssue({ code: 'custom', message: parsed });
    }
  });
const PhrasesSchema = z.array(PhraseSchema);

/** One warning sign of the plan. Its label and help text live in the plan's texts as `signs.<id>.label`. */
export const TriageSignSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'sign ids are kebab-case'),
  level: SignLevelSchema,
  /** How patients say it, per language. Every language's phrases are used on every text, as patients mix them. */
  phrases: z.object({ en: PhrasesSchema, es: PhrasesSchema }),
});
export type TriageSign = z.infer<typeof TriageSignSchema>;

/** The words that change what a phrase means, in one language. Each entry is a phrase whose words follow each other (or, marked `>`, come in order within a few words). */
export const LanguageCuesSchema = z.object({
  /** Words that deny what follows: "no", "not", "sin", "ni". */
  negation: PhrasesSchema.optional(),
  /** Say a sign was there and has stopped ("no longer", "ya no"): an emergency sign still counts. */
  noLonger: PhrasesSchema.optional(),
  /** Look like a negation but are not one: "not sure", "no doubt", "no sé". */
  pseudoNegation: PhrasesSchema.optional(),
  /** Right after a sign, say it is over or fine: "gone", "went away", "is fine", "se fue". */
  resolved: PhrasesSchema.optional(),
  /** Inside a sign's words or right after them, deny it: "my leg is fine", "la pierna está bien". */
  denial: PhrasesSchema.optional(),
  /** End the reach of a negation when met between the negation and the sign: "i", "my", "tengo". */
  negationStops: PhrasesSchema.optional(),
  /** Words after which a negation stop does not stop (prepositions, pronouns): "in", "of", "que", "me". */
  negationStopExemptAfter: PhrasesSchema.optional(),
  /** Join the items of a denied list, so the denial carries over: "or", "nor", "ni", "o". */
  listOr: PhrasesSchema.optional(),
  /** Join items too, but only carry a denial to signs that are not emergencies: "and", "y". */
  listAnd: PhrasesSchema.optional(),
  /** Small words allowed between the items of a denied list: "any", "the", "my". */
  listFillers: PhrasesSchema.optional(),
  /** Start a new part of the sentence that a negation does not reach: "but", "pero". One word each. */
  contrast: PhrasesSchema.optional(),
  /** Start a hypothetical ("what if I get", "en caso de"): the signs right after them are not happening now. */
  hypothetical: PhrasesSchema.optional(),
  /** Like `hypothetical`, but only in a sentence that is a question (Spanish "si" is both "if" and "yes"). */
  hypotheticalInQuestion: PhrasesSchema.optional(),
  /** Other people, as the subject of a sentence: "my mom", "mi esposo", "the nurse". */
  otherPerson: PhrasesSchema.optional(),
  /** Pronouns for another person, only once another person was named: "he", "she", "ella". */
  otherPronoun: PhrasesSchema.optional(),
  /** Bring the sentence back to the patient: "i", "my", "me", "yo", "tengo". */
  firstPerson: PhrasesSchema.optional(),
  /** Prepositions: "with my husband" is not about the husband. */
  prepositions: PhrasesSchema.optional(),
  /** The distant past: "last year", "years ago", "hace años". */
  distantPast: PhrasesSchema.optional(),
  /** Bring the sentence back to now: "now", "today", "again", "ahora". */
  present: PhrasesSchema.optional(),
  /** A small amount, which cancels phrases marked `~`: "a little", "spot", "un poco". */
  minimizers: PhrasesSchema.optional(),
  /** Words that make a number nearby a body temperature: "temp", "fever", "fiebre". */
  temperatureWords: PhrasesSchema.optional(),
  /** "38 y medio": add a half to the number before. */
  half: PhrasesSchema.optional(),
  /** Units after a number: Celsius, Fahrenheit, or degrees of either. */
  celsius: PhrasesSchema.optional(),
  fahrenheit: PhrasesSchema.optional(),
  degrees: PhrasesSchema.optional(),
  /** Words after a number that show it is not a temperature: "years", "mg", "kg". */
  notTemperatureAfter: PhrasesSchema.optional(),
  /** Words before a number that show it is not a temperature: "pulse", "weight", "presión". */
  notTemperatureBefore: PhrasesSchema.optional(),
  /** "under 38", "menos de 38": the number is a bound, not a reading. */
  below: PhrasesSchema.optional(),
});
export type LanguageCues = z.infer<typeof LanguageCuesSchema>;

export const TriageRulesSchema = z.object({
  signs: z.array(TriageSignSchema).min(1),
  /** Which sign the form's fields raise: a temperature at or above the fever threshold, and pain despite medicine. */
  fieldSigns: z.object({ temperature: z.string().min(1), pain: z.string().min(1) }).optional(),
  /** A pain score at or above this, with pain medicine taken, raises the pain sign (default 7). */
  painDespiteMedicineScore: z.number().int().min(0).max(10).optional(),
  /** Language cues by language code; every language's cues are used on every text. */
  languages: z.record(z.string(), LanguageCuesSchema).optional(),
  /** Real words that must never be read as a misspelt sign word ("never" is not "fever"). */
  notTypos: z.array(z.string().min(1)).optional(),
});
export type TriageRules = z.infer<typeof TriageRulesSchema>;
