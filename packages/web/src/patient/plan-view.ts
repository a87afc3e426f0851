/** Reading the care plan JSON for screens: texts by key and language, sign groups, what is normal on day N. */
import type { CarePlan } from '@aftercare/core';
import type { Language } from '../i18n/index.ts';

export const DEFAULT_PLAN_ID = 'bone-marrow-harvest';

/** A text of the plan in a language, falling back to English, then to the key itself (so a gap is visible, not blank). */
export function planText(plan: CarePlan, language: Language, key: string): string {
  return plan.texts[language][key] ?? plan.texts.en[key] ?? key;
}

export function signLabel(plan: CarePlan, language: Language, signId: string): string {
  const key = `signs.${signId}.label`;
  const text = plan.texts[language][key] ?? plan.texts.en[key];
  // Reasons may name a detector that is not a plan sign (e.g. a question): show its id in words.
  return text ?? signId.replace(/-/g, ' ');
}

export interface SignGroup {
  level: 'emergency' | 'contact-provider';
  title: string;
  signs: { id: string; label: string }[];
}

/** The warning signs as the plan groups them, emergency groups first. */
export function signGroups(plan: CarePlan, language: Language): SignGroup[] {
  const rank = (level: SignGroup['level']): number => (level === 'emergency' ? 0 : 1);
  return [...plan.warningSigns]
    .sort((a, b) => rank(a.level) - rank(b.level))
    .map((group) => ({
      level: group.level,
      title: planText(plan, language, group.titleKey),
      signs: group.signIds.map((id) => ({ id, label: signLabel(plan, language, id) })),
    }));
}

export function emergencySignLabels(plan: CarePlan, language: Language): string[] {
  return signGroups(plan, language)
    .filter((group) => group.level === 'emergency')
    .flatMap((group) => group.signs.map((sign) => sign.label));
}

/** The plan's "what is normal now" text for day N since the procedure, if any. */
export function normalNow(plan: CarePlan, language: Language, day: number): string | null {
  const phase = plan.today.normal.find((p) => day >= p.fromDay && (p.toDay === null || day <= p.toDay));
  return phase ? planText(plan, language, phase.textKey) : null;
}
