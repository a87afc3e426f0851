import { describe, expect, it } from 'vitest';
import { triageTestPlan } from './testing.ts';
import { toCelsius, triage, type Disposition } from './triage.ts';

const plan = triageTestPlan();
const dispositionOf = (text: string): Disposition => triage(plan, { text }).disposition;

describe('triage', () => {
  it('answers self-care with no reasons for an empty check-in', () => {
    expect(triage(plan, {})).toEqual({ disposition: 'self-care', reasons: [], advice: 'advice.self-care' });
    expect(triage(plan, { text: '' }).disposition).toBe('self-care');
    expect(triage(plan, { text: '   \n ?! ' }).disposition).toBe('contact-provider');
  });

  it('reads negation and its scope', () => {
    expect(dispositionOf('no fever but my chest hurts')).toBe('emergency');
    expect(dispositionOf('no chest pain or trouble breathing')).toBe('self-care');
    expect(dispositionOf('sin fiebre pero me duele el pecho')).toBe('emergency');
    expect(dispositionOf("I don't have fever, chills, or nausea")).toBe('self-care');
    expect(dispositionOf('No fever, no chills, chest pain')).toBe('emergency');
    expect(dispositionOf('no fever and my chest hurts')).toBe('emergency');
    expect(dispositionOf('no tengo fiebre me siento mareada')).toBe('emergency');
    expect(dispositionOf('no me siento mareado')).toBe('self-care');
    expect(dispositionOf('my leg is not swollen')).toBe('self-care');
  });

  it('keeps phrases that are negative in themselves', () => {
    expect(dispositionOf("the bleeding won't stop")).toBe('emergency');
    expect(dispositionOf('no puedo respirar bien')).toBe('emergency');
    expect(dispositionOf('the pain medicine is not helping')).toBe('contact-provider');
  });

  it('does not fire on other people or the distant past', () => {
    expect(dispositionOf('my mom had a stroke')).toBe('self-care');
    expect(dispositionOf('last year I had chest pain')).toBe('self-care');
    expect(dispositionOf('mi esposo tiene fiebre')).toBe('self-care');
    expect(dispositionOf('My husband is sick. He has a fever and chills.')).toBe('self-care');
    // …but does when the patient comes back into the sentence, or it is happening again now.
    expect(dispositionOf('my husband says I am confused')).toBe('emergency');
    expect(dispositionOf('mi hija dice que hablo raro')).toBe('emergency');
    expect(dispositionOf('last year I had chest pain and now it is back, my chest hurts again')).toBe('emergency');
    expect(dispositionOf('She fainted')).toBe('emergency');
  });

  it('sends questions and worries to the care team', () => {
    expect(dispositionOf('is it normal that my hip hurts?')).toBe('contact-provider');
    expect(dispositionOf("I'm worried")).toBe('contact-provider');
    expect(dispositionOf('¿es normal que me duela la cadera?')).toBe('contact-provider');
    expect(dispositionOf('what should I do if I get a fever?')).toBe('contact-provider');
    expect(dispositionOf('not worried, just sore')).toBe('self-care');
  });

  it('leaves the known donor symptoms of the first days as self-care', () => {
    for (const text of [
      'sore hip but fine',
      'tired, slept a lot',
      'me duele un poco la cadera',
      'sore throat and tired',
      'muscle aches and a mild headache',
      "can't sleep",
      'back pain 4/10',
    ]) {
      expect(dispositionOf(text), text).toBe('self-care');
    }
  });

  it('treats any dizziness as the plan says: an emergency, even lightheaded on standing', () => {
    expect(dispositionOf('a bit lightheaded when I stand up fast')).toBe('emergency');
  });

  it('tolerates typos, capitals and missing accents', () => {
    expect(dispositionOf('chest pian')).toBe('emergency');
    expect(dispositionOf('CANT BREATHE')).toBe('emergency');
    expect(dispositionOf('vomitting all night')).toBe('contact-provider');
    expect(dispositionOf('tengo nauseas')).toBe('contact-provider');
    expect(dispositionOf('me desmaye')).toBe('emergency');
    // A real word one letter away from a sign word is not a typo of it.
    expect(dispositionOf('I never felt better')).toBe('self-care');
    expect(dispositionOf('had a sweet treat')).toBe('self-care');
  });

  it('gives the evidence for every finding', () => {
    const result = triage(plan, { text: 'No fever. But my chest hurts a lot', signs: ['chills'] });
    expect(result.disposition).toBe('emergency');
    expect(result.reasons).toEqual([
      { sign: 'chest-pain', level: 'emergency', evidence: 'chest hurts' },
      { sign: 'chills', level: 'contact-provider', evidence: 'box ticked: chills' },
    ]);
    expect(result.advice).toBe('advice.emergency');
  });

  it('shows the evidence as the patient wrote it', () => {
    expect(triage(plan, { text: 'Me duele el PECHO' }).reasons[0]?.evidence).toBe('duele el PECHO');
  });
});

describe('temperature', () => {
  it('raises a fever from the field at or above the plan threshold, in either unit', () => {
    expect(triage(plan, { temperature: { value: 38.0, unit: 'C' } }).reasons).toEqual([
      { sign: 'fever', level: 'contact-provider', evidence: 'temperature 38 °C' },
    ]);
    expect(triage(plan, { temperature: { value: 37.9, unit: 'C' } }).disposition).toBe('self-care');
    expect(triage(plan, { temperature: { value: 100.4, unit: 'F' } }).disposition).toBe('contact-provider');
    expect(triage(plan, { temperature: { value: 100.3, unit: 'F' } }).disposition).toBe('self-care');
  });

  it('follows the plan setting', () => {
    const at101F = triageTestPlan({ value: 101, unit: 'F' });
    expect(triage(at101F, { temperature: { value: 38.2, unit: 'C' } }).disposition).toBe('self-care');
    expect(triage(at101F, { temperature: { value: 38.4, unit: 'C' } }).disposition).toBe('contact-provider');
    expect(triage(at101F, { text: 'temp 100.6' }).disposition).toBe('self-care');
  });

  it('reads temperatures written in the text, inferring the unit', () => {
    for (const text of [
      'temp 101.2',
      '38,6',
      'fever of 39',
      'Temperatura 38,3',
      'tengo 38.5 de fiebre',
      '39°C',
      '101 F',
    ]) {
      const result = triage(plan, { text });
      expect(result.disposition, text).toBe('contact-provider');
      expect(
        result.reasons.some((r) => r.sign === 'fever'),
        text,
      ).toBe(true);
    }
    expect(triage(plan, { text: 'temp 101.2' }).reasons[0]?.evidence).toBe('temperature 101.2 °F (“101.2”)');
  });

  it('ignores numbers that are not temperatures', () => {
    for (const text of [
      'I am 38 years old',
      'took 400 mg',
      'pulse 102, temp 37',
      'pain 8/10',
      'room 101',
      'temp under 38.5',
    ]) {
      expect(
        triage(plan, { text }).reasons.some((r) => r.sign === 'fever'),
        text,
      ).toBe(false);
    }
  });

  it('converts units', () => {
    expect(toCelsius({ value: 100.4, unit: 'F' })).toBe(38);
    expect(toCelsius({ value: 37.5, unit: 'C' })).toBe(37.5);
  });
});

describe('pain', () => {
  it('raises pain despite medicine at 7 or more with medicine taken', () => {
    expect(triage(plan, { pain: { score: 7, medicineTaken: true } }).reasons).toEqual([
      { sign: 'pain-despite-medicine', level: 'contact-provider', evidence: 'pain 7/10 after taking pain medicine' },
    ]);
    expect(triage(plan, { pain: { score: 6, medicineTaken: true } }).disposition).toBe('self-care');
    expect(triage(plan, { pain: { score: 9, medicineTaken: false } }).disposition).toBe('self-care');
  });
});

describe('long texts', () => {
  it('reads a page of text, finding the sign at its end', () => {
    const filler = 'my hip is sore and I am tired, pain pain pain. '.repeat(80);
    const result = triage(plan, { text: `${filler}Now my chest hurts.` });
    expect(result.disposition).toBe('emergency');
    const huge = 'pain hurts sore chest leg '.repeat(4000);
    expect(triage(plan, { text: huge }).disposition).toBe('emergency');
  });
});

describe('pathological texts', () => {
  it('stays fast on thousands of repeated words', () => {
    for (const word of ['no ', 'pain ', 'a little ', '? ', '38.5 ', 'my mom ']) {
      const result = triage(plan, { text: word.repeat(4000) });
      expect(result.advice).toBe(`advice.${result.disposition}`);
    }
  });
});
