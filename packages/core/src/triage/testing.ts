/** The bone-marrow-harvest triage rules with a minimal plan around them, for core's triage tests only. */
import rulesJson from '../../../plans/bone-marrow-harvest/triage.json' with { type: 'json' };
import { TriageRulesSchema } from './rules-schema.ts';
import type { TriagePlan } from './triage.ts';

/** The real triage rules (data owned by the plan) with the default fever threshold of 38.0 °C. */
export function triageTestPlan(
  feverThreshold: TriagePlan['settings']['feverThreshold'] = { value: 38, unit: 'C' },
): TriagePlan {
  return { triage: TriageRulesSchema.parse(rulesJson), settings: { feverThreshold } };
}
