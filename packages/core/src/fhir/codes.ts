/** Code systems, codes and units the FHIR mappers use: standard ones where we are sure of them, Aftercare's own otherwise. */

/**
 * Aftercare's own namespace for its code systems, extensions and canonical URLs. It names things; nothing is
 * fetched from it (".invalid" can never resolve, so no one mistakes it for a live terminology server).
 */
export const AFTERCARE_FHIR_NS = 'https://aftercare.invalid/fhir';

export const SYSTEMS = {
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  bcp47: 'urn:ietf:bcp:47',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  observationInterpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  flagCategory: 'http://terminology.hl7.org/CodeSystem/flag-category',
  contactRole: 'http://terminology.hl7.org/CodeSystem/v2-0131',
  planDefinitionType: 'http://terminology.hl7.org/CodeSystem/plan-definition-type',
  provenanceParticipantType: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
  dataOperation: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation',
  /** Aftercare's own: the kind of a medicine (prescription, over-the-counter, vitamin, herb). */
  medicineKind: `${AFTERCARE_FHIR_NS}/CodeSystem/medicine-kind`,
  /** Aftercare's own: who a visit is with (primary-care, hematologist, other). */
  visitWith: `${AFTERCARE_FHIR_NS}/CodeSystem/visit-with`,
  /** Aftercare's own: what a visit is for, by the plan's visit ids (wound-check, blood-tests, …). */
  visitReason: `${AFTERCARE_FHIR_NS}/CodeSystem/visit-reason`,
  /** Aftercare's own: the triage answer (emergency, contact-provider, self-care). */
  disposition: `${AFTERCARE_FHIR_NS}/CodeSystem/disposition`,
  /** Aftercare's own: the user ids behind authors and agents (we export no Practitioner resources). */
  user: `${AFTERCARE_FHIR_NS}/sid/user`,
  /** Aftercare's own: the ids of the stored records, so a re-import can recognise them. */
  medicationId: `${AFTERCARE_FHIR_NS}/sid/medication`,
} as const;

/** The code system of a plan's warning signs (codes are the sign ids). */
export function signSystem(planId: string): string {
  return `${AFTERCARE_FHIR_NS}/CodeSystem/${planId}/sign`;
}

/** Extension: the plan medicine a medicine came from (Medication.planItem, e.g. "pain-relief"). */
export const PLAN_ITEM_EXTENSION = `${AFTERCARE_FHIR_NS}/StructureDefinition/plan-item`;

export const LOINC = {
  painScore: {
    system: SYSTEMS.loinc,
    code: '72514-3',
    display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported',
  },
  bodyTemperature: { system: SYSTEMS.loinc, code: '8310-5', display: 'Body temperature' },
} as const;

export const UCUM_TEMPERATURE = {
  C: { unit: '°C', system: SYSTEMS.ucum, code: 'Cel' },
  F: { unit: '°F', system: SYSTEMS.ucum, code: '[degF]' },
} as const;

/** Canonical URL of a plan as a PlanDefinition, and of its check-in Questionnaire. */
export function planDefinitionUrl(planId: string): string {
  return `${AFTERCARE_FHIR_NS}/PlanDefinition/${planId}`;
}
export function checkInQuestionnaireUrl(planId: string): string {
  return `${AFTERCARE_FHIR_NS}/Questionnaire/${planId}-check-in`;
}
