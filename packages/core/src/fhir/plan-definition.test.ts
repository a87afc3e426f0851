import type * as fhir from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { questionnaireResource } from './check-in-resources.ts';
import { planToPlanDefinition } from './plan-definition.ts';
import { validateFhir } from './testing-validate.ts';
import { fhirTestPlan } from './testing.ts';

function allActions(actions: readonly fhir.PlanDefinitionAction[] | undefined): fhir.PlanDefinitionAction[] {
  return (actions ?? []).flatMap((action) => [action, ...allActions(action.action)]);
}

describe('planToPlanDefinition', () => {
  for (const language of ['en', 'es'] as const) {
    it(`validates in ${language}, with every triage sign as an action with plain-text conditions`, () => {
      const definition = planToPlanDefinition(fhirTestPlan, language);
      expect(validateFhir(definition)).toEqual([]);
      expect(definition).toMatchObject({
        resourceType: 'PlanDefinition',
        id: 'bone-marrow-harvest',
        version: '1.0.0',
        name: 'BoneMarrowHarvest',
      });
      const signActions = allActions(definition.action).filter((action) => action.id?.startsWith('sign-'));
      expect(signActions.map((action) => action.id?.slice(5)).sort()).toEqual(
        fhirTestPlan.triage.signs.map((s) => s.id).sort(),
      );
      for (const action of signActions) {
        expect(action.condition?.[0]?.expression?.language).toBe('text/plain');
        expect(action.title).toBe(fhirTestPlan.texts[language][`signs.${action.id?.slice(5) ?? ''}.label`]);
      }
      const fever = signActions.find((action) => action.id === 'sign-fever');
      expect(fever?.condition?.map((c) => c.expression?.expression)).toContainEqual(
        expect.stringMatching(/38\.0 °C \(100\.4 °F\)/),
      );
      const emergency = definition.action?.find((action) => action.id === 'warning-emergency');
      expect(emergency?.priority).toBe('stat');
    });
  }

  it('gives the check-in as a Questionnaire that validates, with the signs as answer options', () => {
    const questionnaire = questionnaireResource(fhirTestPlan, 'es');
    expect(validateFhir(questionnaire)).toEqual([]);
    const signs = questionnaire.item?.find((item) => item.linkId === 'signs');
    expect(signs?.answerOption).toHaveLength(fhirTestPlan.triage.signs.length);
  });
});
