/** A care plan as a FHIR PlanDefinition: medicines, visits, the daily check-in, activity, and the warning signs as conditions. */
import type * as fhir from '@medplum/fhirtypes';
import { signLabelKey, type CarePlan } from '../plan/schema.ts';
import { toCelsius } from '../triage/triage.ts';
import { checkInQuestionnaireUrl, planDefinitionUrl, SYSTEMS } from './codes.ts';
import { describeTiming, toFhirDosage } from './timing.ts';

type Language = 'en' | 'es';

const WORDS = {
  en: {
    visits: 'Visits',
    checkIn: 'Daily check-in',
    checkInText: 'Check in each day: how you feel, your temperature, and your pain.',
    day: (day: number) => `About day ${day} after the procedure`,
    reports: (label: string) => `The patient reports: ${label}`,
    fever: (c: string, f: string) => `A temperature of ${c} °C (${f} °F) or more`,
    pain: (score: number) => `Pain of ${score} or more out of 10 after taking pain medicine`,
    asNeeded: 'The amount the care team sets',
  },
  es: {
    visits: 'Visitas',
    checkIn: 'Revisión diaria',
    checkInText: 'Responda cada día: cómo se siente, su temperatura y su dolor.',
    day: (day: number) => `Cerca del día ${day} después del procedimiento`,
    reports: (label: string) => `El paciente dice: ${label}`,
    fever: (c: string, f: string) => `Una temperatura de ${c} °C (${f} °F) o más`,
    pain: (score: number) => `Dolor de ${score} o más sobre 10 después de tomar medicina para el dolor`,
    asNeeded: 'La cantidad que diga el equipo de atención',
  },
} as const;

/** "bone-marrow-harvest" → "BoneMarrowHarvest" (a computable name, pdf-0). */
function computableName(id: string): string {
  return id
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** The timing of a plan medicine: no dates yet (the course starts on the procedure day), only how long it lasts. */
function templateTiming(repeat: fhir.TimingRepeat, courseDays: number | null): fhir.Timing {
  const { boundsPeriod: _dates, ...rest } = repeat;
  return {
    repeat: {
      ...rest,
      ...(courseDays === null
        ? {}
        : { boundsDuration: { value: courseDays, unit: 'd', system: SYSTEMS.ucum, code: 'd' } }),
    },
  };
}

/** A condition in plain words (there is no standard expression language for "the patient says so"). */
function plainCondition(description: string): fhir.PlanDefinitionActionCondition {
  // ExpressionLanguage is an extensible binding: plain text is allowed where no listed language fits.
  const language = 'text/plain' as fhir.Expression['language'];
  return { kind: 'applicability', expression: { description, language, expression: description } };
}

/**
 * The plan in one language as a PlanDefinition, so another system can read what it asks of the patient and when it
 * tells them to seek care. Warning signs become actions whose conditions are plain text.
 *
 * @example
 * const definition = planToPlanDefinition(boneMarrowHarvestPlan, 'es');
 */
export function planToPlanDefinition(plan: CarePlan, language: Language): fhir.PlanDefinition {
  const texts = plan.texts[language];
  const say = (key: string): string => texts[key] ?? key;
  const words = WORDS[language];
  const threshold = plan.settings.feverThreshold;
  const celsius = toCelsius(threshold);
  const fahrenheit = Math.round(((celsius * 9) / 5 + 32) * 10) / 10;
  const fieldSigns = plan.triage.fieldSigns ?? { temperature: 'fever', pain: 'pain-despite-medicine' };
  const painScore = plan.triage.painDespiteMedicineScore ?? 7;

  const signAction = (signId: string): fhir.PlanDefinitionAction => {
    const label = say(signLabelKey(signId));
    const conditions = [plainCondition(words.reports(label))];
    if (signId === fieldSigns.temperature) {
      conditions.push(plainCondition(words.fever(celsius.toFixed(1), fahrenheit.toFixed(1))));
    }
    if (signId === fieldSigns.pain) {
      conditions.push(plainCondition(words.pain(painScore)));
    }
    return { id: `sign-${signId}`, title: label, condition: conditions };
  };

  const action: fhir.PlanDefinitionAction[] = [
    {
      id: 'medicines',
      title: say(plan.medicines.titleKey),
      description: plan.medicines.rules.map((rule) => say(rule.textKey)).join(' '),
      action: plan.medicines.templates.map((template) => {
        const dosage = toFhirDosage(
          { amount: template.amount ?? words.asNeeded, timing: template.timing, startDate: '', endDate: null },
          language,
        );
        return {
          id: `medicine-${template.id}`,
          title: say(template.nameKey),
          description: [
            say(template.reasonKey),
            describeTiming(template.timing, language),
            ...template.noteKeys.map(say),
          ].join(' '),
          ...(dosage.timing?.repeat === undefined
            ? {}
            : { timingTiming: templateTiming(dosage.timing.repeat, template.courseDays) }),
        };
      }),
    },
    {
      id: 'visits',
      title: say(plan.followUps.titleKey),
      description: say(plan.followUps.introKey),
      action: plan.followUps.visits.map((visit) => ({
        id: `visit-${visit.id}`,
        title: say(visit.textKey),
        description: words.day(visit.suggestedOffsetDays),
        timingDuration: { value: visit.suggestedOffsetDays, unit: 'd', system: SYSTEMS.ucum, code: 'd' },
      })),
    },
    {
      id: 'check-in',
      title: words.checkIn,
      description: words.checkInText,
      definitionCanonical: `${checkInQuestionnaireUrl(plan.id)}|${plan.version}`,
      timingTiming: { repeat: { frequency: 1, period: plan.settings.checkInWindowHours, periodUnit: 'h' } },
    },
    {
      id: 'activity',
      title: say(plan.activity.titleKey),
      description: [...plan.activity.textKeys.map(say), say(plan.activity.returnToWork.textKey)].join(' '),
    },
    ...plan.warningSigns.map((group) => ({
      id: `warning-${group.level}`,
      title: say(group.titleKey),
      description: say(plan.advice[group.level]),
      priority: group.level === 'emergency' ? ('stat' as const) : ('urgent' as const),
      selectionBehavior: 'any' as const,
      action: group.signIds.map(signAction),
    })),
  ];

  return {
    resourceType: 'PlanDefinition',
    id: plan.id,
    url: planDefinitionUrl(plan.id),
    version: plan.version,
    name: computableName(plan.id),
    title: say(plan.titleKey),
    type: { coding: [{ system: SYSTEMS.planDefinitionType, code: 'clinical-protocol', display: 'Clinical Protocol' }] },
    status: 'active',
    language,
    description: say(plan.summaryKey),
    usage: say(plan.disclaimerKey),
    action,
  };
}
