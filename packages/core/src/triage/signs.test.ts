import { describe, expect, it } from 'vitest';
import { triageTestPlan } from './testing.ts';
import { triage } from './triage.ts';

const plan = triageTestPlan();

/** One everyday way to say each sign, per language. A new sign in the plan needs a line here. */
const SAMPLES: Record<string, { en: string; es: string }> = {
  fever: { en: 'I think I have a fever', es: 'creo que tengo fiebre' },
  chills: { en: 'I keep getting chills', es: 'tengo escalofríos' },
  'weak-achy': { en: 'I feel weak and achy', es: 'me siento débil y me duele todo el cuerpo' },
  'nausea-vomiting': { en: 'I threw up this morning', es: 'tengo náuseas' },
  'site-skin-changes': { en: 'the skin by the needle site is red and itchy', es: 'la herida está roja e hinchada' },
  'pain-despite-medicine': {
    en: 'my hip still hurts even after the pain pills',
    es: 'me sigue doliendo aunque tomé la pastilla',
  },
  'medicine-not-helping': { en: 'the medicine is not helping', es: 'la medicina no me ayuda' },
  'medicine-side-effects': {
    en: 'I think the pills are giving me side effects',
    es: 'creo que tengo efectos secundarios de la medicina',
  },
  'question-or-concern': { en: 'is it normal to feel this sore?', es: '¿es normal sentirme así?' },
  'bleeding-through-dressing': { en: 'blood soaked through the bandage', es: 'la sangre traspasó el vendaje' },
  'bleeding-wont-stop': { en: "the bleeding won't stop", es: 'no deja de sangrar' },
  'leg-pain-swelling': { en: 'my calf is swollen and hurts', es: 'me duele la pierna y está hinchada' },
  'trouble-walking': { en: 'I can barely walk', es: 'no puedo caminar' },
  'cold-sweat': { en: 'I broke out in a cold sweat', es: 'estoy sudando frío' },
  'chest-pain': { en: 'my chest hurts', es: 'me duele el pecho' },
  'trouble-breathing': { en: "I can't catch my breath", es: 'me falta el aire' },
  'limb-weakness': { en: 'my left arm feels weak', es: 'siento la pierna débil' },
  'face-drooping': { en: 'one side of my face is drooping', es: 'tengo la cara caída' },
  confusion: { en: 'I feel confused', es: 'estoy confundida' },
  'trouble-speaking': { en: 'my speech is slurred', es: 'no puedo hablar bien' },
  dizziness: { en: 'I feel dizzy', es: 'estoy mareado' },
  fainting: { en: 'I fainted', es: 'me desmayé' },
  'severe-headache': { en: 'I have a terrible headache', es: 'tengo un dolor de cabeza muy fuerte' },
  'vision-loss': { en: 'my vision is blurry', es: 'veo borroso' },
};

describe('every sign of the plan', () => {
  for (const sign of plan.triage.signs) {
    describe(sign.id, () => {
      it('has phrases in English and Spanish', () => {
        expect(sign.phrases.en.length).toBeGreaterThan(0);
        expect(sign.phrases.es.length).toBeGreaterThan(0);
      });

      it(`is raised to ${sign.level} by its ticked box`, () => {
        for (const language of ['en', 'es'] as const) {
          const result = triage(plan, { language, signs: [sign.id] });
          expect(result.disposition, language).toBe(sign.level);
          expect(result.reasons).toEqual([{ sign: sign.id, level: sign.level, evidence: `box ticked: ${sign.id}` }]);
          expect(result.advice).toBe(`advice.${sign.level}`);
        }
      });

      for (const language of ['en', 'es'] as const) {
        it(`is found in free text in ${language}`, () => {
          const sample = SAMPLES[sign.id]?.[language];
          expect(sample, `add a ${language} sample for the new sign "${sign.id}"`).toBeDefined();
          const result = triage(plan, { language, text: sample ?? '' });
          expect(result.disposition).toBe(sign.level);
          const reason = result.reasons.find((r) => r.sign === sign.id);
          expect(reason, `"${sample ?? ''}" should raise ${sign.id}`).toBeDefined();
          expect(reason?.evidence.length).toBeGreaterThan(0);
        });
      }
    });
  }
});
