/** @aftercare/plans: the care plans as data, validated by core's schema. Browser-safe: no file system. */
import { parseCarePlan, type CarePlan } from '@aftercare/core';
import plan from '../bone-marrow-harvest/plan.json' with { type: 'json' };
import triage from '../bone-marrow-harvest/triage.json' with { type: 'json' };
import en from '../bone-marrow-harvest/en.json' with { type: 'json' };
import es from '../bone-marrow-harvest/es.json' with { type: 'json' };

/** Recovery at home after bone marrow harvesting, in English and Spanish. */
export const boneMarrowHarvestPlan: CarePlan = parseCarePlan({ ...plan, triage, texts: { en, es } });

/** Every plan this build knows, by id. */
export const plans: ReadonlyMap<string, CarePlan> = new Map([[boneMarrowHarvestPlan.id, boneMarrowHarvestPlan]]);

/** The plan with this id, or undefined. */
export function getPlan(id: string): CarePlan | undefined {
  return plans.get(id);
}
