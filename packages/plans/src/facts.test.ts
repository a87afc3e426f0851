/**
 * Each fact of the bone-marrow-harvest checklist (shared/care-plan-facts.md), restated as a short id, and the place in
 * the plan that carries it. A fact cannot silently go missing: removing it from the plan fails its row here.
 */
import { describe, expect, it } from 'vitest';
import type { CarePlan } from '@aftercare/core';
import { boneMarrowHarvestPlan as plan } from './index.ts';

/** Where a fact lives: the texts that tell the patient (must exist in every language) and whether the data holds it. */
interface Evidence {
  keys: (string | undefined)[];
  holds: boolean;
}

type Locator = (plan: CarePlan) => Evidence;

const template = (p: CarePlan, id: string) => p.medicines.templates.find((item) => item.id === id);
const rule = (p: CarePlan, id: string) => p.medicines.rules.find((item) => item.id === id);
const visit = (p: CarePlan, id: string) => p.followUps.visits.find((item) => item.id === id);
const question = (p: CarePlan, id: string) => p.followUps.questions.suggested.find((item) => item.id === id);
const site = (p: CarePlan, id: string) => p.procedure.sites.find((item) => item.id === id);
const use = (p: CarePlan, id: string) => p.procedure.marrowUses.find((item) => item.id === id);

/** A warning sign: triage knows it at this level, the plan shows it in that group, and it has a label. */
function sign(level: 'emergency' | 'contact-provider', id: string): Locator {
  return (p) => ({
    keys: [`signs.${id}.label`, p.warningSigns.find((group) => group.level === level)?.titleKey],
    holds:
      p.triage.signs.some((s) => s.id === id && s.level === level) &&
      p.warningSigns.some((group) => group.level === level && group.signIds.includes(id)),
  });
}

const FACTS: Record<string, Locator> = {
  // The procedure
  'procedure.needles-from-hip-bone': (p) => ({
    keys: [p.procedure.descriptionKey, site(p, 'hip')?.textKey],
    holds: true,
  }),
  'procedure.sometimes-sternum': (p) => ({ keys: [site(p, 'sternum')?.textKey], holds: true }),
  'procedure.under-anaesthesia': (p) => ({ keys: [p.procedure.anesthesiaKey], holds: true }),
  'procedure.autologous-given-back': (p) => ({
    keys: [use(p, 'own')?.textKey],
    holds: use(p, 'own')?.term === 'autologous',
  }),
  'procedure.allogeneic-donor': (p) => ({
    keys: [use(p, 'donor')?.textKey],
    holds: use(p, 'donor')?.term === 'allogeneic',
  }),

  // Medicines
  'medicines.prescription-pain-medicine': (p) => ({
    keys: [template(p, 'pain-relief')?.nameKey, template(p, 'pain-relief')?.reasonKey],
    holds:
      template(p, 'pain-relief')?.kind === 'prescription' && template(p, 'pain-relief')?.timing.type === 'as-needed',
  }),
  'medicines.pain-before-severe': (p) => ({
    keys: [...(template(p, 'pain-relief')?.noteKeys ?? []), p.medicines.painPromptKey],
    holds: p.settings.painPromptThreshold > 0 && p.settings.painPromptThreshold < 10,
  }),
  'medicines.antibiotic-prevent-or-treat-infection': (p) => ({
    keys: [
      template(p, 'antibiotic')?.nameKey,
      template(p, 'antibiotic')?.reasonKey,
      ...(template(p, 'antibiotic')?.noteKeys ?? []),
    ],
    holds: template(p, 'antibiotic')?.kind === 'prescription' && (template(p, 'antibiotic')?.courseDays ?? 0) > 0,
  }),
  'medicines.take-as-directed': (p) => ({ keys: [rule(p, 'take-as-directed')?.textKey], holds: true }),
  'medicines.call-if-not-helping-or-side-effects': (p) => ({
    keys: [rule(p, 'call-if-not-helping')?.textKey],
    holds:
      sign('contact-provider', 'medicine-not-helping')(p).holds &&
      sign('contact-provider', 'medicine-side-effects')(p).holds,
  }),
  'medicines.tell-about-allergies': (p) => ({ keys: [rule(p, 'tell-allergies')?.textKey], holds: true }),
  'medicines.list-every-medicine-vitamin-herb-with-amount-when-why': (p) => ({
    keys: [p.medicines.list.textKeys[0], ...p.medicines.kinds.map((kind) => kind.labelKey)],
    holds: (['name', 'amount', 'when', 'why'] as const).every((field) => p.medicines.list.fields.includes(field)),
  }),
  'medicines.bring-list-or-bottles-to-visits': (p) => ({ keys: [p.medicines.list.textKeys[1]], holds: true }),
  'medicines.carry-list-always': (p) => ({ keys: [p.medicines.list.textKeys[2]], holds: true }),
  'medicines.kinds-prescription-otc-vitamin-herb': (p) => ({
    keys: p.medicines.kinds.map((kind) => kind.labelKey),
    holds: ['prescription', 'over-the-counter', 'vitamin', 'herb'].every((kind) =>
      p.medicines.kinds.some((k) => k.kind === kind),
    ),
  }),

  // Follow-up
  'follow-up.primary-care-or-hematologist': (p) => ({
    keys: [p.followUps.introKey],
    holds:
      p.followUps.visits.some((v) => v.withWhom === 'primary-care') &&
      p.followUps.visits.some((v) => v.withWhom === 'hematologist'),
  }),
  'follow-up.wound-check': (p) => ({
    keys: [visit(p, 'wound-check')?.textKey],
    holds: (visit(p, 'wound-check')?.suggestedOffsetDays ?? 0) > 0,
  }),
  'follow-up.blood-tests': (p) => ({
    keys: [visit(p, 'blood-tests')?.textKey],
    holds: (visit(p, 'blood-tests')?.suggestedOffsetDays ?? 0) > 0,
  }),
  'follow-up.write-questions-before-visits': (p) => ({
    keys: [p.followUps.questions.introKey, ...p.followUps.questions.suggested.map((q) => q.textKey)],
    holds: p.followUps.questions.suggested.length >= 3,
  }),

  // Vitamins
  'vitamins.folic-acid-and-iron-make-red-cells': (p) => ({
    keys: [template(p, 'vitamins-folic-acid-iron')?.nameKey, template(p, 'vitamins-folic-acid-iron')?.reasonKey],
    holds: template(p, 'vitamins-folic-acid-iron')?.kind === 'vitamin',
  }),
  'vitamins.ask-whether-to-take': (p) => ({
    keys: [...(template(p, 'vitamins-folic-acid-iron')?.noteKeys ?? []), question(p, 'vitamins')?.textKey],
    holds: template(p, 'vitamins-folic-acid-iron')?.askFirst === true,
  }),

  // Activity
  'activity.may-not-work-a-few-days': (p) => ({ keys: [p.activity.textKeys[0]], holds: true }),
  'activity.ask-when-to-return-to-work-and-activities': (p) => ({
    keys: [p.activity.textKeys[1], question(p, 'return-to-work')?.textKey, question(p, 'normal-activities')?.textKey],
    holds: p.activity.returnToWork.questionId === 'return-to-work',
  }),

  // Contact the provider (same day)
  'contact.fever': sign('contact-provider', 'fever'),
  'contact.chills': sign('contact-provider', 'chills'),
  'contact.weak-and-achy': sign('contact-provider', 'weak-achy'),
  'contact.nausea-or-vomiting': sign('contact-provider', 'nausea-vomiting'),
  'contact.site-itchy-red-swollen-rash': sign('contact-provider', 'site-skin-changes'),
  'contact.pain-despite-pain-medicine': sign('contact-provider', 'pain-despite-medicine'),
  'contact.questions-or-concerns': sign('contact-provider', 'question-or-concern'),
  'contact.medicine-not-helping': sign('contact-provider', 'medicine-not-helping'),
  'contact.medicine-side-effects': sign('contact-provider', 'medicine-side-effects'),
  'contact.advice-call-today': (p) => ({ keys: [p.advice['contact-provider']], holds: true }),

  // Emergency care now
  'emergency.blood-through-bandage': sign('emergency', 'bleeding-through-dressing'),
  'emergency.bleeding-wont-stop': sign('emergency', 'bleeding-wont-stop'),
  'emergency.leg-pain-or-swelling': sign('emergency', 'leg-pain-swelling'),
  'emergency.trouble-walking': sign('emergency', 'trouble-walking'),
  'emergency.sudden-cold-sweat': sign('emergency', 'cold-sweat'),
  'emergency.chest-pain': sign('emergency', 'chest-pain'),
  'emergency.trouble-breathing': sign('emergency', 'trouble-breathing'),
  'emergency.arm-or-leg-weakness': sign('emergency', 'limb-weakness'),
  'emergency.face-drooping': sign('emergency', 'face-drooping'),
  'emergency.confusion': sign('emergency', 'confusion'),
  'emergency.difficulty-speaking': sign('emergency', 'trouble-speaking'),
  'emergency.dizziness': sign('emergency', 'dizziness'),
  'emergency.fainting': sign('emergency', 'fainting'),
  'emergency.severe-headache': sign('emergency', 'severe-headache'),
  'emergency.loss-of-vision': sign('emergency', 'vision-loss'),
  'emergency.advice-call-local-emergency-number': (p) => ({ keys: [p.advice.emergency], holds: true }),

  // Always shown
  'always.disclaimer': (p) => ({ keys: [p.disclaimerKey], holds: p.disclaimerKey === 'disclaimer' }),
  'always.self-care-keep-following-plan': (p) => ({ keys: [p.advice['self-care']], holds: true }),

  // Published figures
  'figures.nmdp-symptoms-at-day-2': (p) => ({
    keys: [p.recovery.symptoms.titleKey, ...p.recovery.symptoms.items.map((item) => item.labelKey)],
    holds:
      p.recovery.symptoms.day === 2 &&
      p.recovery.symptoms.source === 'nmdp' &&
      JSON.stringify(p.recovery.symptoms.items.map((item) => [item.id, item.percent])) ===
        JSON.stringify([
          ['back-or-hip-pain', 84],
          ['fatigue', 61],
          ['throat-pain', 32],
          ['muscle-pain', 24],
          ['insomnia', 15],
          ['headache', 14],
          ['dizziness', 10],
          ['appetite-loss', 10],
          ['nausea', 9],
        ]),
  }),
  'figures.nmdp-median-recovery-20-days': (p) => ({
    keys: [p.recovery.fullRecovery.medianKey],
    holds: p.recovery.fullRecovery.medianDays === 20 && textsSay(p, p.recovery.fullRecovery.medianKey, '20'),
  }),
  'figures.nmdp-recovered-shares-2-7-30-180-days': (p) => ({
    keys: [p.recovery.fullRecovery.titleKey],
    holds:
      JSON.stringify(p.recovery.fullRecovery.shares) ===
      JSON.stringify([
        { day: 2, percent: 5 },
        { day: 7, percent: 18 },
        { day: 30, percent: 71 },
        { day: 180, percent: 97 },
      ]),
  }),
  'figures.nmdp-return-to-work-1-to-7-days': (p) => ({
    keys: [p.activity.returnToWork.textKey],
    holds:
      p.activity.returnToWork.typicalDays.min === 1 &&
      p.activity.returnToWork.typicalDays.max === 7 &&
      textsSay(p, p.activity.returnToWork.textKey, '1') &&
      textsSay(p, p.activity.returnToWork.textKey, '7'),
  }),
  'figures.dkms-contact-2-days-1-week-1-month-6-months': (p) => ({
    keys: [p.recovery.contactPoints.textKey],
    holds: p.recovery.contactPoints.source === 'dkms' && p.recovery.contactPoints.days.join() === '2,7,30,180',
  }),
  'figures.fever-threshold-setting-default-38-0-c': (p) => ({
    keys: ['signs.fever.help'],
    holds:
      p.settings.feverThreshold.value === 38 &&
      p.settings.feverThreshold.unit === 'C' &&
      textsSay(p, 'signs.fever.help', '{fever}'),
  }),
  'figures.what-is-normal-by-recovery-day': (p) => ({
    keys: p.today.normal.map((phase) => phase.textKey),
    holds: p.today.normal.length >= 3 && p.today.normal.every((phase) => phase.textKey === `today.normal.${phase.id}`),
  }),
};

/** Whether the text says `fragment` in every language (numbers must match the data). */
function textsSay(p: CarePlan, key: string, fragment: string): boolean {
  return (['en', 'es'] as const).every((language) => p.texts[language][key]?.includes(fragment) === true);
}

describe('every fact of the bone-marrow-harvest checklist is in the plan', () => {
  it('has rows for every section of the checklist', () => {
    const sections = new Set(Object.keys(FACTS).map((fact) => fact.split('.')[0]));
    const checklist = [
      'procedure',
      'medicines',
      'follow-up',
      'vitamins',
      'activity',
      'contact',
      'emergency',
      'always',
      'figures',
    ];
    expect([...sections].sort()).toEqual(checklist.sort());
  });

  it.each(Object.entries(FACTS))('%s', (_fact, locate) => {
    const evidence = locate(plan);
    expect(evidence.holds).toBe(true);
    expect(evidence.keys.length).toBeGreaterThan(0);
    for (const key of evidence.keys) {
      expect(key, 'the plan has no text for this fact').toBeDefined();
      for (const language of ['en', 'es'] as const) {
        expect(plan.texts[language][key ?? '']?.trim(), `${language}: ${key}`).toBeTruthy();
      }
    }
  });

  it('shows every triage sign, so no sign lacks a fact row', () => {
    const covered = Object.keys(FACTS).filter(
      (fact) => /^(contact|emergency)\./.test(fact) && !fact.includes('advice'),
    );
    expect(covered.length).toBe(plan.triage.signs.length);
  });
});
