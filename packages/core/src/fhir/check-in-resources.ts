/** Check-ins and what follows them as FHIR: Questionnaire(Response), Observations, Flag, RiskAssessment, Provenance, Communication. */
import type * as fhir from '@medplum/fhirtypes';
import { z } from 'zod';
import { signLabelKey, type CarePlan } from '../plan/schema.ts';
import { CheckInSchema, type CheckIn } from '../triage/check-in.ts';
import { toCelsius } from '../triage/triage.ts';
import { checkInQuestionnaireUrl, LOINC, signSystem, SYSTEMS, UCUM_TEMPERATURE } from './codes.ts';
import { patientRef, personRef, ref, text, type ExportContext } from './context.ts';
import type { AlertRecord, CheckInRecord, MessageRecord } from './input.ts';

type Language = 'en' | 'es';

/** The check-in form's own words (the plan's texts cover the signs; these cover the form around them). */
const FORM_TEXT = {
  en: {
    title: 'Daily check-in',
    text: 'How do you feel? Tell us in your own words.',
    signs: 'Do you have any of these signs?',
    temperature: 'Your temperature',
    pain: 'Your pain',
    painScore: 'How bad is your pain, from 0 (none) to 10 (worst)?',
    painMedicine: 'Did you take pain medicine for it?',
  },
  es: {
    title: 'Revisión diaria',
    text: '¿Cómo se siente? Díganos con sus propias palabras.',
    signs: '¿Tiene alguna de estas señales?',
    temperature: 'Su temperatura',
    pain: 'Su dolor',
    painScore: '¿Cuánto le duele, de 0 (nada) a 10 (lo peor)?',
    painMedicine: '¿Tomó medicina para el dolor?',
  },
} as const;

const LINK = {
  text: 'text',
  signs: 'signs',
  temperature: 'temperature',
  pain: 'pain',
  painScore: 'pain-score',
  painMedicine: 'pain-medicine-taken',
} as const;

export function questionnaireId(planId: string): string {
  return `${planId}-check-in`;
}

function signCoding(plan: CarePlan, language: Language, signId: string): fhir.Coding {
  return { system: signSystem(plan.id), code: signId, display: plan.texts[language][signLabelKey(signId)] ?? signId };
}

/** The plan's check-in form. */
export function questionnaireResource(plan: CarePlan, language: Language): fhir.Questionnaire {
  const words = FORM_TEXT[language];
  return {
    resourceType: 'Questionnaire',
    id: questionnaireId(plan.id),
    url: checkInQuestionnaireUrl(plan.id),
    version: plan.version,
    title: `${words.title}: ${plan.texts[language][plan.titleKey] ?? plan.id}`,
    status: 'active',
    subjectType: ['Patient'],
    language,
    item: [
      { linkId: LINK.text, text: words.text, type: 'text' },
      {
        linkId: LINK.signs,
        text: words.signs,
        type: 'choice',
        repeats: true,
        answerOption: plan.triage.signs.map((sign) => ({ valueCoding: signCoding(plan, language, sign.id) })),
      },
      { linkId: LINK.temperature, text: words.temperature, type: 'quantity' },
      {
        linkId: LINK.pain,
        text: words.pain,
        type: 'group',
        item: [
          { linkId: LINK.painScore, text: words.painScore, type: 'integer' },
          { linkId: LINK.painMedicine, text: words.painMedicine, type: 'boolean' },
        ],
      },
    ],
  };
}

/** The check-in as stored, read back; undefined when the stored payload is not a check-in (never expected). */
export function readCheckIn(checkIn: CheckInRecord): CheckIn | undefined {
  const parsed = CheckInSchema.safeParse(checkIn.payload);
  return parsed.success ? parsed.data : undefined;
}

function temperatureQuantity(temperature: { value: number; unit: 'C' | 'F' }): fhir.Quantity {
  return { value: temperature.value, ...UCUM_TEMPERATURE[temperature.unit] };
}

export function questionnaireResponseResource(
  context: ExportContext,
  checkIn: CheckInRecord,
): fhir.QuestionnaireResponse {
  const { plan } = context;
  const payload = readCheckIn(checkIn);
  const language: Language = payload?.language ?? context.language;
  const words = FORM_TEXT[language];
  const item: fhir.QuestionnaireResponseItem[] = [];
  if (payload?.text !== undefined && payload.text.trim() !== '') {
    item.push({ linkId: LINK.text, text: words.text, answer: [{ valueString: payload.text }] });
  }
  if (payload?.signs !== undefined && payload.signs.length > 0) {
    item.push({
      linkId: LINK.signs,
      text: words.signs,
      answer: payload.signs.map((id) => ({ valueCoding: signCoding(plan, language, id) })),
    });
  }
  if (payload?.temperature !== undefined) {
    item.push({
      linkId: LINK.temperature,
      text: words.temperature,
      answer: [{ valueQuantity: temperatureQuantity(payload.temperature) }],
    });
  }
  if (payload?.pain !== undefined) {
    item.push({
      linkId: LINK.pain,
      text: words.pain,
      item: [
        { linkId: LINK.painScore, text: words.painScore, answer: [{ valueInteger: payload.pain.score }] },
        { linkId: LINK.painMedicine, text: words.painMedicine, answer: [{ valueBoolean: payload.pain.medicineTaken }] },
      ],
    });
  }
  return {
    resourceType: 'QuestionnaireResponse',
    id: checkIn.id,
    questionnaire: `${checkInQuestionnaireUrl(plan.id)}|${plan.version}`,
    status: 'completed',
    subject: patientRef(context),
    authored: checkIn.submittedAt,
    author: personRef(context, checkIn.recordedBy),
    source: patientRef(context),
    language,
    ...(item.length > 0 ? { item } : {}),
  };
}

/** The pain score and the temperature of a check-in, as Observations derived from its QuestionnaireResponse. */
export function checkInObservations(context: ExportContext, checkIn: CheckInRecord): fhir.Observation[] {
  const payload = readCheckIn(checkIn);
  const observations: fhir.Observation[] = [];
  const common = {
    status: 'final' as const,
    subject: patientRef(context),
    effectiveDateTime: checkIn.submittedAt,
    issued: checkIn.submittedAt,
    performer: [patientRef(context)],
    derivedFrom: [ref<fhir.QuestionnaireResponse>('QuestionnaireResponse', checkIn.id)],
  };
  if (payload?.pain !== undefined) {
    observations.push({
      resourceType: 'Observation',
      id: `${checkIn.id}-pain`,
      ...common,
      category: [{ coding: [{ system: SYSTEMS.observationCategory, code: 'survey', display: 'Survey' }] }],
      code: { coding: [LOINC.painScore], text: 'Pain score (0-10)' },
      valueQuantity: { value: payload.pain.score, unit: 'score', system: SYSTEMS.ucum, code: '{score}' },
      component: [
        {
          code: { text: 'Pain medicine taken before this score' },
          valueBoolean: payload.pain.medicineTaken,
        },
      ],
    });
  }
  if (payload?.temperature !== undefined) {
    const high = toCelsius(payload.temperature) >= toCelsius(context.plan.settings.feverThreshold);
    observations.push({
      resourceType: 'Observation',
      id: `${checkIn.id}-temperature`,
      ...common,
      category: [{ coding: [{ system: SYSTEMS.observationCategory, code: 'vital-signs', display: 'Vital Signs' }] }],
      code: { coding: [LOINC.bodyTemperature], text: 'Body temperature' },
      valueQuantity: temperatureQuantity(payload.temperature),
      ...(high
        ? { interpretation: [{ coding: [{ system: SYSTEMS.observationInterpretation, code: 'H', display: 'High' }] }] }
        : {}),
    });
  }
  return observations;
}

const LEVEL_NAMES = { emergency: 'Emergency care now', 'contact-provider': 'Contact the care team today' } as const;

function dispositionConcept(context: ExportContext, level: AlertRecord['level']): fhir.CodeableConcept {
  return {
    coding: [{ system: SYSTEMS.disposition, code: level, display: LEVEL_NAMES[level] }],
    text: text(context, context.plan.advice[level]),
  };
}

export function flagResource(context: ExportContext, alert: AlertRecord): fhir.Flag {
  return {
    resourceType: 'Flag',
    id: alert.id,
    status: alert.status === 'resolved' ? 'inactive' : 'active',
    category: [{ coding: [{ system: SYSTEMS.flagCategory, code: 'clinical', display: 'Clinical' }] }],
    code: dispositionConcept(context, alert.level),
    subject: patientRef(context),
    period: { start: alert.createdAt, ...(alert.resolvedAt === null ? {} : { end: alert.resolvedAt }) },
  };
}

const TriageReasonsSchema = z.looseObject({
  reasons: z.array(z.looseObject({ sign: z.string(), level: z.string(), evidence: z.string() })),
});

/** Why triage raised the alert: each sign that fired and the words or field that showed it. */
export function riskAssessmentResource(
  context: ExportContext,
  alert: AlertRecord,
  checkIn: CheckInRecord | undefined,
  observations: readonly fhir.Observation[],
): fhir.RiskAssessment {
  const reasons = TriageReasonsSchema.safeParse(checkIn?.triage);
  const { plan } = context;
  return {
    resourceType: 'RiskAssessment',
    id: `${alert.id}-triage`,
    status: 'final',
    subject: patientRef(context),
    occurrenceDateTime: checkIn?.submittedAt ?? alert.createdAt,
    code: { text: 'Triage of a check-in' },
    method: { text: `Aftercare triage rules of the plan ${plan.id} ${plan.version}` },
    basis: [
      ...(checkIn === undefined ? [] : [ref('QuestionnaireResponse', checkIn.id)]),
      ...observations.map((observation) => ref('Observation', observation.id ?? '')),
    ],
    // The reasons go in notes, not in `prediction`: triage gives no probability, and validators read ras-2 as
    // needing one.
    ...(reasons.success && reasons.data.reasons.length > 0
      ? {
          note: reasons.data.reasons.map((reason) => ({
            text: `${plan.texts[context.language][signLabelKey(reason.sign)] ?? reason.sign} (${reason.level}): ${reason.evidence}`,
          })),
        }
      : {}),
    mitigation: text(context, plan.advice[alert.level]),
  };
}

/** Who acknowledged and who resolved an alert, and when. */
export function alertProvenances(context: ExportContext, alert: AlertRecord): fhir.Provenance[] {
  const steps: [string, string | null, string | null][] = [
    ['acknowledged', alert.acknowledgedBy, alert.acknowledgedAt],
    ['resolved', alert.resolvedBy, alert.resolvedAt],
  ];
  return steps.flatMap(([step, by, at]) =>
    by === null || at === null
      ? []
      : [
          {
            resourceType: 'Provenance' as const,
            id: `${alert.id}-${step}`,
            target: [ref('Flag', alert.id)],
            recorded: at,
            activity: {
              coding: [{ system: SYSTEMS.dataOperation, code: 'UPDATE', display: 'revise' }],
              text: `Alert ${step}`,
            },
            agent: [
              {
                type: { coding: [{ system: SYSTEMS.provenanceParticipantType, code: 'author', display: 'Author' }] },
                who: personRef(context, by),
              },
            ],
          },
        ],
  );
}

export function communicationResource(context: ExportContext, message: MessageRecord): fhir.Communication {
  return {
    resourceType: 'Communication',
    id: message.id,
    status: 'completed',
    subject: patientRef(context),
    sent: message.createdAt,
    sender: personRef(context, message.authorId),
    payload: [{ contentString: message.body }],
  };
}
