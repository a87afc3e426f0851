/** A visit's reason in words: the plan's own visits ("wound-check") by their short name, anything else as typed. */
import type { CarePlan } from '@aftercare/core';
import type { Language } from '../api/types.ts';

export function visitLabel(plan: CarePlan | null, language: Language, reason: string): string {
  const planVisit = plan?.followUps.visits.find((visit) => visit.id === reason);
  const text = planVisit === undefined ? undefined : plan?.texts[language][planVisit.textKey];
  // Plan texts read "Wound check: someone looks at…": the part before the colon names the visit.
  return text === undefined ? reason.replace(/-/g, ' ') : (text.split(':')[0] ?? text).trim();
}
