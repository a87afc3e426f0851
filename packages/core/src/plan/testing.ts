/** A small valid care plan for tests in core (core cannot import the real plans, which depend on it). */
import type { TriageRules } from '../triage/rules-schema.ts';
import { referencedTextKeys, type CarePlan } from './schema.ts';

/** Builds a minimal valid plan with two signs; every referenced text exists in both languages. */
export function minimalCarePlan(): CarePlan {
  const triage: TriageRules = {
    signs: [
      { id: 'fever', level: 'contact-provider', phrases: { en: ['fever'], es: ['fiebre'] } },
      { id: 'chest-pain', level: 'emergency', phrases: { en: ['chest pain'], es: ['dolor de pecho'] } },
    ],
  };
  const plan: CarePlan = {
    id: 'test-plan',
    version: '1.0.0',
    titleKey: 'plan.title',
    summaryKey: 'plan.summary',
    disclaimerKey: 'disclaimer',
    procedure: {
      nameKey: 'procedure.name',
      descriptionKey: 'procedure.description',
      anesthesiaKey: 'procedure.anesthesia',
      sites: [{ id: 'hip', textKey: 'procedure.sites.hip' }],
      marrowUses: [{ id: 'donor', term: 'allogeneic', textKey: 'procedure.uses.donor' }],
    },
    medicines: {
      titleKey: 'medicines.title',
      rules: [{ id: 'take-as-directed', textKey: 'medicines.rules.take-as-directed' }],
      kinds: (['prescription', 'over-the-counter', 'vitamin', 'herb'] as const).map((kind) => ({
        kind,
        labelKey: `medicines.kinds.${kind}`,
      })),
      templates: [
        {
          id: 'pain-relief',
          nameKey: 'medicines.pain-relief.name',
          kind: 'prescription',
          amount: null,
          timing: { type: 'as-needed', minIntervalHours: 4, maxPerDay: 6 },
          reasonKey: 'medicines.pain-relief.reason',
          courseDays: null,
          askFirst: false,
          noteKeys: [],
        },
      ],
      list: { fields: ['name', 'amount', 'when', 'why'], textKeys: ['medicines.list.keep'] },
      painPromptKey: 'medicines.pain-relief.prompt',
      amountAsDirectedKey: 'medicines.amount-as-directed',
    },
    followUps: {
      titleKey: 'follow-ups.title',
      introKey: 'follow-ups.intro',
      visits: [
        {
          id: 'wound-check',
          withWhom: 'primary-care',
          textKey: 'follow-ups.visits.wound-check',
          suggestedOffsetDays: 7,
        },
      ],
      questions: {
        introKey: 'follow-ups.questions.intro',
        suggested: [{ id: 'return-to-work', textKey: 'follow-ups.questions.return-to-work' }],
      },
    },
    activity: {
      titleKey: 'activity.title',
      textKeys: ['activity.ask'],
      returnToWork: {
        textKey: 'activity.return-to-work',
        questionId: 'return-to-work',
        typicalDays: { min: 1, max: 7 },
        source: 'nmdp',
      },
    },
    warningSigns: [
      { level: 'emergency', titleKey: 'signs.emergency.title', signIds: ['chest-pain'] },
      { level: 'contact-provider', titleKey: 'signs.contact-provider.title', signIds: ['fever'] },
    ],
    advice: {
      emergency: 'advice.emergency',
      'contact-provider': 'advice.contact-provider',
      'self-care': 'advice.self-care',
    },
    settings: {
      feverThreshold: { value: 38, unit: 'C' },
      painPromptThreshold: 4,
      checkInWindowHours: 24,
      missedCheckInGraceHours: 12,
      quietHours: { start: '21:00', end: '08:00' },
    },
    today: {
      normal: [
        { id: 'early', fromDay: 0, toDay: 6, textKey: 'today.normal.early' },
        { id: 'later', fromDay: 7, toDay: null, textKey: 'today.normal.later' },
      ],
    },
    recovery: {
      titleKey: 'recovery.title',
      introKey: 'recovery.intro',
      sources: [{ id: 'nmdp', name: 'NMDP' }],
      symptoms: {
        source: 'nmdp',
        day: 2,
        titleKey: 'recovery.symptoms.title',
        items: [{ id: 'fatigue', percent: 61, labelKey: 'recovery.symptoms.fatigue' }],
      },
      fullRecovery: {
        source: 'nmdp',
        titleKey: 'recovery.full.title',
        medianDays: 20,
        medianKey: 'recovery.full.median',
        shares: [
          { day: 7, percent: 18 },
          { day: 30, percent: 71 },
        ],
      },
      contactPoints: { source: 'nmdp', days: [2, 7], textKey: 'recovery.contact-points' },
    },
    triage,
    texts: { en: {}, es: {} },
  };
  for (const key of referencedTextKeys(plan).keys()) {
    plan.texts.en[key] = `Text for ${key}.`;
    plan.texts.es[key] = `Texto de ${key}.`;
  }
  return plan;
}
