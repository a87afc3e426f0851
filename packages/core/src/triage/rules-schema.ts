/** The triage rules of a plan, as data: each warning sign, its level, and how patients put it into words. */
import { z } from 'zod';

export const SignLevelSchema = z.enum(['emergency', 'contact-provider']);
export type SignLevel = z.infer<typeof SignLevelSchema>;

/** One warning sign of the plan. Its label and help text live in the plan's texts as `signs.<id>.label`. */
export const TriageSignSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'sign ids are kebab-case'),
  level: SignLevelSchema,
  /** How patients say it, per language. The pattern syntax is owned by the triage engine. */
  phrases: z.object({ en: z.array(z.string().min(1)), es: z.array(z.string().min(1)) }),
});
export type TriageSign = z.infer<typeof TriageSignSchema>;

export const TriageRulesSchema = z.object({
  signs: z.array(TriageSignSchema).min(1),
});
export type TriageRules = z.infer<typeof TriageRulesSchema>;
